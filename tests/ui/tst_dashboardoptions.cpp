// The window's command line.
#include "app/dashboard/DashboardApp.h"
#include "app/dashboard/DashboardOptions.h"
#include "app/dashboard/EnglishPlurals.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope::ui;

class TestDashboardOptions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses();
    void latencyAppliesToEveryUrl_data();
    void latencyAppliesToEveryUrl();
    void rejects_data();
    void rejects();
    void noDisplayIsExplained();
    void binaryWithoutDisplayPrintsOneSentence();
    void countsReadAsEnglish_data();
    void countsReadAsEnglish();
};

void TestDashboardOptions::parses()
{
    QString error;
    auto options = DashboardOptions::parse({ u"ssescope"_s }, &error);
    QVERIFY(options);
    QVERIFY(options->wantsDemo());
    options
        = DashboardOptions::parse({ u"ssescope"_s, u"prices=http://127.0.0.1:9/p?a=b"_s,
                                      u"http://127.0.0.1:9/x=y"_s, u"--workspace"_s, u"w.json"_s },
            &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(options->streams.size(), 2);
    QCOMPARE(options->streams.at(0).name, u"prices"_s);
    QCOMPARE(options->streams.at(0).url.toString(), u"http://127.0.0.1:9/p?a=b"_s);
    QCOMPARE(options->streams.at(1).name, QString()); // an = after :// is part of the URL
    QCOMPARE(options->workspace, u"w.json"_s);
    QVERIFY(!options->wantsDemo());
    QVERIFY(!options->compare);
    options = DashboardOptions::parse(
        { u"ssescope"_s, u"--compare"_s, u"a=http://127.0.0.1:9/a"_s, u"b=http://127.0.0.1:9/b"_s },
        &error);
    QVERIFY2(options, qPrintable(error));
    QVERIFY(options->compare);
    QCOMPARE(options->streams.size(), 2);
    QVERIFY(!options->streams.at(0).allowCompression);
    options = DashboardOptions::parse({ u"ssescope"_s, u"a=http://127.0.0.1:9/a"_s,
                                          u"--compressed"_s, u"b=http://127.0.0.1:9/b"_s },
        &error);
    QVERIFY2(options, qPrintable(error));
    QVERIFY(options->streams.at(0).allowCompression && options->streams.at(1).allowCompression);
    options = DashboardOptions::parse({ u"ssescope"_s, u"--tokens"_s, u"anthropic"_s, u"--ndjson"_s,
                                          u"--any-content-type"_s, u"a=http://127.0.0.1:9/a"_s },
        &error);
    QVERIFY2(options, qPrintable(error));
    QVERIFY(options->streams.at(0).tokens == ssescope::TokenStreamConfig::anthropic());
    QCOMPARE(options->streams.at(0).bodyFormat, ssescope::BodyFormat::Ndjson);
    QVERIFY(options->streams.at(0).acceptAnyContentType);
    QVERIFY(!DashboardOptions::parse({ u"ssescope"_s, u"--tokens"_s, u"text"_s }, &error));
    QVERIFY2(error.contains(u"JSON Pointer"_s), qPrintable(error));
    QVERIFY(DashboardOptions::usage().contains(u"--compare"_s));
    options = DashboardOptions::parse({ u"ssescope"_s, u"--version"_s }, &error);
    QVERIFY(options && options->version);
    QVERIFY(DashboardOptions::usage().contains(u"--version"_s));
}

void TestDashboardOptions::latencyAppliesToEveryUrl_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("spec"); // what every URL gets, as LatencyConfig::toSpec
    const QString a = u"a=http://127.0.0.1:9/a"_s;
    const QString b = u"http://127.0.0.1:9/b"_s;
    // The window detects send times unless told otherwise.
    QTest::newRow("default auto") << QStringList { a, b } << u"auto"_s;
    QTest::newRow("none") << QStringList { a, u"--latency"_s, u"none"_s, b } << u"none"_s;
    QTest::newRow("after the URLs")
        << QStringList { a, b, u"--latency"_s, u"json:/meta/ts"_s } << u"json:/meta/ts"_s;
    QTest::newRow("before the URLs")
        << QStringList { u"--latency"_s, u"regex:t=(\\d+)"_s, a, b } << u"regex:t=(\\d+)"_s;
    QTest::newRow("id") << QStringList { u"--latency"_s, u"id"_s, a, b } << u"id"_s;
    QTest::newRow("explicit auto") << QStringList { u"--latency"_s, u"auto"_s, a, b } << u"auto"_s;
}

void TestDashboardOptions::latencyAppliesToEveryUrl()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, spec);
    arguments.prepend(u"ssescope"_s);
    QString error;
    const auto options = DashboardOptions::parse(arguments, &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(options->streams.size(), 2);
    for (const ssescope::SubscriptionConfig &config : options->streams)
        QCOMPARE(config.latency.toSpec(), spec);
}

void TestDashboardOptions::rejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reason");
    QTest::newRow("unknown") << QStringList { u"--frobnicate"_s } << u"Unknown option"_s;
    QTest::newRow("missing value") << QStringList { u"--open"_s } << u"needs a value"_s;
    QTest::newRow("bad scheme") << QStringList { u"ftp://h/x"_s } << u"http://"_s;
    QTest::newRow("latency unknown") << QStringList { u"--latency"_s, u"ts"_s } << u"--latency: "_s;
    QTest::newRow("latency bad pointer")
        << QStringList { u"--latency"_s, u"json:ts"_s } << u"--latency: "_s;
    QTest::newRow("latency missing") << QStringList { u"--latency"_s } << u"needs a value"_s;
    QTest::newRow("bad number") << QStringList { u"--max-events"_s, u"lots"_s }
                                << u"number from 1"_s;
    // MiB times 2^20 must not overflow: it did, and the cap dropped every event.
    QTest::newRow("memory overflow")
        << QStringList { u"--max-memory"_s, u"8796093022208"_s } << u"number from 1 to 1048576"_s;
}

void TestDashboardOptions::rejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, reason);
    arguments.prepend(u"ssescope"_s);
    QString error;
    QVERIFY(!DashboardOptions::parse(arguments, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestDashboardOptions::noDisplayIsExplained()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray display = qgetenv("DISPLAY");
    const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
    qunsetenv("QT_QPA_PLATFORM");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    const char *reason = missingDisplayReason();
    QVERIFY(reason && QByteArray(reason).contains("no display"));
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QVERIFY(!missingDisplayReason());
    qputenv("QT_QPA_PLATFORM", "xcb");
    QVERIFY(missingDisplayReason());
    qputenv("QT_QPA_PLATFORM", platform);
    qputenv("DISPLAY", display);
    qputenv("WAYLAND_DISPLAY", wayland);
}

void TestDashboardOptions::binaryWithoutDisplayPrintsOneSentence()
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"QT_QPA_PLATFORM"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(SSESCOPE_APP), {});
    QVERIFY(app.waitForFinished(20000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 2);
    const QByteArray err = app.readAllStandardError();
    QVERIFY2(
        err.contains("cannot open the window") && err.contains("ssescope-cli"), err.constData());
    QCOMPARE(err.count('\n'), 1);
}

void TestDashboardOptions::countsReadAsEnglish_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("shown");
    QTest::newRow("one") << QByteArray("Last %n minute(s)") << 1 << u"Last 1 minute"_s;
    QTest::newRow("many") << QByteArray("Last %n minute(s)") << 15 << u"Last 15 minutes"_s;
    QTest::newRow("zero") << QByteArray("%n event(s) skipped") << 0 << u"0 events skipped"_s;
    QTest::newRow("two plurals") << QByteArray("%n event(s) in file(s)") << 1
                                 << u"1 event in file"_s;
    QTest::newRow("no count") << QByteArray("Paused.") << -1 << u"Paused."_s;
}

void TestDashboardOptions::countsReadAsEnglish()
{
    QFETCH(QByteArray, source);
    QFETCH(int, n);
    QFETCH(QString, shown);
    EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    const QString text = QCoreApplication::translate("Test", source.constData(), nullptr, n);
    QCoreApplication::removeTranslator(&plurals);
    QCOMPARE(text, shown);
}

QTEST_GUILESS_MAIN(TestDashboardOptions)
#include "tst_dashboardoptions.moc"
