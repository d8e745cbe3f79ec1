// packaging/grafana/ssescope-dashboard.json queries only what ssescope-cli
// --metrics serves: every metric name (and label) in its PromQL is one the
// endpoint writes, scraped from a real run on loopback with a route pair.
#include "CliProcess.h"
#include "core/demo/DemoServerThread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class GrafanaDashboardTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

    // Every "expr" of every panel and the template variables' queries.
    static void collectQueries(const QJsonValue &value, QStringList *out)
    {
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                collectQueries(item, out);
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if ((it.key() == u"expr"_s || it.key() == u"definition"_s) && it->isString())
                    out->append(it->toString());
                else
                    collectQueries(*it, out);
            }
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void everyQueriedMetricIsServed()
    {
        QFile file(QStringLiteral(SSESCOPE_GRAFANA_DASHBOARD));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument dashboard = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(dashboard.isObject(), qPrintable(error.errorString()));
        QStringList queries;
        collectQueries(dashboard.object(), &queries);
        QVERIFY(queries.size() >= 10);

        // Metric names: the identifiers of the PromQL that name ssescope's
        // families; every query must read at least one of them.
        const QRegularExpression metricName(u"\\b(ssescope_[a-z_]+)\\b"_s);
        const QRegularExpression matcher(u"([a-zA-Z_]+)\\s*(=~|!~|!=|=)\\s*\""_s);
        QSet<QString> queried;
        QSet<QString> labels;
        for (const QString &query : queries) {
            int found = 0;
            for (auto it = metricName.globalMatch(query); it.hasNext(); ++found)
                queried.insert(it.next().captured(1));
            QVERIFY2(found > 0, qPrintable(query));
            for (auto it = matcher.globalMatch(query); it.hasNext();)
                labels.insert(it.next().captured(1));
        }
        // The dashboard covers rates, latency, reconnections, errors and routes.
        for (const char *needed : { "ssescope_events_per_second", "ssescope_latency_seconds",
                 "ssescope_reconnections_total", "ssescope_errors_total",
                 "ssescope_route_delay_seconds" })
            QVERIFY2(queried.contains(QLatin1String(needed)), needed);

        // A run with everything on: latency from the ticker's ts, a route pair.
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { u"direct="_s + m_server.url(u"/ticker?rate=40"_s).toString(),
                u"slow="_s + m_server.url(u"/ticker?rate=40&drip=1"_s).toString(), u"--pair"_s,
                u"direct,slow"_s, u"--latency"_s, u"json:/ts"_s, u"--metrics"_s, u"127.0.0.1:0"_s,
                u"-o"_s, u"/dev/null"_s });
        QVERIFY(process.waitForStarted());
        const QUrl metrics = metricsUrl(process);
        QVERIFY(metrics.isValid());

        // Scrapes until every family has samples (the quantiles need events).
        const QRegularExpression sample(
            u"^(ssescope_[a-z_]+)\\{([^}]*)\\} "_s, QRegularExpression::MultilineOption);
        const QRegularExpression labelName(u"([a-zA-Z_]+)=\""_s);
        QSet<QString> served;
        QSet<QString> servedLabels;
        QByteArray response;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            response = httpGet(metrics.host(), quint16(metrics.port()), metrics.path().toUtf8());
            served.clear();
            for (auto it = sample.globalMatch(QString::fromUtf8(response)); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                served.insert(m.captured(1));
                for (auto l = labelName.globalMatch(m.captured(2)); l.hasNext();)
                    servedLabels.insert(l.next().captured(1));
            }
            if (served.contains(queried))
                break;
            QTest::qWait(200);
        }
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK"), response.left(200).constData());
        for (const QString &name : std::as_const(queried))
            QVERIFY2(served.contains(name),
                qPrintable(name + u" is not served:\n"_s + QString::fromUtf8(response)));
        for (const QString &label : std::as_const(labels))
            QVERIFY2(servedLabels.contains(label), qPrintable(u"label "_s + label));
    }
};

QTEST_GUILESS_MAIN(GrafanaDashboardTest)
#include "tst_grafanadashboard.moc"
