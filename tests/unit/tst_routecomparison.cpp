#include "core/compare/ComparisonReport.h"
#include "core/compare/RouteComparison.h"
#include "core/pipeline/CaptureMeasurer.h"
#include "core/pipeline/CapturePipeline.h"

#include <QTest>

#include <algorithm>

using namespace ssescope;

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kOrigin = 1'000 * kMs; // steady clock at the request

struct Arrival
{
    StreamId stream;
    quint64 seq; // the upstream's event number: id and data
    qint64 steadyNs;
    quint64 chunk;
    double latencyMs;
};

// What nginx did to an upstream sending 20 small events a second: the
// unbuffered route gets each event 0.4 ms after it was sent, one per read;
// the buffered one gets whole 4 KiB buffers of 90 events, 10 ms after the
// last of them was sent.
std::vector<Arrival> nginxRoutes(int events)
{
    std::vector<Arrival> all;
    const auto sentNs = [](int n) {
        return kOrigin + qint64(n) * 50 * kMs;
    };
    for (int n = 1; n <= events; ++n)
        all.push_back({ 1, quint64(n), sentNs(n) + 400'000, quint64(n), 0.4 });
    for (int first = 1; first + 89 <= events; first += 90) {
        const qint64 at = sentNs(first + 89) + 10 * kMs;
        for (int n = first; n < first + 90; ++n)
            all.push_back({ 2, quint64(n), at, quint64(first), double(at - sentNs(n)) / 1e6 });
    }
    std::stable_sort(all.begin(), all.end(),
        [](const Arrival &a, const Arrival &b) { return a.steadyNs < b.steadyNs; });
    return all;
}

void measure(CaptureMeasurer &measurer, const Arrival &a)
{
    const QByteArray id = QByteArray::number(a.seq);
    const QByteArray data = "{\"n\":" + id + '}';
    measurer.measure(
        SseEventView { a.stream, a.seq, id, "message", data, a.steadyNs, 0, a.chunk, 43 },
        a.latencyMs);
}

std::vector<RouteSpec> threeRoutes()
{
    return { RouteSpec { 1, QStringLiteral("unbuffered"), false, kOrigin },
        RouteSpec { 2, QStringLiteral("buffered"), false, kOrigin },
        RouteSpec { 3, QStringLiteral("gzip"), true, kOrigin } };
}

} // namespace

// Routes compared on synthetic captures shaped like what nginx does.
class RouteComparisonTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nginxShapedRoutesGetTheirVerdicts()
    {
        CaptureMeasurer measurer;
        measurer.startComparison(threeRoutes());
        SubscriptionStatus connecting;
        connecting.state = SubscriptionState::Connecting;
        measurer.applyStatus(3, connecting, kOrigin);
        SubscriptionStatus open;
        open.state = SubscriptionState::Open;
        measurer.applyStatus(1, open, kOrigin + 2 * kMs);
        measurer.applyStatus(2, open, kOrigin + 4600 * kMs);
        for (const Arrival &a : nginxRoutes(1200)) // 60 s
            measure(measurer, a);
        SubscriptionStatus waiting;
        waiting.state = SubscriptionState::Waiting;
        waiting.message = QStringLiteral("No response within 15 s; trying again.");
        measurer.applyStatus(3, waiting, kOrigin + 15'000 * kMs);

        const RouteComparison &comparison = *measurer.comparison();
        const auto reports = judgeRoutes(comparison.allFigures(kOrigin + 60'050 * kMs));
        QCOMPARE(reports.size(), size_t(3));

        const RouteReport &unbuffered = reports[0];
        QCOMPARE(unbuffered.figures.events, quint64(1200));
        QCOMPARE(unbuffered.figures.reads, quint64(1200));
        QCOMPARE(unbuffered.verdict.kind, VerdictKind::Streaming);
        QCOMPARE(unbuffered.figures.delayMs.p50, 0.0); // it is the fastest route
        QVERIFY2(verdictLine(unbuffered)
                     .startsWith(QStringLiteral("unbuffered: streaming: 1.0 event per read")),
            qPrintable(verdictLine(unbuffered)));

        const RouteReport &buffered = reports[1];
        QCOMPARE(buffered.figures.events, quint64(13 * 90));
        QCOMPARE(buffered.figures.reads, quint64(13));
        QCOMPARE(buffered.verdict.kind, VerdictKind::Buffered);
        // Event k of a burst waits (89 - k) * 50 ms + 10 ms: median about 2.2 s.
        QVERIFY2(buffered.figures.delayMs.p50 > 2000 && buffered.figures.delayMs.p50 < 2500,
            qPrintable(QString::number(buffered.figures.delayMs.p50)));
        QVERIFY2(
            buffered.verdict.explanation.contains(QStringLiteral("bursts of ~90 every ~4.5 s")),
            qPrintable(buffered.verdict.explanation));
        QVERIFY(buffered.verdict.explanation.contains(QStringLiteral("behind the fastest route")));
        QVERIFY(buffered.verdict.explanation.contains(QStringLiteral("headers came 4.6 s after")));

        const RouteReport &gzip = reports[2];
        QCOMPARE(gzip.figures.events, quint64(0));
        QCOMPARE(gzip.verdict.kind, VerdictKind::Stalled);
        QVERIFY(
            gzip.verdict.explanation.contains(QStringLiteral("no response headers after 60.0 s")));
        QVERIFY(gzip.verdict.explanation.contains(QStringLiteral("compression was asked for")));

        // The series the view draws: a staircase of 13 steps, 1200 reads.
        const auto &routes = comparison.routes();
        QCOMPARE(routes[1].reads.size(), size_t(13));
        QCOMPARE(routes[1].reads.back().cumulativeEvents, quint64(1170));
        QCOMPARE(routes[0].reads.size(), size_t(1200));
        QCOMPARE(routes[1].delays.size(), size_t(1170));
        QCOMPARE(comparison.originNs(), kOrigin);

        const QByteArray csv = comparisonCsv(reports);
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY(lines[0].startsWith("route,verdict,events,reads"));
        QVERIFY(lines[1].startsWith("unbuffered,streaming,1200,1200,"));
        QVERIFY(lines[2].startsWith("buffered,buffered,1170,13,"));
        QVERIFY(lines[3].startsWith("gzip,stalled,0,0,"));
    }

    // Reads within 2 ms of each other are one burst: the demo's bursts of 90
    // came in two to four reads microseconds apart and read as "~4 every 0 ms".
    void burstsJoinTheirReads_data()
    {
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("burstSize");
        QTest::addColumn<int>("readsPerBurst");
        QTest::addColumn<qint64>("readSpacingNs");
        QTest::addColumn<qint64>("burstPeriodNs");
        QTest::addColumn<double>("latencyMs");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("says");
        QTest::newRow("source bursts of 90 in 3 reads, send times 0.5 ms")
            << 900 << 90 << 3 << qint64(10'000) << 1000 * kMs << 0.5 << QStringLiteral("streaming")
            << QStringLiteral("bursts of ~90 every ~1.0 s come from the source");
        QTest::newRow("proxy bursts of 51 in 2 reads every 2.5 s, 1.3 s late")
            << 510 << 51 << 2 << qint64(50'000) << 2500 * kMs << 1300.0
            << QStringLiteral("buffered") << QStringLiteral("bursts of ~51 every ~2.5 s");
        QTest::newRow("a steady 1,000 a second is no burst")
            << 3000 << 1 << 1 << qint64(0) << 1 * kMs << 0.3 << QStringLiteral("streaming")
            << QStringLiteral("1.0 event per read, median latency 0.3 ms");
        QTest::newRow("one burst of 2,000 at once, 95 s late (gzip)")
            << 2000 << 2000 << 4 << qint64(20'000) << 0LL << 95'000.0 << QStringLiteral("buffered")
            << QStringLiteral(
                   "events arrive in a burst of ~2000 (reads of ~21.0 KiB), median latency 95.0 s");
    }
    void burstsJoinTheirReads()
    {
        QFETCH(int, events);
        QFETCH(int, burstSize);
        QFETCH(int, readsPerBurst);
        QFETCH(qint64, readSpacingNs);
        QFETCH(qint64, burstPeriodNs);
        QFETCH(double, latencyMs);
        QFETCH(QString, verdict);
        QFETCH(QString, says);
        CaptureMeasurer measurer;
        measurer.startComparison({ RouteSpec { 1, QStringLiteral("r"), false, kOrigin } });
        quint64 chunk = 0;
        int sent = 0;
        for (qint64 burst = 0; sent < events; ++burst) {
            const qint64 start = kOrigin + 5 * kMs + burst * burstPeriodNs;
            for (int read = 0; read < readsPerBurst && sent < events; ++read) {
                ++chunk;
                const int inRead = burstSize / readsPerBurst + (read < burstSize % readsPerBurst);
                for (int i = 0; i < inRead && sent < events; ++i, ++sent)
                    measure(measurer,
                        { 1, quint64(sent + 1), start + read * readSpacingNs, chunk, latencyMs });
            }
        }
        const RouteComparison &c = *measurer.comparison();
        const RouteReport report = judgeRoutes(c.allFigures(c.lastActivityNs() + 10 * kMs))[0];
        QCOMPARE(verdictWord(report.verdict.kind), verdict);
        QVERIFY2(report.verdict.explanation.contains(says), qPrintable(verdictLine(report)));
    }

    void aReadSplitByACommentIsOneRead()
    {
        CaptureMeasurer measurer;
        measurer.startComparison({ RouteSpec { 1, QStringLiteral("a"), false, 0 } });
        measure(measurer, { 1, 1, 5 * kMs, 7, 1 });
        measurer.measureComment(1, 5 * kMs); // flushes the run in the middle of the read
        measure(measurer, { 1, 2, 5 * kMs, 7, 1 });
        measure(measurer, { 1, 3, 6 * kMs, 8, 1 });
        const RouteComparison &c = *measurer.comparison();
        QCOMPARE(c.routes()[0].reads.size(), size_t(2));
        QCOMPARE(c.routes()[0].reads[0].events, quint32(2));
        const RouteFigures f = c.figures(0, 6 * kMs);
        QCOMPARE(f.reads, quint64(2));
        QCOMPARE(f.maxEventsPerRead, 2.0);
        QCOMPARE(f.eventsPerRead, 1.5);
    }

    void eventsMatchByIdThenByData_data()
    {
        QTest::addColumn<QByteArray>("idA");
        QTest::addColumn<QByteArray>("dataA");
        QTest::addColumn<QByteArray>("idB");
        QTest::addColumn<QByteArray>("dataB");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same id, other data")
            << QByteArray("7") << QByteArray("x") << QByteArray("7") << QByteArray("y") << true;
        QTest::newRow("other id, same data")
            << QByteArray("7") << QByteArray("x") << QByteArray("8") << QByteArray("x") << false;
        QTest::newRow("no ids, same data")
            << QByteArray() << QByteArray("x") << QByteArray() << QByteArray("x") << true;
        QTest::newRow("no ids, same long data") << QByteArray() << QByteArray(100'000, 'z')
                                                << QByteArray() << QByteArray(100'000, 'z') << true;
        QTest::newRow("same id, other type")
            << QByteArray("7") << QByteArray("x") << QByteArray("7") << QByteArray("y") << false;
        QTest::newRow("no ids, long data differing at the end")
            << QByteArray() << QByteArray(100'000, 'z') << QByteArray()
            << QByteArray(99'999, 'z') + 'y' << false;
    }
    void eventsMatchByIdThenByData()
    {
        QFETCH(QByteArray, idA);
        QFETCH(QByteArray, dataA);
        QFETCH(QByteArray, idB);
        QFETCH(QByteArray, dataB);
        QFETCH(bool, matches);
        RouteComparison c({ RouteSpec { 1, QStringLiteral("a"), false, 0 },
            RouteSpec { 2, QStringLiteral("b"), false, 0 } });
        const QByteArray typeB = QByteArray(QTest::currentDataTag()) == "same id, other type"
            ? QByteArray("burst")
            : QByteArray("message");
        c.matchEvent(1, "message", idA, dataA, 10 * kMs);
        c.matchEvent(2, typeB, idB, dataB, 35 * kMs);
        QCOMPARE(c.matchedEvents(), quint64(matches ? 1 : 0));
        QCOMPARE(c.routes()[1].delays.size(), size_t(matches ? 1 : 0));
        if (matches) {
            QCOMPARE(c.routes()[1].delays.front().delayMs, 25.0);
            QCOMPARE(c.routes()[0].delays.front().delayMs, 0.0);
        }
    }

    void aReplayOnTheSameRouteIsNoMatch()
    {
        RouteComparison c({ RouteSpec { 1, QStringLiteral("a"), false, 0 },
            RouteSpec { 2, QStringLiteral("b"), false, 0 } });
        c.matchEvent(1, "message", "1", "x", 0);
        c.matchEvent(1, "message", "1", "x", 9 * kMs); // reconnected without Last-Event-ID
        QCOMPARE(c.matchedEvents(), quint64(0));
        c.matchEvent(2, "message", "1", "x", 10 * kMs);
        QCOMPARE(c.routes()[1].delays.front().delayMs, 10.0);
    }

    void memoryStaysBounded()
    {
        RouteComparison c({ RouteSpec { 1, QStringLiteral("a"), false, 0 },
            RouteSpec { 2, QStringLiteral("b"), false, 0 } });
        const qint64 extra = 1000;
        for (qint64 n = 0; n < RouteComparison::kMaxPendingKeys + extra; ++n) {
            c.matchEvent(1, "message", QByteArray::number(n), "x", n);
            c.recordRead(1, n, quint64(n), 1, 10);
        }
        QCOMPARE(c.forgottenKeys(), quint64(extra));
        QCOMPARE(c.routes()[0].reads.size(), RouteComparison::kMaxPointsKept);
        QCOMPARE(c.routes()[0].readsForgotten,
            quint64(RouteComparison::kMaxPendingKeys + extra) - RouteComparison::kMaxPointsKept);
        QCOMPARE(c.routes()[0].events, quint64(RouteComparison::kMaxPendingKeys + extra));
        // The newest still match; the forgotten do not.
        c.matchEvent(
            2, "message", QByteArray::number(RouteComparison::kMaxPendingKeys + extra - 1), "x", 0);
        c.matchEvent(2, "message", "0", "x", 0);
        QCOMPARE(c.matchedEvents(), quint64(1));
    }

    // Past the 32 routes the matcher has bits for, a route's verdict says it
    // was not matched rather than look as if it had no delay.
    void routesPastTheMatchLimitSaySo_data()
    {
        QTest::addColumn<int>("routes");
        QTest::newRow("2") << 2;
        QTest::newRow("32") << 32;
        QTest::newRow("33") << 33;
        QTest::newRow("100") << 100;
    }
    void routesPastTheMatchLimitSaySo()
    {
        QFETCH(int, routes);
        std::vector<RouteSpec> specs;
        for (int r = 1; r <= routes; ++r)
            specs.push_back(RouteSpec { StreamId(r), QString::number(r), false, 0 });
        RouteComparison c(std::move(specs));
        for (quint64 n = 0; n < 20; ++n) {
            for (int r = 1; r <= routes; ++r) {
                const qint64 at = qint64(n) * 100 * kMs + r * kMs;
                c.matchEvent(StreamId(r), "message", QByteArray::number(n), "x", at);
                c.recordRead(StreamId(r), at, n, 1, 10);
            }
        }
        const auto reports = judgeRoutes(c.allFigures(30 * 100 * kMs));
        QCOMPARE(c.matchedEvents(), quint64(20));
        for (int r = 0; r < routes; ++r) {
            const bool matched = size_t(r) < RouteComparison::kMaxMatchedRoutes;
            const RouteReport &report = reports[size_t(r)];
            QCOMPARE(report.figures.delayMs.count, matched ? quint64(20) : quint64(0));
            QCOMPARE(
                report.verdict.explanation.contains(QStringLiteral("only the first 32 routes")),
                !matched);
        }
    }

    // Keys every route delivered are done with: nothing about them may stay,
    // or a long comparison of routes that all deliver grows without bound.
    void matchedKeysLeaveNoBookkeeping_data()
    {
        QTest::addColumn<int>("routes");
        QTest::addColumn<bool>("unmatchedFirst"); // an event only the first route carried
        QTest::newRow("2 routes") << 2 << false;
        QTest::newRow("3 routes") << 3 << false;
        QTest::newRow("behind an unmatched key") << 2 << true;
    }
    void matchedKeysLeaveNoBookkeeping()
    {
        QFETCH(int, routes);
        QFETCH(bool, unmatchedFirst);
        std::vector<RouteSpec> specs;
        for (int r = 1; r <= routes; ++r)
            specs.push_back(RouteSpec { StreamId(r), QString::number(r), false, 0 });
        RouteComparison c(std::move(specs));
        if (unmatchedFirst)
            c.matchEvent(1, "message", "only-here", "x", 0);
        constexpr qint64 kEvents = 50'000;
        for (qint64 n = 0; n < kEvents; ++n)
            for (int r = 1; r <= routes; ++r)
                c.matchEvent(StreamId(r), "message", QByteArray::number(n), "x", n + r);
        QCOMPARE(c.matchedEvents(), quint64(kEvents));
        QCOMPARE(c.pendingKeys(), unmatchedFirst ? 1 : 0);
        QVERIFY2(c.trackedKeys() <= 1024, QByteArray::number(quint64(c.trackedKeys())));
        // The unmatched key still matches when its route finally delivers it.
        if (unmatchedFirst) {
            c.matchEvent(2, "message", "only-here", "x", 5);
            QCOMPARE(c.matchedEvents(), quint64(kEvents + 1));
        }
    }

    // A capture read from a file has no request times: nothing is measured
    // from a request (the buffered route's headers did not come "4.5 s after").
    void capturesMeasureNothingFromARequest()
    {
        CaptureMeasurer measurer;
        std::vector<RouteSpec> specs = threeRoutes();
        for (RouteSpec &spec : specs)
            spec.requestedNs = 0;
        measurer.startComparison(specs);
        for (const Arrival &a : nginxRoutes(600))
            measure(measurer, a);
        const RouteComparison &c = *measurer.comparison();
        const auto reports = judgeRoutes(c.allFigures(c.lastActivityNs()));
        QCOMPARE(reports[1].verdict.kind, VerdictKind::Buffered);
        QCOMPARE(reports[1].figures.responseAfterMs, -1.0);
        QCOMPARE(reports[1].figures.firstEventAfterMs, -1.0);
        QVERIFY(!reports[1].verdict.explanation.contains(QStringLiteral("headers came")));
    }

    // A status carries the time it was entered on the network thread.
    void responseTimeComesFromTheStatus()
    {
        RouteComparison c({ RouteSpec { 1, QStringLiteral("a"), false, kOrigin } });
        SubscriptionStatus open;
        open.state = SubscriptionState::Open;
        open.sinceSteadyNs = kOrigin + 7 * kMs;
        c.noteStatus(1, open, kOrigin + 20 * kMs); // handed over 13 ms later
        QCOMPARE(c.figures(0, kOrigin + 30 * kMs).responseAfterMs, 7.0);
    }

    // Opening the view after a minute shows the minute: the store is replayed
    // into the comparison exactly as live measuring would have fed it.
    void startingLateReplaysTheStore()
    {
        const std::vector<Arrival> arrivals = nginxRoutes(600);
        CaptureMeasurer live;
        live.startComparison(threeRoutes());
        CapturePipeline pipeline;
        for (const Arrival &a : arrivals) {
            measure(live, a);
            const QByteArray id = QByteArray::number(a.seq);
            const QByteArray data = "{\"n\":" + id + '}';
            pipeline.ingestRecord(a.stream,
                SseEventView { a.stream, a.seq, id, "message", data, a.steadyNs, 0, a.chunk, 43 },
                a.latencyMs);
        }
        pipeline.startComparison(threeRoutes());
        const qint64 now = kOrigin + 30'000 * kMs;
        const auto expected = judgeRoutes(live.comparison()->allFigures(now));
        const auto replayed = judgeRoutes(pipeline.comparison()->allFigures(now));
        QCOMPARE(comparisonCsv(replayed), comparisonCsv(expected));
    }
};

QTEST_GUILESS_MAIN(RouteComparisonTest)
#include "tst_routecomparison.moc"
