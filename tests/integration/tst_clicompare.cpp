// `ssescope-cli compare` end to end, as a child process: live routes against
// the demo server and a server that never answers, and saved captures.
#include "CliProcess.h"

#include "core/demo/DemoServerThread.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

QList<QByteArray> lines(const CliRun &r)
{
    return r.out.split('\n');
}

// One JSON Lines record as the CLI writes it; received is the same for all
// (the comparison reads the steady clock, mono_ns).
QByteArray eventRecord(
    const QByteArray &stream, quint64 seq, qint64 monoNs, quint64 chunk, double latencyMs)
{
    // Plain literals: moc misreads raw strings holding \" and skips the class.
    return "{\"kind\":\"event\",\"stream\":\"" + stream + "\",\"seq\":" + QByteArray::number(seq)
        + ",\"id\":\"" + QByteArray::number(seq) + "\",\"type\":\"message\",\"data\":\"{\\\"n\\\":"
        + QByteArray::number(seq) + "}\",\"received\":\"2026-01-01T00:00:00.000001Z\",\"mono_ns\":"
        + QByteArray::number(monoNs) + ",\"chunk\":" + QByteArray::number(chunk)
        + ",\"bytes\":45,\"latency_ms\":" + QByteArray::number(latencyMs, 'f', 3) + "}\n";
}

// The same 360 events (20 a second for 18 s) on two routes: "direct" gets
// each in its own read at once; "proxy" gets them in reads of 90 every 4.5 s,
// as nginx's 4 KiB proxy buffer hands them on (90 x 45 B), ~2.2 s late on
// the median. Records in arrival order, as a capture holds them.
QByteArray bufferedAndDirectCapture()
{
    constexpr qint64 kMs = 1'000'000;
    constexpr qint64 kBase = 1'000'000 * kMs;
    struct Line
    {
        qint64 monoNs;
        QByteArray text;
    };
    std::vector<Line> records;
    for (quint64 seq = 1; seq <= 360; ++seq) {
        const qint64 sentNs = kBase + qint64(seq) * 50 * kMs;
        records.push_back({ sentNs + kMs, eventRecord("direct", seq, sentNs + kMs, seq, 1.0) });
        const quint64 burst = (seq - 1) / 90 + 1;
        const qint64 deliveredNs = kBase + qint64(burst) * 4500 * kMs + 10 * kMs;
        records.push_back({ deliveredNs,
            eventRecord("proxy", seq, deliveredNs, burst, double(deliveredNs - sentNs) / kMs) });
    }
    std::stable_sort(records.begin(), records.end(),
        [](const Line &a, const Line &b) { return a.monoNs < b.monoNs; });
    QByteArray capture;
    for (const Line &line : records)
        capture += line.text;
    return capture;
}

} // namespace

class CliCompareTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    QTemporaryDir m_dir;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
    }

    // Two routes to the same ticker: both stream, one verdict line each, in
    // the order given, then a blank line and the figures table.
    void liveRoutesThatStream()
    {
        const CliRun r = CliRun::run({ u"compare"_s, u"fast="_s + url(u"/ticker?rate=50"_s),
            u"also="_s + url(u"/ticker?rate=50"_s), u"--latency"_s, u"json:/ts"_s, u"--duration"_s,
            u"3"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> out = lines(r);
        QVERIFY2(out.size() >= 5, r.out.constData());
        QVERIFY2(out[0].startsWith("fast: streaming: "), r.out.constData());
        QVERIFY2(out[1].startsWith("also: streaming: "), r.out.constData());
        QCOMPARE(out[2], QByteArray());
        QVERIFY2(out[3].startsWith("route "), r.out.constData());
        QVERIFY2(out[4].startsWith("fast ") && out[4].contains(" streaming "), r.out.constData());
    }

    // A server that accepts and never answers: the kernel completes the
    // handshake, no byte comes back. Past the 5 s stall threshold the route
    // is stalled; the route beside it still streams. The CSV has both.
    void aRouteThatNeverAnswersIsStalled()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const QString csv = m_dir.filePath(u"stalled.csv"_s);
        QElapsedTimer timer;
        timer.start();
        const CliRun r = CliRun::run({ u"compare"_s, u"live="_s + url(u"/ticker?rate=20"_s),
            u"silent=http://127.0.0.1:%1/events"_s.arg(silent.serverPort()), u"--duration"_s,
            u"5.3"_s, u"--csv"_s, csv });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(timer.elapsed() >= 5300);
        const QList<QByteArray> out = lines(r);
        QVERIFY2(out.size() >= 3, r.out.constData());
        QVERIFY2(out[0].startsWith("live: streaming: "), r.out.constData());
        QVERIFY2(out[1].startsWith("silent: stalled: no response headers after 5.3 s"),
            r.out.constData());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = file.readAll().split('\n');
        QVERIFY(rows.size() >= 3);
        QVERIFY(rows[0].startsWith("route,verdict,events,"));
        QVERIFY(rows[1].startsWith("live,streaming,"));
        QVERIFY(rows[2].startsWith("silent,stalled,0,"));
    }

    // A saved capture: the proxy's route is buffered, the direct one streams.
    void captureWithABufferedRoute()
    {
        const QString path = writeFile(u"routes.jsonl"_s, bufferedAndDirectCapture());
        QVERIFY(!path.isEmpty());
        const CliRun r = CliRun::run({ u"compare"_s, path });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> out = lines(r);
        QVERIFY2(out.size() >= 4, r.out.constData());
        QVERIFY2(out[0].startsWith("direct: streaming: 1.0 event per read"), r.out.constData());
        QVERIFY2(out[1].startsWith("proxy: buffered: events arrive in bursts of ~90 every ~4.5 s "
                                   "(reads of ~4.0 KiB), "),
            r.out.constData());
        QVERIFY2(out[1].contains(", 2.2 s behind the fastest route"), r.out.constData());
        QCOMPARE(out[2], QByteArray());
        QVERIFY2(out[3].startsWith("route "), r.out.constData());
    }

    // From standard input (read twice: spooled), as CSV on standard output.
    void captureFromStandardInputAsCsv()
    {
        const CliRun r
            = CliRun::run({ u"compare"_s, u"-"_s, u"--csv"_s, u"-"_s }, bufferedAndDirectCapture());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> rows = r.out.split('\n');
        QVERIFY2(rows.size() >= 3, r.out.constData());
        QVERIFY(rows[0].startsWith("route,verdict,"));
        QVERIFY2(rows[1].startsWith("direct,streaming,360,360,"), r.out.constData());
        QVERIFY2(rows[2].startsWith("proxy,buffered,360,4,"), r.out.constData());
    }

    // A corrupt record is named and skipped: the report still comes, exit 3.
    void corruptRecordsStillReport()
    {
        const QString path
            = writeFile(u"corrupt.jsonl"_s, bufferedAndDirectCapture() + "{not json\n");
        const CliRun r = CliRun::run({ u"compare"_s, path });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("corrupt.jsonl:721:"), r.err.constData());
        QVERIFY2(r.out.startsWith("direct: streaming: "), r.out.constData());
    }

    // A capture's stream names are anyone's text: a newline or an escape
    // sequence in one stays on its line in the table, written visibly; the
    // CSV keeps the name as it is, quoted.
    void namesFromACaptureStayOnTheirLine()
    {
        QByteArray capture = bufferedAndDirectCapture();
        capture.replace("\"stream\":\"direct\"", "\"stream\":\"di\\nrect\\u001b[2J\"");
        const QString path = writeFile(u"names.jsonl"_s, capture);
        const CliRun r = CliRun::run({ u"compare"_s, path });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(!r.out.contains('\x1b'), r.out.constData());
        const QList<QByteArray> out = lines(r);
        QVERIFY2(out.size() >= 6, r.out.constData());
        QVERIFY2(out[0].startsWith("di\\nrect\\x1b[2J: streaming: "), r.out.constData());
        QVERIFY2(out[1].startsWith("proxy: buffered: "), r.out.constData());
        QVERIFY2(out[4].startsWith("di\\nrect\\x1b[2J  streaming "), r.out.constData());
        QVERIFY2(out[5].startsWith("proxy "), r.out.constData());
        const CliRun csv = CliRun::run({ u"compare"_s, path, u"--csv"_s, u"-"_s });
        QVERIFY2(csv.out.contains("\n\"di\nrect\x1b[2J\",streaming,"), csv.out.constData());
    }

    // Nothing to compare is no report of nothing.
    void emptyCapturesAreAnError_data()
    {
        QTest::addColumn<bool>("fromStdin");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty standard input") << true << QByteArray();
        QTest::newRow("empty file") << false << QByteArray();
        QTest::newRow("blank lines") << false << QByteArray("\n\n");
    }
    void emptyCapturesAreAnError()
    {
        QFETCH(bool, fromStdin);
        QFETCH(QByteArray, content);
        const CliRun r = fromStdin
            ? CliRun::run({ u"compare"_s, u"-"_s }, content)
            : CliRun::run({ u"compare"_s, writeFile(u"empty.jsonl"_s, content) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("holds no stream to compare"), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
    }

    void usageAndInputErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("nothing to compare") << QStringList {} << 2 << u"compare takes routes"_s;
        QTest::newRow("zero duration") << QStringList { u"a=/ticker"_s, u"--duration"_s, u"0"_s }
                                       << 2 << u"--duration needs"_s;
        QTest::newRow("bad option")
            << QStringList { u"a=/ticker"_s, u"--frobnicate"_s } << 2 << u"frobnicate"_s;
        QTest::newRow("bad latency") << QStringList { u"a=/ticker"_s, u"--latency"_s, u"json:ts"_s }
                                     << 2 << u"JSON Pointer"_s;
        QTest::newRow("request option on a capture") << QStringList { u"cap.jsonl"_s,
            u"--compressed"_s } << 2 << u"--compressed applies to live routes"_s;
        QTest::newRow("unknown capture format")
            << QStringList { u"cap.txt"_s } << 2 << u"cannot tell the format"_s;
        QTest::newRow("missing capture")
            << QStringList { u"/nonexistent/cap.jsonl"_s } << 3 << u"cannot read"_s;
    }

    void usageAndInputErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        for (QString &arg : args) {
            if (arg.startsWith(u"a=/"_s))
                arg = u"a="_s + url(arg.mid(2));
        }
        args.prepend(u"compare"_s);
        const CliRun r = CliRun::run(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.contains(stderrHas.toUtf8()), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(CliCompareTest)
#include "tst_clicompare.moc"
