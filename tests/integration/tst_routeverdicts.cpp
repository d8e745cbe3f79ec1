// The comparison's verdicts against a real nginx on loopback:
// the five demo routes of packaging/compare-proxy.sh, subscribed through the
// core for a bounded time, judged by the core.
#include "NginxRoutes.h"
#include "core/common/Clock.h"
#include "core/compare/ComparisonReport.h"
#include "core/net/StreamManager.h"
#include "core/pipeline/CapturePipeline.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class RouteVerdictsNginxTest final : public QObject
{
    Q_OBJECT

private:
    NginxRoutes m_routes;

private Q_SLOTS:
    void initTestCase() { SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes); }

    // The core and `ssescope-cli compare` watch the same five routes at once
    // (the CLI as a child process), so the test takes one bounded interval.
    void routesGetTheirVerdicts()
    {
        const QStringList names
            = { u"unbuffered"_s, u"buffered"_s, u"accel"_s, u"chunked"_s, u"gzip"_s };
        QStringList cliArgs = { u"compare"_s, u"--duration"_s, u"8"_s, u"--latency"_s,
            u"json:/ts"_s, u"--compressed"_s };
        for (const QString &name : names)
            cliArgs << name + u'=' + m_routes.route(name, u"/ticker?rate=50"_s).toString();
        QProcess cli;
        cli.start(QStringLiteral(SSESCOPE_CLI), cliArgs);
        QVERIFY(cli.waitForStarted());

        StreamManager manager;
        CapturePipeline pipeline;
        connect(&manager, &StreamManager::eventsReceived, &pipeline,
            [&pipeline](const EventBatchPtr &batch) { pipeline.ingest(*batch); });
        connect(&manager, &StreamManager::statusChanged, &pipeline,
            [&pipeline](StreamId stream, const SubscriptionStatus &status) {
                pipeline.applyStatus(stream, status, steadyNowNs());
            });

        std::vector<RouteSpec> specs;
        const qint64 startedNs = steadyNowNs();
        for (const QString &name : names) {
            SubscriptionConfig c;
            c.url = m_routes.route(name, u"/ticker?rate=50"_s);
            c.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
            c.allowCompression = name == u"gzip";
            specs.push_back(
                RouteSpec { manager.addSubscription(c), name, c.allowCompression, startedNs });
        }
        pipeline.startComparison(specs);

        // Long enough for nginx to hand on several 4 KiB buffers of ticker
        // events at 50 a second (one a second), and past the 5 s stall limit
        // for gzip, which sends nothing for about 100 s.
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 8000)
            QTest::qWait(100);
        for (const RouteSpec &spec : specs)
            manager.removeSubscription(spec.stream);

        const auto reports = judgeRoutes(pipeline.comparison()->allFigures(steadyNowNs()));
        QHash<QString, RouteReport> byName;
        for (const RouteReport &r : reports) {
            qInfo().noquote() << verdictLine(r) << "| ev/read" << r.figures.eventsPerRead
                              << "latency p50" << r.figures.latencyMs.p50 << "ms";
            byName.insert(r.figures.name, r);
        }
        const RouteReport &buffered = byName[u"buffered"_s];
        const RouteReport &unbuffered = byName[u"unbuffered"_s];
        QVERIFY2(buffered.figures.eventsPerRead > 4, qPrintable(verdictLine(buffered)));
        QVERIFY2(buffered.figures.latencyMs.p50 >= 100, qPrintable(verdictLine(buffered)));
        QCOMPARE(verdictWord(buffered.verdict.kind), u"buffered"_s);
        // Ratios, not absolute times: the suite also runs under ASan on 2 cores.
        QVERIFY2(
            buffered.figures.latencyMs.p50 >= 50 * std::max(0.01, unbuffered.figures.latencyMs.p50),
            qPrintable(verdictLine(buffered) + u" | "_s + verdictLine(unbuffered)));
        QVERIFY2(buffered.figures.delayMs.p50 >= 100, qPrintable(verdictLine(buffered)));
        for (const QString &name : { u"unbuffered"_s, u"accel"_s, u"chunked"_s }) {
            const RouteReport &r = byName[name];
            QVERIFY2(r.figures.events >= 100, qPrintable(verdictLine(r)));
            QVERIFY2(r.figures.eventsPerRead < 2, qPrintable(verdictLine(r)));
            QVERIFY2(r.figures.latencyMs.p50 * 50 <= buffered.figures.latencyMs.p50,
                qPrintable(verdictLine(r)));
            QCOMPARE(verdictWord(r.verdict.kind), u"streaming"_s);
        }
        const RouteReport &gzip = byName[u"gzip"_s];
        QCOMPARE(verdictWord(gzip.verdict.kind), u"stalled"_s);
        QVERIFY2(gzip.verdict.explanation.contains(u"compression was asked for"_s),
            qPrintable(verdictLine(gzip)));

        // The CLI: one line per route, in the order given, `NAME: VERDICT`.
        if (cli.state() != QProcess::NotRunning)
            QVERIFY(cli.waitForFinished(20000));
        const QByteArray out = cli.readAllStandardOutput();
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = out.split('\n');
        const QStringList expected = { u"unbuffered: streaming: "_s, u"buffered: buffered: "_s,
            u"accel: streaming: "_s, u"chunked: streaming: "_s, u"gzip: stalled: "_s };
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(QString::fromUtf8(lines.value(i)).startsWith(expected[i]),
                qPrintable(QString::fromUtf8(out)));
    }
};

QTEST_GUILESS_MAIN(RouteVerdictsNginxTest)
#include "tst_routeverdicts.moc"
