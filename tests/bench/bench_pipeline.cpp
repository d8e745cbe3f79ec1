// The GUI path without the network: on a producer thread, 64 KiB reads are
// parsed and stamped as views and copied into flat batches, as Subscription
// does; EventBatcher hands them over (bounded, with backpressure); the owner
// thread appends them through CapturePipeline. Prints BENCH lines.
//   bench_pipeline [--smoke] [--ingest-only]
#include "core/common/Clock.h"
#include "core/net/EventBatcher.h"
#include "core/pipeline/CapturePipeline.h"
#include "core/sse/SseParser.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include <time.h>

using namespace ssescope;

namespace {

constexpr qsizetype kReadBytes = 64 * 1024;

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

// What Subscription does with each event on the network thread.
class BatchingSink final : public SseParserSink
{
public:
    EventBatch batch;
    void handleEvent(SseEvent &&) override { }
    void handleEventView(const SseEventView &event) override { batch.append(event, m_texts, {}); }
    void handleComment(QByteArrayView, const ChunkStamp &) override { }
    void handleRetry(qint64) override { }
    void handleParseError(SseParseError, qsizetype) override { }

private:
    EventBatch::SharedTexts m_texts;
};

double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

struct Run
{
    double seconds = 0;
    double producerCpu = 0; // each thread's own CPU time: what the path costs
    double consumerCpu = 0; // whatever else the shared machine is doing
    qint64 events = 0;
    qint64 stored = 0;
};

Run runOnce(const QByteArray &corpus, qint64 expected)
{
    EventBatcher batcher;
    CapturePipeline pipeline(EventStoreLimits { 50'000'000, qint64(8) << 30 });
    std::mutex mutex;
    std::condition_variable room;
    QObject::connect(
        &batcher, &EventBatcher::roomAvailable, &batcher, [&] { room.notify_all(); },
        Qt::DirectConnection);
    Run run;
    QObject::connect(&batcher, &EventBatcher::batchReady, &batcher, [&](const EventBatchPtr &b) {
        run.events += pipeline.ingest(*b).appended;
        if (run.events >= expected)
            QCoreApplication::quit();
    });
    QTimer limit; // bounded in time whatever happens
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &batcher, [] { QCoreApplication::exit(1); });
    limit.start(120000);

    const auto start = std::chrono::steady_clock::now();
    const double consumerStart = threadCpuSeconds();
    std::thread producer([&] {
        const double producerStart = threadCpuSeconds();
        BatchingSink sink;
        SseParser parser(1, &sink, {}, EventDelivery::Views);
        quint64 chunk = 0;
        for (qsizetype at = 0; at < corpus.size(); at += kReadBytes) {
            while (!batcher.admit()) {
                std::unique_lock lock(mutex);
                room.wait_for(lock, std::chrono::milliseconds(1));
            }
            const qsizetype n = std::min(kReadBytes, corpus.size() - at);
            parser.feed(QByteArrayView(corpus.constData() + at, n), stampNow(++chunk));
            batcher.publish(sink.batch, 1, {});
        }
        run.producerCpu = threadCpuSeconds() - producerStart;
    });
    const int code = QCoreApplication::exec();
    const auto end = std::chrono::steady_clock::now();
    run.consumerCpu = threadCpuSeconds() - consumerStart;
    producer.join();
    run.seconds = std::chrono::duration<double>(end - start).count();
    run.stored = code == 0 ? pipeline.store().size() : -1;
    return run;
}

// The owner's half alone, on one thread: batches made beforehand (one per
// read, as the producer makes them), then only CapturePipeline::ingest timed.
// Steadier than the two-thread figures on a shared machine.
double ingestOnlyRate(const QByteArray &corpus, qint64 expected, int runs)
{
    std::vector<EventBatch> batches;
    {
        BatchingSink sink;
        SseParser parser(1, &sink, {}, EventDelivery::Views);
        quint64 chunk = 0;
        for (qsizetype at = 0; at < corpus.size(); at += kReadBytes) {
            const qsizetype n = std::min(kReadBytes, corpus.size() - at);
            parser.feed(QByteArrayView(corpus.constData() + at, n), stampNow(++chunk));
            batches.emplace_back();
            batches.back().takeFrom(sink.batch);
        }
    }
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        CapturePipeline pipeline(EventStoreLimits { 50'000'000, qint64(8) << 30 });
        const double start = threadCpuSeconds();
        for (const EventBatch &batch : batches)
            pipeline.ingest(batch);
        times.push_back(threadCpuSeconds() - start);
        if (pipeline.store().size() != expected)
            return -1;
    }
    std::sort(times.begin(), times.end());
    return double(expected) / times[times.size() / 2];
}

void printTwoThreadFigures(std::vector<Run> &runs)
{
    std::sort(
        runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.seconds < b.seconds; });
    const Run &median = runs[runs.size() / 2];
    std::printf("BENCH pipeline_small %.0f events/s\n", double(median.events) / median.seconds);
    // On a machine shared with other work the wall clock says little; each
    // stage has its own core, so the slower stage's CPU time bounds the rate.
    std::printf("BENCH pipeline_small_cpu_bound %.0f events/s\n",
        double(median.events) / std::max(median.producerCpu, median.consumerCpu));
    std::printf("BENCH pipeline_small_producer_cpu %.0f events/s\n",
        double(median.events) / median.producerCpu);
    std::printf("BENCH pipeline_small_consumer_cpu %.0f events/s\n",
        double(median.events) / median.consumerCpu);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const int count = smoke ? 20000 : 4'000'000;
    const QByteArray corpus = smallCorpus(count);
    // --ingest-only: the owner's half alone, for quick comparisons.
    const bool ingestOnlyFlag = app.arguments().contains(QStringLiteral("--ingest-only"));
    std::vector<Run> runs;
    for (int i = 0; i < (smoke ? 1 : ingestOnlyFlag ? 0 : 5); ++i) {
        const Run run = runOnce(corpus, count);
        if (run.stored != count) {
            std::fprintf(stderr, "bench_pipeline: stored %lld of %d\n",
                static_cast<long long>(run.stored), count);
            return 1;
        }
        runs.push_back(run);
    }
    if (!runs.empty())
        printTwoThreadFigures(runs);
    const double ingestOnly = ingestOnlyRate(corpus, count, smoke ? 1 : 5);
    if (ingestOnly < 0) {
        std::fprintf(stderr, "bench_pipeline: ingest-only run lost events\n");
        return 1;
    }
    std::printf("BENCH pipeline_small_ingest_only %.0f events/s\n", ingestOnly);
    return 0;
}
