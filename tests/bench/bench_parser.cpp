// Parser throughput on three generated corpora, fed in 64 KiB reads and
// stamped per read exactly as Subscription does. Prints BENCH lines.
//   bench_parser [--smoke]   (--smoke: tiny corpora, for CTest)
#include "core/common/Clock.h"
#include "core/sse/SseParser.h"

#include <QByteArray>
#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace ssescope;

namespace {

constexpr qsizetype kReadBytes = 64 * 1024;

class CollectingSink final : public SseParserSink
{
public:
    SseEventList events;
    quint64 dispatched = 0;
    quint64 comments = 0;
    void handleEvent(SseEvent &&event) override { events.push_back(std::move(event)); }
    void handleEventView(const SseEventView &event) override
    {
        viewBytes += quint64(event.data.size());
        ++viewEvents;
    }
    quint64 viewBytes = 0;
    quint64 viewEvents = 0;
    void handleComment(QByteArrayView, const ChunkStamp &) override { ++comments; }
    void handleRetry(qint64) override { }
    void handleParseError(SseParseError, qsizetype) override { }
    void handOff()
    {
        dispatched += events.size() + viewEvents;
        viewEvents = 0;
        events.clear(); // the subscription moves them into a batch here
    }
};

QByteArray smallCorpus(int count)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 80);
    for (int i = 1; i <= count; ++i) {
        out += "id: " + QByteArray::number(i) + "\ndata: {\"seq\":" + QByteArray::number(i)
            + ",\"ts\":1764081234567.125,\"price\":101.25}\n\n";
    }
    return out;
}

QByteArray largeCorpus(int count)
{
    QByteArray payload(32 * 1024, 'x');
    for (qsizetype i = 0; i < payload.size(); i += 61)
        payload[i] = char('a' + i % 26);
    QByteArray out;
    out.reserve(qsizetype(count) * (payload.size() + 32));
    for (int i = 1; i <= count; ++i)
        out += "id: " + QByteArray::number(i) + "\ndata: " + payload + "\n\n";
    return out;
}

QByteArray tokenCorpus(int count)
{
    static const char *words[]
        = { "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog" };
    QByteArray out;
    for (int i = 1; i <= count; ++i) {
        if (i % 10 == 0)
            out += ": keep-alive\r\n";
        out += "event: token\r\nid: " + QByteArray::number(i) + "\r\ndata: {\"t\":\"" + words[i % 9]
            + "\"}\r\n\r\n";
    }
    return out;
}

struct Result
{
    double seconds;
    quint64 events;
};

Result parseOnce(const QByteArray &corpus, EventDelivery delivery)
{
    CollectingSink sink;
    sink.events.reserve(4096);
    SseParser parser(1, &sink, {}, delivery);
    const auto start = std::chrono::steady_clock::now();
    quint64 chunk = 0;
    for (qsizetype at = 0; at < corpus.size(); at += kReadBytes) {
        const qsizetype n = std::min(kReadBytes, corpus.size() - at);
        parser.feed(QByteArrayView(corpus.constData() + at, n), stampNow(++chunk));
        sink.handOff();
    }
    const auto end = std::chrono::steady_clock::now();
    return Result { std::chrono::duration<double>(end - start).count(), sink.dispatched };
}

// Median of several runs: the machines here are shared and noisy.
Result measure(const QByteArray &corpus, int runs, EventDelivery delivery)
{
    std::vector<Result> results;
    parseOnce(corpus, delivery); // warm-up
    for (int i = 0; i < runs; ++i)
        results.push_back(parseOnce(corpus, delivery));
    std::sort(results.begin(), results.end(),
        [](const Result &a, const Result &b) { return a.seconds < b.seconds; });
    return results[results.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const int runs = smoke ? 1 : 5;
    struct Corpus
    {
        const char *name;
        QByteArray bytes;
        quint64 expectedEvents;
        bool bytesPrimary;
    };
    const int small = smoke ? 1000 : 1'000'000;
    const int large = smoke ? 20 : 2000;
    const int tokens = smoke ? 3000 : 300'000;
    const Corpus corpora[] = {
        { "parse_small", smallCorpus(small), quint64(small), false },
        { "parse_large", largeCorpus(large), quint64(large), true },
        { "parse_tokens", tokenCorpus(tokens), quint64(tokens), false },
    };
    int failures = 0;
    for (const Corpus &corpus : corpora) {
        const Result r = measure(corpus.bytes, runs, EventDelivery::Owned);
        if (r.events != corpus.expectedEvents) {
            std::fprintf(stderr, "%s: parsed %llu events, expected %llu\n", corpus.name,
                static_cast<unsigned long long>(r.events),
                static_cast<unsigned long long>(corpus.expectedEvents));
            ++failures;
        }
        const double eventsPerSecond = double(r.events) / r.seconds;
        const double bytesPerSecond = double(corpus.bytes.size()) / r.seconds;
        if (corpus.bytesPrimary)
            std::printf("BENCH %s %.2f GB/s\n", corpus.name, bytesPerSecond / 1e9);
        else
            std::printf("BENCH %s %.0f events/s\n", corpus.name, eventsPerSecond);
        std::printf("BENCH %s_bytes %.0f MB/s\n", corpus.name, bytesPerSecond / 1e6);
        if (corpus.bytesPrimary)
            std::printf("BENCH %s_events %.0f events/s\n", corpus.name, eventsPerSecond);
        // The CLI's path: views into reused buffers, no allocation per event.
        const Result v = measure(corpus.bytes, runs, EventDelivery::Views);
        if (corpus.bytesPrimary)
            std::printf("BENCH %s_views %.2f GB/s\n", corpus.name,
                double(corpus.bytes.size()) / v.seconds / 1e9);
        else
            std::printf(
                "BENCH %s_views %.0f events/s\n", corpus.name, double(v.events) / v.seconds);
    }
    return failures == 0 ? 0 : 1;
}
