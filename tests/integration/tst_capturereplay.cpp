// ssescope-demo-server --replay end to end, as a child process: the listing,
// percent-encoded names, the capture's gaps at --speed, its reads kept whole
// (a buffered route replays as buffered, by the verdicts of ssescope-cli
// compare), Last-Event-ID, --loop, and files that cannot be served.
#include "CliProcess.h"

#include "core/demo/DemoServerThread.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kBase = 5'000 * kMs;

// One JSON Lines record, as a capture holds it.
QByteArray eventRecord(const QByteArray &stream, quint64 seq, const QByteArray &id,
    const QByteArray &data, qint64 monoNs, quint64 chunk)
{
    // Plain literals: moc misreads raw strings holding \" and skips the class.
    return "{\"kind\":\"event\",\"stream\":\"" + stream + "\",\"seq\":" + QByteArray::number(seq)
        + ",\"id\":\"" + id + "\",\"type\":\"tick\",\"data\":\"" + data
        + "\",\"received\":\"2026-01-01T00:00:00.000001Z\",\"mono_ns\":"
        + QByteArray::number(monoNs) + ",\"chunk\":" + QByteArray::number(chunk)
        + ",\"bytes\":30,\"latency_ms\":null}\n";
}

// "a b/c": four reads 1000, 2000 and 500 ms apart, then 500 ms later five
// events in one read; "plain" and "π" one event each.
QByteArray gapsCapture()
{
    QByteArray capture;
    const qint64 at[] = { 0, 1000, 3000, 3500 };
    const char *data[] = { "one", "two", "three", "four" };
    for (int i = 0; i < 4; ++i)
        capture += eventRecord("a b/c", quint64(i + 1), QByteArray::number(i + 1), data[i],
            kBase + at[i] * kMs, quint64(i + 1));
    for (int k = 0; k < 5; ++k)
        capture += eventRecord("a b/c", quint64(5 + k), QByteArray::number(5 + k),
            "burst" + QByteArray::number(k), kBase + 4000 * kMs, 5);
    capture += eventRecord("plain", 1, "p1", "x", kBase + 100 * kMs, 1);
    capture += eventRecord("\xCF\x80", 1, "", "pi", kBase + 200 * kMs, 1);
    return capture;
}

// The same 180 events (20 a second for 9 s) on two routes: "direct" gets each
// in its own read at once; "proxy" in reads of 90 every 4.5 s, as nginx's
// proxy buffer hands them on. In arrival order, as a capture holds them.
QByteArray bufferedAndDirectCapture()
{
    struct Line
    {
        qint64 monoNs;
        QByteArray text;
    };
    std::vector<Line> records;
    for (quint64 seq = 1; seq <= 180; ++seq) {
        const QByteArray id = QByteArray::number(seq);
        const qint64 sentNs = kBase + qint64(seq) * 50 * kMs;
        records.push_back(
            { sentNs + kMs, eventRecord("direct", seq, id, "n" + id, sentNs + kMs, seq) });
        const quint64 burst = (seq - 1) / 90 + 1;
        const qint64 deliveredNs = kBase + qint64(burst) * 4500 * kMs + 10 * kMs;
        records.push_back(
            { deliveredNs, eventRecord("proxy", seq, id, "n" + id, deliveredNs, burst) });
    }
    std::stable_sort(records.begin(), records.end(),
        [](const Line &a, const Line &b) { return a.monoNs < b.monoNs; });
    QByteArray capture;
    for (const Line &line : records)
        capture += line.text;
    return capture;
}

// ssescope-demo-server --replay as a child; the port is its first line.
class ReplayServer final
{
public:
    ReplayServer() = default;
    ~ReplayServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Q_DISABLE_COPY_MOVE(ReplayServer)

    bool start(const QStringList &args)
    {
        m_process.start(
            QStringLiteral(SSESCOPE_DEMO_SERVER), QStringList { u"--port"_s, u"0"_s } + args);
        if (!m_process.waitForStarted(5000))
            return false;
        while (!m_process.canReadLine() && m_process.waitForReadyRead(10000)) { }
        m_port = m_process.readLine().trimmed().toUShort();
        return m_port != 0;
    }
    quint16 port() const { return m_port; }
    QString url(const QString &path) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path);
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// One request with extra header lines; the response's head and what of the
// body came within timeoutMs.
QByteArray request(
    quint16 port, const QByteArray &path, const QByteArray &headers = {}, int timeoutMs = 2000)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && socket.waitForReadyRead(int(timeoutMs - timer.elapsed())))
        response += socket.readAll();
    return response;
}

QList<QJsonObject> events(const CliRun &r)
{
    QList<QJsonObject> out;
    for (const QJsonObject &record : jsonLines(r.out)) {
        if (record.value(u"kind"_s).toString() == u"event"_s)
            out.append(record);
    }
    return out;
}

} // namespace

class CaptureReplayTest final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_gaps;

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
        QVERIFY(m_dir.isValid());
        m_gaps = writeFile(u"gaps.jsonl"_s, gapsCapture());
        QVERIFY(!m_gaps.isEmpty());
    }

    // GET / lists every stream with its percent-encoded path, as JSON; an
    // unknown path is a 404 with a sentence.
    void listsTheStreams()
    {
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, m_gaps }));
        const QByteArray response = httpGet(u"127.0.0.1"_s, server.port(), "/");
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("Content-Type: application/json"));
        const QJsonObject listing
            = QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(listing.value(u"capture"_s).toString(), u"gaps.jsonl"_s);
        const QJsonArray streams = listing.value(u"streams"_s).toArray();
        QCOMPARE(streams.size(), 3);
        QCOMPARE(streams[0].toObject().value(u"name"_s).toString(), u"a b/c"_s);
        QCOMPARE(streams[0].toObject().value(u"path"_s).toString(), u"/a%20b%2Fc"_s);
        QCOMPARE(streams[0].toObject().value(u"events"_s).toInt(), 9);
        QCOMPARE(streams[0].toObject().value(u"reads"_s).toInt(), 5);
        QCOMPARE(streams[0].toObject().value(u"resumable"_s).toBool(), true);
        QCOMPARE(streams[1].toObject().value(u"path"_s).toString(), u"/plain"_s);
        QCOMPARE(streams[2].toObject().value(u"name"_s).toString(), QString(QChar(0x3C0)));
        QCOMPARE(streams[2].toObject().value(u"path"_s).toString(), u"/%CF%80"_s);

        const QByteArray missing = httpGet(u"127.0.0.1"_s, server.port(), "/nope");
        QVERIFY2(missing.startsWith("HTTP/1.1 404 "), missing.constData());
        QVERIFY(missing.contains("This capture has no stream at /nope. GET / lists its streams"));
    }

    void percentEncodedNames_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("space and slash") << QByteArray("/a%20b%2Fc") << QByteArray("data: one\n");
        QTest::newRow("lower-case hex") << QByteArray("/a%20b%2fc") << QByteArray("data: one\n");
        QTest::newRow("UTF-8") << QByteArray("/%CF%80") << QByteArray("data: pi\n");
        QTest::newRow("plain") << QByteArray("/plain")
                               << QByteArray("id: p1\nevent: tick\ndata: x\n");
    }

    void percentEncodedNames()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, data);
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, m_gaps, u"--speed"_s, u"1000"_s }));
        const QByteArray response = request(server.port(), path);
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("Content-Type: text/event-stream"));
        QVERIFY(response.contains("Access-Control-Allow-Origin: *\r\n"));
        QVERIFY2(response.contains(data), response.constData());
    }

    // At --speed 10 the gaps of 1000, 2000, 500 and 500 ms come 100, 200, 50
    // and 50 ms apart, in order; the five events of one read arrive in one
    // read (one chunk of the client's).
    void gapsAndReadsAtSpeed()
    {
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, m_gaps, u"--speed"_s, u"10"_s }));
        const CliRun r = CliRun::run({ server.url(u"/a%20b%2Fc"_s), u"--max-events"_s, u"9"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> got = events(r);
        QCOMPARE(got.size(), 9);
        const QStringList expected { u"one"_s, u"two"_s, u"three"_s, u"four"_s, u"burst0"_s,
            u"burst1"_s, u"burst2"_s, u"burst3"_s, u"burst4"_s };
        for (int i = 0; i < 9; ++i)
            QCOMPARE(got[i].value(u"data"_s).toString(), expected[i]);
        const double gapsMs[] = { 100, 200, 50, 50 };
        for (int i = 0; i < 4; ++i) {
            const double gap = double(got[i + 1].value(u"mono_ns"_s).toInteger()
                                   - got[i].value(u"mono_ns"_s).toInteger())
                / double(kMs);
            // Each read is due at its offset from the response's start, so one
            // that came late (a loaded machine) shortens the gap after it.
            QVERIFY2(gap >= gapsMs[i] - 15 && gap <= gapsMs[i] + 60,
                qPrintable(u"gap %1: %2 ms, expected %3 ms"_s.arg(i).arg(gap).arg(gapsMs[i])));
        }
        QSet<qint64> chunks;
        for (int i = 0; i < 9; ++i)
            chunks.insert(got[i].value(u"chunk"_s).toInteger());
        QCOMPARE(chunks.size(), 5); // four reads of one event, one of five
        for (int i = 5; i < 9; ++i)
            QCOMPARE(got[i].value(u"chunk"_s).toInteger(), got[4].value(u"chunk"_s).toInteger());
    }

    // The demo server's bursty stream, recorded by ssescope-cli, is buffered
    // by the verdicts (bursts and no send times); replayed, it still is: each
    // burst went out as the one read it arrived in.
    void aRecordedBurstyStreamReplaysAsBuffered()
    {
        demo::DemoServerThread demo;
        QVERIFY(demo.start());
        const QString capture = m_dir.filePath(u"bursty.jsonl"_s);
        const CliRun record
            = CliRun::run({ demo.url(u"/bursty?burst=10&period=300&count=40"_s).toString(),
                u"--max-events"_s, u"40"_s, u"-o"_s, capture });
        QVERIFY2(record.exitCode == 0, record.err.constData());
        const CliRun original = CliRun::run({ u"compare"_s, capture });
        // How many of a burst share one read depends on the machine's load
        // while recording (~8 on a busy CI machine): only the verdict is fixed.
        QVERIFY2(original.out.contains(": buffered: events arrive in bursts of ~"),
            original.out.constData());

        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, capture }));
        const QByteArray listing = httpGet(u"127.0.0.1"_s, server.port(), "/");
        const QJsonObject root
            = QJsonDocument::fromJson(listing.mid(listing.indexOf("\r\n\r\n") + 4)).object();
        const QString path
            = root.value(u"streams"_s).toArray().at(0).toObject().value(u"path"_s).toString();
        QVERIFY2(!path.isEmpty(), listing.constData());
        const CliRun replayed = CliRun::run(
            { u"compare"_s, u"replay="_s + server.url(path), u"--duration"_s, u"2.5"_s });
        QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
        QVERIFY2(replayed.out.startsWith("replay: buffered: events arrive in bursts of ~"),
            replayed.out.constData());
    }

    // Two routes recorded side by side replay side by side: the direct one
    // streams, the one a proxy buffered is buffered, behind the fastest.
    void sideBySideRoutesKeepTheirVerdicts()
    {
        const QString capture = writeFile(u"routes.jsonl"_s, bufferedAndDirectCapture());
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, capture, u"--speed"_s, u"10"_s }));
        const CliRun r = CliRun::run({ u"compare"_s, u"direct="_s + server.url(u"/direct"_s),
            u"proxy="_s + server.url(u"/proxy"_s), u"--duration"_s, u"2"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> out = r.out.split('\n');
        QVERIFY2(out.size() >= 2, r.out.constData());
        QVERIFY2(out[0].startsWith("direct: streaming: "), r.out.constData());
        QVERIFY2(out[1].startsWith("proxy: buffered: events arrive in bursts of ~90"),
            r.out.constData());
        QVERIFY2(out[1].contains("behind the fastest route"), r.out.constData());
    }

    // Last-Event-ID: the events after the one with that id; an unknown id
    // from the start; the last one: 204, so the client stops.
    void lastEventIdResumes()
    {
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, m_gaps, u"--speed"_s, u"100"_s }));
        const CliRun resumed = CliRun::run({ server.url(u"/a%20b%2Fc"_s), u"--last-event-id"_s,
            u"4"_s, u"--max-events"_s, u"5"_s });
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QList<QJsonObject> got = events(resumed);
        QCOMPARE(got.size(), 5);
        QCOMPARE(got.first().value(u"id"_s).toString(), u"5"_s);
        QCOMPARE(got.first().value(u"data"_s).toString(), u"burst0"_s);

        const CliRun unknown = CliRun::run({ server.url(u"/a%20b%2Fc"_s), u"--last-event-id"_s,
            u"zzz"_s, u"--max-events"_s, u"1"_s });
        QVERIFY2(unknown.exitCode == 0, unknown.err.constData());
        QCOMPARE(events(unknown).value(0).value(u"data"_s).toString(), u"one"_s);

        const QByteArray done = request(server.port(), "/a%20b%2Fc", "Last-Event-ID: 9\r\n");
        QVERIFY2(done.startsWith("HTTP/1.1 204 "), done.constData());
    }

    // --loop: after the last event the first again, ids as recorded; the last
    // id then resumes at the next pass.
    void loopStartsAgain()
    {
        ReplayServer server;
        QVERIFY(server.start({ u"--replay"_s, m_gaps, u"--speed"_s, u"100"_s, u"--loop"_s }));
        const CliRun r = CliRun::run({ server.url(u"/a%20b%2Fc"_s), u"--max-events"_s, u"12"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> got = events(r);
        QCOMPARE(got.size(), 12);
        QCOMPARE(got[8].value(u"id"_s).toString(), u"9"_s);
        QCOMPARE(got[9].value(u"id"_s).toString(), u"1"_s);
        QCOMPARE(got[11].value(u"data"_s).toString(), u"three"_s);

        const QByteArray next = request(server.port(), "/a%20b%2Fc", "Last-Event-ID: 9\r\n", 300);
        QVERIFY2(next.startsWith("HTTP/1.1 200 "), next.constData());
        QVERIFY2(next.contains("data: one\n"), next.constData());
    }

    void unusableInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("sentence");
        const QString missing = u"/nonexistent/capture.jsonl"_s;
        QTest::newRow("missing file") << QStringList { u"--replay"_s, missing } << 1
                                      << QByteArray("Cannot open /nonexistent/capture.jsonl: ");
        QTest::newRow("not a capture") << QStringList { u"--replay"_s, u"GARBAGE"_s } << 1
                                       << QByteArray("holds no event that could be read (line 1: ");
        QTest::newRow("no events")
            << QStringList { u"--replay"_s, u"EMPTY"_s } << 1 << QByteArray("holds no events.");
        QTest::newRow("extension") << QStringList { u"--replay"_s, u"capture.txt"_s } << 1
                                   << QByteArray("is not a capture: use .jsonl, .csv or .sse.");
        QTest::newRow("directory")
            << QStringList { u"--replay"_s, u"DIR"_s } << 1 << QByteArray("is not a regular file");
        QTest::newRow("speed 0") << QStringList { u"--replay"_s, u"GAPS"_s, u"--speed"_s,
            u"0"_s } << 2 << QByteArray("--speed must be a number from 0.01 to 1000, not \"0\"");
        QTest::newRow("speed word") << QStringList { u"--replay"_s, u"GAPS"_s, u"--speed"_s,
            u"fast"_s } << 2 << QByteArray("--speed must be a number");
        QTest::newRow("speed too high") << QStringList { u"--replay"_s, u"GAPS"_s, u"--speed"_s,
            u"5000"_s } << 2 << QByteArray("--speed must be a number");
        QTest::newRow("speed alone") << QStringList { u"--speed"_s, u"2"_s } << 2
                                     << QByteArray("--speed and --loop go with --replay");
    }

    // Clear sentences on stderr and a non-zero exit, no crash.
    void unusableInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, sentence);
        const QString garbage = writeFile(u"garbage.jsonl"_s, "this is no capture\n");
        const QString empty = writeFile(u"empty.jsonl"_s, {});
        QDir(m_dir.path()).mkpath(u"dir.jsonl"_s);
        for (QString &arg : args) {
            if (arg == u"GARBAGE"_s)
                arg = garbage;
            else if (arg == u"EMPTY"_s)
                arg = empty;
            else if (arg == u"DIR"_s)
                arg = m_dir.filePath(u"dir.jsonl"_s);
            else if (arg == u"GAPS"_s)
                arg = m_gaps;
        }
        QProcess process;
        process.start(
            QStringLiteral(SSESCOPE_DEMO_SERVER), QStringList { u"--port"_s, u"0"_s } + args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), exitCode);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(
            err.startsWith("ssescope-demo-server: ") && err.contains(sentence), err.constData());
        QVERIFY(process.readAllStandardOutput().isEmpty()); // no port: it never listened
    }
};

QTEST_GUILESS_MAIN(CaptureReplayTest)
#include "tst_capturereplay.moc"
