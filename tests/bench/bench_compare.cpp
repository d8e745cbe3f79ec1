// The comparison of routes: what it costs to measure with a comparison on,
// against the same events measured without one, and how long opening the
// comparison view holds the GUI thread while it replays a full store.
// Prints BENCH lines.   bench_compare [--smoke]
#include "core/compare/ComparisonReport.h"
#include "core/pipeline/CaptureMeasurer.h"
#include "core/pipeline/CapturePipeline.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace ssescope;

namespace {

struct Event
{
    StreamId stream;
    QByteArray id;
    QByteArray data;
    qint64 steadyNs;
    quint64 chunk;
};

// Two routes of one upstream: route 1 reads each event alone, route 2 gets
// them in bursts of 51 (nginx's 4 KiB buffer), interleaved in arrival order.
std::vector<Event> twoRoutes(int perRoute)
{
    std::vector<Event> events;
    events.reserve(size_t(perRoute) * 2);
    for (int n = 1; n <= perRoute; ++n) {
        const QByteArray id = QByteArray::number(n);
        const QByteArray data = "{\"seq\":" + id + ",\"ts\":1764081234567.125,\"price\":101.25}";
        events.push_back({ 1, id, data, qint64(n) * 50'000'000, quint64(n) });
        if (n % 51 == 0)
            for (int k = n - 50; k <= n; ++k) {
                const QByteArray kid = QByteArray::number(k);
                events.push_back(
                    { 2, kid, "{\"seq\":" + kid + ",\"ts\":1764081234567.125,\"price\":101.25}",
                        qint64(n) * 50'000'000 + 10'000'000, quint64(n / 51) });
            }
    }
    return events;
}

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

double measureRate(const std::vector<Event> &events, bool compare, int runs)
{
    std::vector<double> rates;
    for (int run = 0; run < runs; ++run) {
        CaptureMeasurer measurer;
        if (compare)
            measurer.startComparison({ RouteSpec { 1, QStringLiteral("unbuffered"), false, 0 },
                RouteSpec { 2, QStringLiteral("buffered"), false, 0 } });
        const auto start = std::chrono::steady_clock::now();
        for (const Event &e : events)
            measurer.measure(SseEventView { e.stream, 0, e.id, "message", e.data, e.steadyNs, 0,
                                 e.chunk, quint64(e.data.size() + 16) },
                1.5);
        measurer.flush();
        rates.push_back(double(events.size()) / seconds(std::chrono::steady_clock::now() - start));
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const int perRoute = smoke ? 5100 : 510'000;
    const std::vector<Event> events = twoRoutes(perRoute);

    const double plain = measureRate(events, false, smoke ? 1 : 5);
    const double compared = measureRate(events, true, smoke ? 1 : 5);
    std::printf("BENCH measure_two_routes %.0f events/s\n", plain);
    std::printf("BENCH measure_two_routes_compared %.0f events/s\n", compared);

    // Opening the view on a store already full of both routes: the replay is
    // bounded to CapturePipeline::kMaxReplayedEvents rows.
    CapturePipeline pipeline;
    for (const Event &e : events)
        pipeline.ingestRecord(e.stream,
            SseEventView { e.stream, 0, e.id, "message", e.data, e.steadyNs, 0, e.chunk,
                quint64(e.data.size() + 16) },
            1.5);
    // The replay runs in bounded turns of the event loop: the longest turn is
    // what the GUI thread feels, the sum what the whole replay costs.
    const auto start = std::chrono::steady_clock::now();
    const RouteComparison &c
        = pipeline.startComparison({ RouteSpec { 1, QStringLiteral("unbuffered"), false, 0 },
            RouteSpec { 2, QStringLiteral("buffered"), false, 0 } });
    double longestTurnS = seconds(std::chrono::steady_clock::now() - start);
    for (bool more = pipeline.isReplaying(); more;) {
        const auto turn = std::chrono::steady_clock::now();
        more = pipeline.replayTurn();
        longestTurnS = std::max(longestTurnS, seconds(std::chrono::steady_clock::now() - turn));
    }
    const double replayS = seconds(std::chrono::steady_clock::now() - start);
    const auto judgeStart = std::chrono::steady_clock::now();
    const auto reports = judgeRoutes(c.allFigures(c.lastActivityNs()));
    const double judgeS = seconds(std::chrono::steady_clock::now() - judgeStart);
    const auto rows = static_cast<long long>(
        std::min<qint64>(pipeline.store().size(), CapturePipeline::kMaxReplayedEvents));
    std::printf("BENCH compare_replay_%lld_rows %.1f ms\n", rows, replayS * 1e3);
    std::printf("BENCH compare_replay_longest_turn %.1f ms\n", longestTurnS * 1e3);
    std::printf("BENCH compare_judge_two_routes %.3f ms\n", judgeS * 1e3);
    if (reports.size() != 2 || reports[1].verdict.kind != VerdictKind::Buffered
        || reports[0].verdict.kind != VerdictKind::Streaming) {
        std::fprintf(stderr, "bench_compare: wrong verdicts: %s | %s\n",
            qPrintable(verdictLine(reports[0])), qPrintable(verdictLine(reports[1])));
        return 1;
    }
    return 0;
}
