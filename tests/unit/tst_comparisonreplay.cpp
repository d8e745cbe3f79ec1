#include "core/compare/ComparisonReport.h"
#include "core/pipeline/CaptureMeasurer.h"
#include "core/pipeline/CapturePipeline.h"

#include <QTest>

using namespace ssescope;

namespace {

constexpr qint64 kMs = 1'000'000;

// Event n of a two-route comparison: the routes alternate, route 2 a read of
// 4 events 3 ms behind route 1's single-event reads (matched by id).
struct Arrival
{
    StreamId stream;
    QByteArray id;
    qint64 steadyNs;
    quint64 chunk;
};

Arrival arrival(qint64 n)
{
    const qint64 k = n / 2;
    if (n % 2 == 0)
        return { 1, QByteArray::number(k), k * kMs, quint64(k) };
    return { 2, QByteArray::number(k), (k / 4) * 4 * kMs + 3 * kMs, quint64(k / 4) };
}

SseEventView view(const Arrival &a)
{
    return SseEventView { a.stream, 0, a.id, "message", a.id, a.steadyNs, 0, a.chunk, 20 };
}

std::vector<RouteSpec> twoRoutes()
{
    return { RouteSpec { 1, QStringLiteral("direct"), false, 0 },
        RouteSpec { 2, QStringLiteral("proxy"), false, 0 } };
}

quint64 comparedEvents(const CapturePipeline &pipeline)
{
    quint64 events = 0;
    for (const RouteComparison::Route &route : pipeline.comparison()->routes())
        events += route.events;
    return events;
}

void finishReplay(CapturePipeline &pipeline)
{
    for (int turn = 0; turn < 1000 && pipeline.isReplaying(); ++turn)
        QCoreApplication::processEvents();
    QVERIFY(!pipeline.isReplaying());
}

} // namespace

// Starting a comparison replays the store in bounded turns of the event loop,
// then goes live, counting every event once and in store order.
class ComparisonReplayTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Structure, not timing: starting reads one turn's rows and no more.
    void replayIsBoundedPerTurn()
    {
        CapturePipeline pipeline;
        const qint64 rows = 2 * CapturePipeline::kReplayRowsPerTurn + 10;
        for (qint64 n = 0; n < rows; ++n)
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        pipeline.startComparison(twoRoutes());
        // A read still open at the turn's end (route 2's reads carry 4 events)
        // is counted when it closes, in the next turn.
        const auto withinOneRead = [&](quint64 expected) {
            const quint64 compared = comparedEvents(pipeline);
            return compared <= expected && compared + 4 > expected;
        };
        QVERIFY(pipeline.isReplaying());
        QVERIFY(withinOneRead(quint64(CapturePipeline::kReplayRowsPerTurn)));
        QCOMPARE(pipeline.replayRemaining(), rows - CapturePipeline::kReplayRowsPerTurn);
        QVERIFY(pipeline.replayTurn());
        QVERIFY(withinOneRead(quint64(2 * CapturePipeline::kReplayRowsPerTurn)));
        QVERIFY(!pipeline.replayTurn());
        QCOMPARE(comparedEvents(pipeline), quint64(rows));
        QCOMPARE(pipeline.replayRemaining(), 0);
    }

    // Live events that arrive while the store is replayed are counted once,
    // in order: the figures are those of measuring everything live.
    void replayThenLiveEqualsLive_data()
    {
        QTest::addColumn<qint64>("before");
        QTest::addColumn<qint64>("during");
        QTest::addColumn<qint64>("liveEvery"); // live events between two turns
        QTest::newRow("small store, then live") << qint64(100) << qint64(500) << qint64(50);
        QTest::newRow("large store, live between turns")
            << qint64(3 * CapturePipeline::kReplayRowsPerTurn) << qint64(20'000) << qint64(997);
        QTest::newRow("large store, no live")
            << qint64(3 * CapturePipeline::kReplayRowsPerTurn) << qint64(0) << qint64(1);
    }
    void replayThenLiveEqualsLive()
    {
        QFETCH(qint64, before);
        QFETCH(qint64, during);
        QFETCH(qint64, liveEvery);
        CaptureMeasurer reference;
        reference.startComparison(twoRoutes());
        CapturePipeline pipeline;
        const auto ingest = [&](qint64 n) {
            const Arrival a = arrival(n);
            reference.measure(view(a), std::nullopt);
            reference.flush();
            pipeline.ingestRecord(a.stream, view(a), std::nullopt);
        };
        for (qint64 n = 0; n < before; ++n)
            ingest(n);
        pipeline.startComparison(twoRoutes());
        for (qint64 n = before; n < before + during; ++n) {
            ingest(n);
            if ((n - before) % liveEvery == 0)
                QCoreApplication::processEvents();
        }
        finishReplay(pipeline);
        for (qint64 n = before + during; n < before + during + 100; ++n)
            ingest(n); // live now
        const qint64 now = (before + during) * kMs;
        QCOMPARE(comparisonCsv(judgeRoutes(pipeline.comparison()->allFigures(now))),
            comparisonCsv(judgeRoutes(reference.comparison()->allFigures(now))));
        QCOMPARE(pipeline.comparison()->matchedEvents(), reference.comparison()->matchedEvents());
    }

    // The store's cap drops the oldest rows while they wait to be replayed:
    // they are counted as skipped, never read from a dropped segment.
    void rowsTheCapDropsAreSkipped()
    {
        CapturePipeline pipeline(EventStoreLimits { 40'000, 1LL << 30 });
        for (qint64 n = 0; n < 40'000; ++n)
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        const quint64 start = pipeline.store().firstSeq();
        pipeline.startComparison(twoRoutes());
        QVERIFY(pipeline.isReplaying());
        for (qint64 n = 40'000; n < 140'000; ++n) // no turn in between
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        finishReplay(pipeline);
        QVERIFY(pipeline.replaySkipped() > 0);
        QCOMPARE(comparedEvents(pipeline) + pipeline.replaySkipped(),
            pipeline.store().lastSeq() + 1 - start);
    }

    // Clearing the capture restarts the comparison empty, and live.
    void clearingStopsTheReplay()
    {
        CapturePipeline pipeline;
        for (qint64 n = 0; n < 3 * CapturePipeline::kReplayRowsPerTurn; ++n)
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        pipeline.startComparison(twoRoutes());
        QVERIFY(pipeline.isReplaying());
        pipeline.clear();
        QVERIFY(!pipeline.isReplaying());
        QCOMPARE(comparedEvents(pipeline), quint64(0));
        for (qint64 n = 0; n < 10; ++n)
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        QCoreApplication::processEvents();
        QCOMPARE(comparedEvents(pipeline), quint64(10));
    }

    // Stopping the comparison mid-replay leaves nothing scheduled behind.
    void stoppingStopsTheReplay()
    {
        CapturePipeline pipeline;
        for (qint64 n = 0; n < 3 * CapturePipeline::kReplayRowsPerTurn; ++n)
            pipeline.ingestRecord(arrival(n).stream, view(arrival(n)), std::nullopt);
        pipeline.startComparison(twoRoutes());
        pipeline.stopComparison();
        QVERIFY(!pipeline.isReplaying());
        QCoreApplication::processEvents();
        QVERIFY(!pipeline.comparison());
    }
};

QTEST_GUILESS_MAIN(ComparisonReplayTest)
#include "tst_comparisonreplay.moc"
