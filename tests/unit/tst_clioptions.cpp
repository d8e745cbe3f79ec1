// ssescope-cli's command line: what it refuses, and why.
#include "app/cli/CliOptions.h"
#include "app/cli/CliOptionsTable.h"

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
        // CR, LF or NUL would let a value add request headers.
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
        // Past INT_MAX ms, Qt's timers switch themselves off.
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
        // Statistics name streams and URLs; not for every host by default.
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
        // `cat cap.jsonl | ssescope-cli stats -` has no file name to go by.
        const auto stats = cli::parseCommandLine({ u"ssescope-cli"_s, u"stats"_s, u"-"_s });
        QVERIFY2(stats.error.isEmpty(), qPrintable(stats.error));
        QCOMPARE(stats.stats.format, CaptureFormat::JsonLines);
        const auto convert
            = cli::parseCommandLine({ u"ssescope-cli"_s, u"convert"_s, u"-"_s, u"out.csv"_s });
        QVERIFY2(convert.error.isEmpty(), qPrintable(convert.error));
        QCOMPARE(convert.convert.from, CaptureFormat::JsonLines);
        QCOMPARE(convert.convert.to, CaptureFormat::Csv);
    }

    void compareCommandLine_data()
    {
        QTest::addColumn<QStringList>("args"); // after "ssescope-cli compare"
        QTest::addColumn<QString>("error"); // a part of it; empty = accepted
        QTest::addColumn<QString>("capture"); // expected when accepted
        QTest::addColumn<QStringList>("names"); // live routes, in order
        QTest::addColumn<double>("durationS");
        const QString a = u"a=http://127.0.0.1:1/a"_s;
        const QString b = u"b=http://127.0.0.1:1/b"_s;
        const double byDefault = cli::CompareOptions::kDefaultDurationS;
        QTest::newRow("two named routes") << QStringList { a, b } << QString() << QString()
                                          << QStringList { u"a"_s, u"b"_s } << byDefault;
        QTest::newRow("plain URLs named as the run names them")
            << QStringList { u"http://127.0.0.1:1/s"_s, u"http://127.0.0.1:1/s"_s } << QString()
            << QString() << QStringList { u"127.0.0.1/s"_s, u"127.0.0.1/s#2"_s } << byDefault;
        QTest::newRow("duration") << QStringList { a, b, u"--duration"_s, u"2.5"_s } << QString()
                                  << QString() << QStringList { u"a"_s, u"b"_s } << 2.5;
        QTest::newRow("request options of the run")
            << QStringList { a, u"-H"_s, u"X-A: b"_s, u"--compressed"_s, u"--latency"_s,
                   u"json:/ts"_s, u"--insecure"_s, u"-X"_s, u"POST"_s, u"--no-reconnect"_s }
            << QString() << QString() << QStringList { u"a"_s } << byDefault;
        QTest::newRow("capture") << QStringList { u"cap.jsonl"_s } << QString() << u"cap.jsonl"_s
                                 << QStringList {} << byDefault;
        QTest::newRow("capture on standard input")
            << QStringList { u"-"_s } << QString() << u"-"_s << QStringList {} << byDefault;
        QTest::newRow("capture with a format")
            << QStringList { u"cap.txt"_s, u"--format"_s, u"sse"_s } << QString() << u"cap.txt"_s
            << QStringList {} << byDefault;
        QTest::newRow("nothing") << QStringList {} << u"compare takes routes"_s << QString()
                                 << QStringList {} << 0.0;
        QTest::newRow("zero duration")
            << QStringList { a, u"--duration"_s, u"0"_s } << u"--duration needs"_s << QString()
            << QStringList {} << 0.0;
        QTest::newRow("negative duration")
            << QStringList { a, u"--duration"_s, u"-1"_s } << u"--duration needs"_s << QString()
            << QStringList {} << 0.0;
        QTest::newRow("duration too long")
            << QStringList { a, u"--duration"_s, u"3000000"_s } << u"--duration needs"_s
            << QString() << QStringList {} << 0.0;
        QTest::newRow("duration nan")
            << QStringList { a, u"--duration"_s, u"nan"_s } << u"--duration needs"_s << QString()
            << QStringList {} << 0.0;
        QTest::newRow("duration on a capture")
            << QStringList { u"cap.jsonl"_s, u"--duration"_s, u"3"_s }
            << u"--duration applies to live routes"_s << QString() << QStringList {} << 0.0;
        QTest::newRow("header on a capture")
            << QStringList { u"cap.jsonl"_s, u"-H"_s, u"X-A: b"_s }
            << u"--header applies to live routes"_s << QString() << QStringList {} << 0.0;
        QTest::newRow("format on live routes")
            << QStringList { a, u"--format"_s, u"csv"_s } << u"--format applies to a capture"_s
            << QString() << QStringList {} << 0.0;
        QTest::newRow("unknown capture format")
            << QStringList { u"cap.txt"_s } << u"cannot tell the format"_s << QString()
            << QStringList {} << 0.0;
        QTest::newRow("bad format name")
            << QStringList { u"cap.jsonl"_s, u"--format"_s, u"xml"_s } << u"unknown format"_s
            << QString() << QStringList {} << 0.0;
        QTest::newRow("header with CRLF, as the run refuses it")
            << QStringList { a, u"-H"_s, u"X-A: b\r\nX-Injected: yes"_s } << u"line break"_s
            << QString() << QStringList {} << 0.0;
        QTest::newRow("bad URL") << QStringList { u"a=ftp://x/y"_s } << u"Only http"_s << QString()
                                 << QStringList {} << 0.0;
        QTest::newRow("bad option") << QStringList { a, u"--frobnicate"_s } << u"frobnicate"_s
                                    << QString() << QStringList {} << 0.0;
    }

    void compareCommandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        QFETCH(QString, capture);
        QFETCH(QStringList, names);
        QFETCH(double, durationS);
        args.prepend(u"compare"_s);
        args.prepend(u"ssescope-cli"_s);
        const cli::ParsedCommandLine parsed = cli::parseCommandLine(args);
        QCOMPARE(parsed.command, cli::ParsedCommandLine::Command::Compare);
        if (!error.isEmpty()) {
            QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
            return;
        }
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.compare.capture, capture);
        QStringList parsedNames;
        for (const SubscriptionConfig &config : parsed.compare.subscriptions)
            parsedNames.append(config.name);
        QCOMPARE(parsedNames, names);
        QCOMPARE(parsed.compare.durationS, durationS);
        QCOMPARE(parsed.compare.format.has_value(), !capture.isEmpty());
    }

    // The run's request options reach a compared route exactly as they reach a run's stream.
    void compareTakesTheRunsRequestOptions()
    {
        const QStringList options { u"-H"_s, u"X-A: b"_s, u"--compressed"_s, u"--latency"_s,
            u"json:/ts"_s, u"--connect-timeout"_s, u"7"_s, u"-d"_s, u"{}"_s };
        const QString url = u"a=http://127.0.0.1:1/a"_s;
        const auto run = cli::parseCommandLine(QStringList { u"ssescope-cli"_s, url } + options);
        const auto compare
            = cli::parseCommandLine(QStringList { u"ssescope-cli"_s, u"compare"_s, url } + options);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QVERIFY2(compare.error.isEmpty(), qPrintable(compare.error));
        QCOMPARE(compare.compare.subscriptions.size(), 1);
        QCOMPARE(compare.compare.subscriptions[0].toJson(), run.run.subscriptions[0].toJson());
        QCOMPARE(compare.compare.latency.toJson(), run.run.latency.toJson());
        QVERIFY(compare.compare.subscriptions[0].allowCompression);
        QCOMPARE(compare.compare.subscriptions[0].method, QByteArray("POST"));
    }

    // Each kind of option says in one whole sentence what it takes, naming
    // the option and quoting the value given (the whole message is compared).
    void optionKindErrors_data()
    {
        QTest::addColumn<QStringList>("args"); // after the program's name
        QTest::addColumn<QString>("error"); // the whole message
        const QString url = u"http://127.0.0.1:1/s"_s;
        const QString a = u"a=http://127.0.0.1:1/a"_s;
        // Numbers, one sentence for each thing counted.
        QTest::newRow("number: events")
            << QStringList { url, u"--max-events"_s, u"-1"_s }
            << u"--max-events needs a number of events from 0 to 1000000000000000000, not \"-1\""_s;
        QTest::newRow("number: attempts")
            << QStringList { url, u"--max-attempts"_s, u"many"_s }
            << u"--max-attempts needs a number of attempts from 0 to 2147483647, not \"many\""_s;
        QTest::newRow("number: milliseconds")
            << QStringList { url, u"--retry"_s, u"3e9"_s }
            << u"--retry needs a number of milliseconds from 0 to 2147483647, not \"3e9\""_s;
        QTest::newRow("number: seconds")
            << QStringList { url, u"--read-timeout"_s, u"nan"_s }
            << u"--read-timeout needs a number of seconds from 0 to 2147483, not \"nan\""_s;
        QTest::newRow("number: seconds above 0") << QStringList { u"compare"_s, a, u"--duration"_s,
            u"0"_s } << u"--duration needs a number of seconds above 0, up to 2147483, not \"0\""_s;
        QTest::newRow("number: interval")
            << QStringList { url, u"--stats=0.001"_s }
            << u"--stats needs an interval from 0.01 to 2147483 seconds, not \"0.001\""_s;
        QTest::newRow("number: signed milliseconds") << QStringList { url, u"--clock-offset"_s,
            u"ahead"_s } << u"--clock-offset needs a number of milliseconds, not \"ahead\""_s;
        // Choices.
        QTest::newRow("choice: policy") << QStringList { url, u"--policy"_s, u"lax"_s }
                                        << u"--policy must be strict or resilient, not \"lax\""_s;
        QTest::newRow("choice: latency unit") << QStringList { url, u"--latency-unit"_s,
            u"h"_s } << u"--latency-unit must be auto, s, ms, us or ns, not \"h\""_s;
        QTest::newRow("choice: output format") << QStringList { url, u"--format"_s,
            u"xml"_s } << u"--format must be jsonl, csv or sse, not \"xml\""_s;
        QTest::newRow("choice: capture format") << QStringList { u"convert"_s, u"a.jsonl"_s,
            u"b.csv"_s, u"--to"_s, u"xml"_s } << u"unknown format \"xml\": use jsonl, csv or sse"_s;
        // Text, checked by what takes it.
        QTest::newRow("text: header without a colon") << QStringList { url, u"-H"_s,
            u"X-A"_s } << u"header \"X-A\" must look like \"Name: value\""_s;
        QTest::newRow("text: header value with a line break")
            << QStringList { url, u"-H"_s, u"X-A: b\nc"_s }
            << u"The value of header \"X-A\" contains a line break or NUL character, which "
               "HTTP headers cannot carry."_s;
        QTest::newRow("text: last event id with a line break")
            << QStringList { url, u"--last-event-id"_s, u"a\rb"_s }
            << u"--last-event-id holds a line break or NUL, which no header can carry"_s;
        QTest::newRow("text: pair of one name") << QStringList { a, u"--pair"_s,
            u"a"_s } << u"--pair takes two different stream names, NAME_A,NAME_B"_s;
        QTest::newRow("text: pair of an unknown name") << QStringList { a, u"--pair"_s,
            u"a,b"_s } << u"--pair a,b: name both streams, as given by NAME=URL"_s;
        // Flags take no value; the parser refuses one.
        QTest::newRow("flag with a value") << QStringList { url, u"--insecure=yes"_s }
                                           << u"Unexpected value after '--insecure'."_s;
        // Options meant for the other half of compare.
        QTest::newRow("live option on a capture") << QStringList { u"compare"_s, u"cap.jsonl"_s,
            u"--policy"_s, u"strict"_s } << u"--policy applies to live routes, not to a capture"_s;
    }
    void optionKindErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        args.prepend(u"ssescope-cli"_s);
        QCOMPARE(cli::parseCommandLine(args).error, error);
    }

    // Without an error, a number keeps the default it replaces.
    void numberOptionKeepsItsDefault()
    {
        const cli::NumberOption option(
            { u"limit"_s }, QString(), u"n"_s, cli::NumberOption::Measure::Events, 10);
        QCommandLineParser parser;
        parser.addOption(option.option());
        QVERIFY(parser.parse({ u"prog"_s }));
        double value = 7;
        QVERIFY(!option.read(parser, &value));
        QCOMPARE(value, 7.0);
        QVERIFY(parser.parse({ u"prog"_s, u"--limit"_s, u"11"_s }));
        const cli::CliOptionError error = option.read(parser, &value);
        QCOMPARE(error.message(), u"--limit needs a number of events from 0 to 10, not \"11\""_s);
        QCOMPARE(value, 7.0);
        QVERIFY(parser.parse({ u"prog"_s, u"--limit"_s, u"10"_s }));
        QVERIFY(!option.read(parser, &value));
        QCOMPARE(value, 10.0);
    }

    void compareHelp()
    {
        const auto parsed = cli::parseCommandLine({ u"ssescope-cli"_s, u"compare"_s, u"--help"_s });
        QCOMPARE(parsed.command, cli::ParsedCommandLine::Command::Help);
        QVERIFY(parsed.helpText.contains(u"--duration"_s));
        QVERIFY(parsed.helpText.contains(u"--header"_s));
        QVERIFY(parsed.helpText.contains(u"Exit codes: 0 the comparison ran"_s));
    }
};

QTEST_GUILESS_MAIN(CliOptionsTest)
#include "tst_clioptions.moc"
