// A proxy's idle timeout, named: Debian's nginx with proxy_read_timeout 2s
// (the /idle2s/ route of packaging/nginx/compare-routes.conf.template) in front
// of a demo stream that goes quiet for 5 s every 3 events. ssescope-cli says
// how each connection ended and, from the second cut on, why.
#include "CliProcess.h"
#include "NginxRoutes.h"

#include <QTest>

using namespace ssescope::test;
using namespace Qt::StringLiterals;

class IdleCutNginxTest final : public QObject
{
    Q_OBJECT

private:
    NginxRoutes m_routes;

private Q_SLOTS:
    void initTestCase() { SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes); }

    void cutsAtTheSameIntervalAreNamed()
    {
        const QUrl url
            = m_routes.route(u"idle2s"_s, u"/ticker?rate=50&quiet_ms=5000&quiet_every=3"_s);
        // Two cuts take about 2 x (2 s + the reconnection).
        const CliRun run = CliRun::run(
            { u"--retry"_s, u"100"_s, u"--duration"_s, u"7"_s, u"quiet="_s + url.toString() }, {},
            20000);
        QCOMPARE(run.exitCode, 0);
        QStringList ends;
        QString diagnosis;
        for (const QJsonObject &line : jsonLines(run.err)) {
            if (line.value(u"kind"_s).toString() != u"state"_s || !line.contains(u"end"_s))
                continue;
            ends << line.value(u"end"_s).toString();
            if (line.contains(u"diagnosis"_s))
                diagnosis = line.value(u"diagnosis"_s).toString();
        }
        QVERIFY2(ends.size() >= 2, qPrintable(QString::fromUtf8(run.err)));
        // nginx ends a chunked response it cannot finish without its last
        // chunk, between events: a body cut short.
        for (const QString &end : ends)
            QCOMPARE(end, u"framing"_s);
        QVERIFY2(diagnosis.startsWith(u"Cut %1 times, each 2 s after the last byte: an idle "
                                      "timeout between you and the server."_s.arg(ends.size())),
            qPrintable(diagnosis));
        QVERIFY2(
            diagnosis.endsWith(u"Send heartbeats more often than that."_s), qPrintable(diagnosis));
    }
};

QTEST_GUILESS_MAIN(IdleCutNginxTest)
#include "tst_idlecutnginx.moc"
