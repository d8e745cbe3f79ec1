// ssescope-cli's command line: what it refuses, and why.
#include "cli/CliOptions.h"

#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

class CliOptionsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error"); // a part of it; empty = accepted
        const QString url = u"http://127.0.0.1:1/s"_s;
        // Issue 6, item 11: CR, LF or NUL would let a value add request headers.
        QTest::newRow("header value with CRLF")
            << QStringList { url, u"-H"_s, u"X-A: b\r\nX-Injected: yes"_s } << u"line break"_s;
        QTest::newRow("header value with LF")
            << QStringList { url, u"-H"_s, u"X-A: b\nX-Injected: yes"_s } << u"line break"_s;
        QTest::newRow("header value with a trailing CR")
            << QStringList { url, u"-H"_s, u"X-A: b\r"_s } << u"line break"_s;
        QTest::newRow("header value with NUL")
            << QStringList { url, u"-H"_s, u"X-A: b"_s + QChar(0) + u"c"_s } << u"NUL"_s;
        QTest::newRow("header name with LF")
            << QStringList { url, u"-H"_s, u"X\n-A: b"_s } << u"line break"_s;
        QTest::newRow("last event id with CRLF") << QStringList { url, u"--last-event-id"_s,
            u"abc\r\nX-Injected: yes"_s } << u"--last-event-id holds a line break"_s;
        QTest::newRow("last event id with NUL")
            << QStringList { url, u"--last-event-id"_s, u"a"_s + QChar(0) } << u"NUL"_s;
        QTest::newRow("plain header and id") << QStringList { url, u"-H"_s,
            u"Authorization: Bearer t"_s, u"--last-event-id"_s, u"41"_s }
                                             << QString();
        // Issue 6, item 25: past INT_MAX ms, Qt's timers switch themselves off.
        QTest::newRow("read timeout too long")
            << QStringList { url, u"--read-timeout"_s, u"2147484"_s } << u"from 0 to 2147483"_s;
        QTest::newRow("read timeout longest")
            << QStringList { url, u"--read-timeout"_s, u"2147483"_s } << QString();
        QTest::newRow("connect timeout too long")
            << QStringList { url, u"--connect-timeout"_s, u"1e10"_s } << u"--connect-timeout"_s;
        QTest::newRow("duration too long")
            << QStringList { url, u"--duration"_s, u"3000000"_s } << u"--duration needs"_s;
        QTest::newRow("duration infinite")
            << QStringList { url, u"--duration"_s, u"inf"_s } << u"--duration needs"_s;
        QTest::newRow("duration nan")
            << QStringList { url, u"--duration"_s, u"nan"_s } << u"--duration needs"_s;
        QTest::newRow("stats too long")
            << QStringList { url, u"--stats=2147484"_s } << u"--stats needs an interval"_s;
        QTest::newRow("stats zero")
            << QStringList { url, u"--stats=0"_s } << u"--stats needs an interval"_s;
        QTest::newRow("stats default") << QStringList { url, u"--stats"_s } << QString();
        QTest::newRow("retry too long")
            << QStringList { url, u"--retry"_s, u"3e9"_s } << u"--retry needs"_s;
        // Issue 6, item 10: statistics name streams and URLs; not for every host by default.
        QTest::newRow("metrics on every address")
            << QStringList { url, u"--metrics"_s, u"0.0.0.0:9464"_s } << u"--metrics-public"_s;
        QTest::newRow("metrics on every IPv6 address")
            << QStringList { url, u"--metrics"_s, u"[::]:9464"_s } << u"--metrics-public"_s;
        QTest::newRow("metrics public, said so")
            << QStringList { url, u"--metrics"_s, u"0.0.0.0:9464"_s, u"--metrics-public"_s }
            << QString();
        QTest::newRow("metrics loopback")
            << QStringList { url, u"--metrics"_s, u"127.0.0.1:0"_s } << QString();
        QTest::newRow("metrics localhost")
            << QStringList { url, u"--metrics"_s, u"localhost:0"_s } << QString();
        QTest::newRow("metrics no port")
            << QStringList { url, u"--metrics"_s, u"127.0.0.1"_s } << u"HOST:PORT"_s;
    }

    // The CLI's output never changes by itself: auto-detection only on request.
    void latencySpecs_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("spec"); // the parsed source as a spec; empty = refused
        QTest::newRow("default is none") << QStringList {} << u"none"_s;
        QTest::newRow("auto") << QStringList { u"--latency"_s, u"auto"_s } << u"auto"_s;
        QTest::newRow("none") << QStringList { u"--latency"_s, u"none"_s } << u"none"_s;
        QTest::newRow("json") << QStringList { u"--latency"_s, u"json:/meta/ts"_s }
                              << u"json:/meta/ts"_s;
        QTest::newRow("id") << QStringList { u"--latency=id"_s } << u"id"_s;
        QTest::newRow("unknown") << QStringList { u"--latency"_s, u"automatic"_s } << QString();
        QTest::newRow("bad pointer") << QStringList { u"--latency"_s, u"json:ts"_s } << QString();
    }

    void latencySpecs()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, spec);
        args.prepend(u"http://127.0.0.1:1/s"_s);
        args.prepend(u"ssescope-cli"_s);
        const cli::ParsedCommandLine parsed = cli::parseCommandLine(args);
        if (spec.isEmpty()) {
            QVERIFY(!parsed.error.isEmpty());
            return;
        }
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.run.latency.toSpec(), spec);
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        args.prepend(u"ssescope-cli"_s);
        const cli::ParsedCommandLine parsed = cli::parseCommandLine(args);
        if (error.isEmpty())
            QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        else
            QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
    }

    void standardStreamsDefaultToJsonLines()
    {
        // Issue 6, item 4: `cat cap.jsonl | ssescope-cli stats -` has no file name to go by.
        const auto stats = cli::parseCommandLine({ u"ssescope-cli"_s, u"stats"_s, u"-"_s });
        QVERIFY2(stats.error.isEmpty(), qPrintable(stats.error));
        QCOMPARE(stats.stats.format, CaptureFormat::JsonLines);
        const auto convert
            = cli::parseCommandLine({ u"ssescope-cli"_s, u"convert"_s, u"-"_s, u"out.csv"_s });
        QVERIFY2(convert.error.isEmpty(), qPrintable(convert.error));
        QCOMPARE(convert.convert.from, CaptureFormat::JsonLines);
        QCOMPARE(convert.convert.to, CaptureFormat::Csv);
    }
};

QTEST_GUILESS_MAIN(CliOptionsTest)
#include "tst_clioptions.moc"
