#include "core/compare/RouteVerdict.h"

#include <QTest>

using namespace ssescope;

Q_DECLARE_METATYPE(ssescope::RouteFigures)
Q_DECLARE_METATYPE(ssescope::VerdictKind)

namespace {

Quantiles quantiles(double p50, double p99, quint64 count)
{
    Quantiles q;
    q.p50 = p50;
    q.p90 = (p50 + p99) / 2;
    q.p99 = p99;
    q.max = p99;
    q.count = count;
    return q;
}

// A route that delivered `events` in reads of `perRead`, `gapMs` apart.
RouteFigures delivered(quint64 events, double perRead, double gapMs, double bytesPerRead = 0)
{
    RouteFigures f;
    f.name = QStringLiteral("route");
    f.events = events;
    f.reads = quint64(double(events) / perRead);
    f.eventsPerRead = perRead;
    f.eventsPerReadP50 = perRead;
    f.bytesPerReadP50 = bytesPerRead > 0 ? bytesPerRead : perRead * 43;
    f.readGapP50Ms = gapMs;
    f.bursts = f.reads;
    f.eventsPerBurst = perRead;
    f.maxEventsPerBurst = perRead;
    f.burstGapP50Ms = gapMs;
    f.responseAfterMs = 2;
    f.firstEventAfterMs = 3;
    f.waitedMs = 60'000;
    return f;
}

} // namespace

// The verdict logic on figures alone: every threshold from both sides.
class RouteVerdictTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void judges_data()
    {
        QTest::addColumn<RouteFigures>("figures");
        QTest::addColumn<VerdictKind>("kind");
        QTest::addColumn<QStringList>("says"); // fragments the explanation must hold

        RouteFigures f = delivered(1200, 1.0, 50);
        f.delayMs = quantiles(0.4, 3.9, 1200);
        QTest::newRow("unbuffered: one per read, 0.4 ms behind")
            << f << VerdictKind::Streaming
            << QStringList { QStringLiteral("1.0 event per read"),
                   QStringLiteral("0.4 ms behind the fastest route") };

        f = delivered(1200, 89.6, 4460, 4096);
        f.delayMs = quantiles(2260, 4400, 1200);
        f.responseAfterMs = 4600;
        QTest::newRow("nginx buffered: bursts of ~90 every 4.5 s, 2.3 s behind")
            << f << VerdictKind::Buffered
            << QStringList { QStringLiteral("bursts of ~90 every ~4.5 s"),
                   QStringLiteral("reads of ~4.0 KiB"),
                   QStringLiteral("2.3 s behind the fastest route"),
                   QStringLiteral("headers came 4.6 s after the request") };

        f = delivered(1200, 89.6, 4460, 4096);
        f.latencyMs = quantiles(2260, 4400, 1200);
        QTest::newRow("buffered, judged by send times when nothing matched")
            << f << VerdictKind::Buffered << QStringList { QStringLiteral("median latency 2.3 s") };

        f = delivered(1200, 25, 1000);
        QTest::newRow("bursty with no delay evidence reads as buffered, and says why")
            << f << VerdictKind::Buffered
            << QStringList { QStringLiteral("no send times and no second route") };

        f = delivered(1500, 25, 1000);
        f.delayMs = quantiles(0.3, 2, 1500);
        QTest::newRow("bursts from the source: the fastest route sees them too")
            << f << VerdictKind::Streaming
            << QStringList { QStringLiteral("come from the source"),
                   QStringLiteral("0.3 ms behind") };

        f = delivered(1500, 25, 1000);
        f.latencyMs = quantiles(0.5, 2, 1500);
        QTest::newRow("bursts from the source, by send times")
            << f << VerdictKind::Streaming
            << QStringList { QStringLiteral("come from the source (median latency 0.5 ms)") };

        f = delivered(1200, 3.9, 200);
        f.delayMs = quantiles(500, 900, 1200);
        QTest::newRow("just under the burst threshold: streaming, but behind")
            << f << VerdictKind::Streaming
            << QStringList { QStringLiteral("3.9 events per read"),
                   QStringLiteral("but 500 ms behind") };

        f = delivered(1200, 4.0, 200);
        f.delayMs = quantiles(100, 300, 1200);
        QTest::newRow("at both thresholds: buffered")
            << f << VerdictKind::Buffered << QStringList {};

        f = delivered(1200, 4.0, 200);
        f.delayMs = quantiles(99, 300, 1200);
        QTest::newRow("bursty, delay just under the threshold: streaming")
            << f << VerdictKind::Streaming << QStringList {};

        f = delivered(1200, 8, 200);
        f.delayMs = quantiles(0.2, 1, 9); // too few matched to decide
        f.latencyMs = quantiles(300, 500, 1200);
        QTest::newRow("too few matches: the latency decides")
            << f << VerdictKind::Buffered
            << QStringList { QStringLiteral("median latency 300 ms") };

        f = delivered(9, 1, 100);
        QTest::newRow("nine events: inconclusive")
            << f << VerdictKind::Inconclusive
            << QStringList { QStringLiteral("only 9 events so far") };

        f = delivered(10, 1, 100);
        QTest::newRow("ten events: judged") << f << VerdictKind::Streaming << QStringList {};

        RouteFigures silent;
        silent.name = QStringLiteral("gzip");
        silent.waitedMs = 45'000;
        silent.compressionRequested = true;
        silent.statusMessage = QStringLiteral("No response within 15 s; trying again.");
        QTest::newRow("gzip: no headers for 45 s, compression asked for")
            << silent << VerdictKind::Stalled
            << QStringList { QStringLiteral("no response headers after 45.0 s"),
                   QStringLiteral("compression was asked for"),
                   QStringLiteral("(No response within 15 s; trying again.)") };

        silent.compressionRequested = false;
        silent.statusMessage.clear();
        QTest::newRow("no headers, no compression: a buffering proxy")
            << silent << VerdictKind::Stalled
            << QStringList { QStringLiteral("not even its headers") };

        silent.waitedMs = 5000;
        QTest::newRow("no headers for exactly 5 s: still waiting")
            << silent << VerdictKind::Inconclusive
            << QStringList { QStringLiteral("waiting for the response (5.0 s so far)") };

        silent.waitedMs = 5001;
        QTest::newRow("no headers for just over 5 s: stalled")
            << silent << VerdictKind::Stalled << QStringList {};

        silent.responseAfterMs = 200;
        silent.waitedMs = 12'200;
        QTest::newRow("headers, then no event")
            << silent << VerdictKind::Stalled
            << QStringList { QStringLiteral(
                   "response headers after 200 ms, then no event in 12.0 s") };

        silent.waitedMs = 3000;
        QTest::newRow("headers, waiting for the first event")
            << silent << VerdictKind::Inconclusive
            << QStringList { QStringLiteral("waiting for the first event") };
    }

    void judges()
    {
        QFETCH(RouteFigures, figures);
        QFETCH(VerdictKind, kind);
        QFETCH(QStringList, says);
        const RouteVerdict verdict = judgeRoute(figures);
        QCOMPARE(verdictWord(verdict.kind), verdictWord(kind));
        QVERIFY(verdict.text().startsWith(verdictWord(kind) + QStringLiteral(": ")));
        for (const QString &fragment : says)
            QVERIFY2(verdict.explanation.contains(fragment),
                qPrintable(QStringLiteral("«%1» lacks «%2»").arg(verdict.explanation, fragment)));
    }

    void durations_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("sub-ms") << 0.43 << QStringLiteral("0.4 ms");
        QTest::newRow("ms") << 12.4 << QStringLiteral("12 ms");
        QTest::newRow("s") << 2260.0 << QStringLiteral("2.3 s");
        QTest::newRow("long") << 95'000.0 << QStringLiteral("95.0 s");
        QTest::newRow("minutes") << 180'000.0 << QStringLiteral("180 s");
    }
    void durations()
    {
        QFETCH(double, ms);
        QFETCH(QString, text);
        QCOMPARE(formatDurationMs(ms), text);
    }
};

QTEST_GUILESS_MAIN(RouteVerdictTest)
#include "tst_routeverdict.moc"
