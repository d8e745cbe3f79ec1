// The demo server speaks real HTTP/1.1: framing, headers, replay, faults.
#include "SanitizerBuild.h"
#include "core/demo/CaptureReplay.h"
#include "core/demo/CaptureReplayThread.h"
#include "core/demo/DemoServerThread.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class DemoServerTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

    // Sends a raw request and reads until the server closes or the time is up.
    QByteArray exchange(const QByteArray &request, int timeoutMs = 5000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        if (!socket.waitForConnected(2000))
            return "NO CONNECTION";
        socket.write(request);
        QByteArray response;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
            socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            response += socket.readAll();
        }
        response += socket.readAll();
        return response;
    }

    static QByteArray get(const QByteArray &target, const QByteArray &extra = {})
    {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
    }

    static qint64 residentBytes()
    {
        QFile statm(u"/proc/self/statm"_s);
        if (!statm.open(QIODevice::ReadOnly))
            return -1;
        return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
    }

    // How much this process's resident memory grows while a client sends
    // `bytes` after its request to a server on another thread of it, 1 MiB
    // at a time (so the client's own buffer stays small).
    static qint64 growthWhileSending(quint16 port, const QByteArray &request, qint64 bytes)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(2000))
            return -1;
        socket.write(request);
        if (!socket.waitForReadyRead(5000)) // responded: streaming
            return -1;
        const QByteArray junk(1 << 20, 'x');
        const qint64 before = residentBytes();
        for (qint64 sent = 0; sent < bytes; sent += junk.size()) {
            socket.write(junk);
            while (socket.bytesToWrite() > 0) {
                if (!socket.waitForBytesWritten(5000))
                    return -1;
            }
            socket.readAll(); // its events
        }
        QTest::qWait(300); // the server reads what is still in flight
        return residentBytes() - before;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    // A client that keeps sending after its request (64 MiB here) does not
    // grow the server's memory: once it responded, both the demo server and
    // the replay server (which runs inside the window's process for "Serve
    // this capture") read what arrives and drop it. They used to keep it all.
    void whatAClientSendsAfterItsRequestIsDropped()
    {
        constexpr qint64 kSent = qint64(64) << 20;
        constexpr qint64 kBound = qint64(16) << 20;
        const qint64 demoGrowth = growthWhileSending(m_server.port(), get("/clock?rate=1"), kSent);
        QVERIFY(demoGrowth != -1);
        qInfo("demo server: resident memory grew by %lld bytes", demoGrowth);
        QVERIFY2(kSanitized || demoGrowth < kBound,
            qPrintable(u"demo server: %1 bytes"_s.arg(demoGrowth)));

        QTemporaryDir dir;
        QFile file(dir.filePath(u"slow.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 2; ++i) // ten seconds apart: the stream stays open
            file.write("{\"kind\":\"event\",\"stream\":\"s\",\"seq\":" + QByteArray::number(i + 1)
                + ",\"id\":\"" + QByteArray::number(i + 1)
                + "\",\"type\":\"tick\",\"data\":\"x\",\"received\":\"2026-01-01T00:00:00Z\","
                  "\"mono_ns\":"
                + QByteArray::number(1'000'000'000LL + i * 10'000'000'000LL) + ",\"chunk\":"
                + QByteArray::number(i + 1) + ",\"bytes\":9,\"latency_ms\":null}\n");
        file.close();
        QString error;
        const auto replay = demo::CaptureReplay::load(file.fileName(), &error);
        QVERIFY2(replay, qPrintable(error));
        demo::CaptureReplayThread replayServer;
        QVERIFY(replayServer.start(replay, demo::ReplayOptions {}));
        const qint64 replayGrowth = growthWhileSending(replayServer.port(), get("/s"), kSent);
        QVERIFY(replayGrowth != -1);
        qInfo("replay server: resident memory grew by %lld bytes", replayGrowth);
        QVERIFY2(kSanitized || replayGrowth < kBound,
            qPrintable(u"replay server: %1 bytes"_s.arg(replayGrowth)));
    }

    void indexListsTheStreams()
    {
        const QByteArray response = exchange(get("/"));
        QVERIFY(response.startsWith("HTTP/1.1 200 OK\r\n"));
        for (const char *path : { "/clock", "/ticker", "/tokens", "/bursty", "/.sse" })
            QVERIFY2(response.contains(path), path);
    }

    void chunkedFramingIsTerminated()
    {
        const QByteArray response = exchange(get("/ticker?rate=0&count=3"));
        QVERIFY(response.contains("Transfer-Encoding: chunked\r\n"));
        QVERIFY(response.contains("Content-Type: text/event-stream"));
        QVERIFY(response.contains("id: 3\n"));
        QVERIFY(response.endsWith("0\r\n\r\n"));
    }

    void closeDelimitedFramingHasNoLength()
    {
        const QByteArray response
            = exchange(get("/ticker?rate=0&count=3&framing=close&nobuffer=1"));
        QVERIFY(!response.contains("Transfer-Encoding"));
        QVERIFY(!response.contains("Content-Length"));
        QVERIFY(response.contains("X-Accel-Buffering: no\r\n"));
        QVERIFY(response.endsWith("\n\n"));
    }

    void lastEventIdReplaysWhatWasMissed()
    {
        const QByteArray response = exchange(get("/ticker?rate=0&count=8", "Last-Event-ID: 5\r\n"));
        QVERIFY(!response.contains("id: 5\n"));
        QVERIFY(response.contains("id: 6\n"));
        QVERIFY(response.contains("id: 8\n"));
    }

    void exhaustedStreamAnswers204()
    {
        const QByteArray response = exchange(get("/ticker?count=8", "Last-Event-ID: 8\r\n"));
        QVERIFY2(response.startsWith("HTTP/1.1 204 No Content\r\n"), response.constData());
    }

    // Id faults: the ids each response carries, in order.
    void idFaults_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("lastEventId");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("skip_ids") << QByteArray("/ticker?rate=0&count=12&skip_ids=5")
                                  << QByteArray() << QList<int> { 1, 2, 3, 4, 5, 7, 8, 9, 10, 11 };
        QTest::newRow("repeat_ids") << QByteArray("/ticker?rate=0&count=6&repeat_ids=3")
                                    << QByteArray() << QList<int> { 1, 2, 3, 3, 4, 5, 5, 6 };
        QTest::newRow("resumes after Last-Event-ID")
            << QByteArray("/ticker?rate=0&count=6") << QByteArray("4") << QList<int> { 5, 6 };
        QTest::newRow("ignore_last_event_id")
            << QByteArray("/ticker?rate=0&count=3&ignore_last_event_id=1") << QByteArray("2")
            << QList<int> { 1, 2, 3 };
    }
    void idFaults()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, lastEventId);
        QFETCH(QList<int>, ids);
        const QByteArray response = exchange(get(target,
            lastEventId.isEmpty() ? QByteArray() : "Last-Event-ID: " + lastEventId + "\r\n"));
        QList<int> seen;
        for (const QByteArray &line : response.split('\n')) {
            if (line.startsWith("id: "))
                seen.append(line.mid(4).toInt());
        }
        QCOMPARE(seen, ids);
    }

    void faultModes_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("mustContain");
        QTest::addColumn<QByteArray>("mustNotContain");
        QTest::newRow("status") << QByteArray("/ticker?status=503&retry_after=3")
                                << QByteArray("HTTP/1.1 503 Service Unavailable\r\n")
                                << QByteArray("Retry-After: 0");
        QTest::newRow("retry after")
            << QByteArray("/ticker?status=503&retry_after=3") << QByteArray("Retry-After: 3\r\n")
            << QByteArray("event-stream");
        QTest::newRow("content type")
            << QByteArray("/ticker?ct=text/html&count=1")
            << QByteArray("Content-Type: text/html\r\n") << QByteArray("event-stream");
        QTest::newRow("redirect") << QByteArray("/ticker?redirect=2")
                                  << QByteArray("Location: /ticker?redirect=1")
                                  << QByteArray("event-stream");
        QTest::newRow("close before headers")
            << QByteArray("/ticker?close_before_headers=1") << QByteArray() << QByteArray("HTTP");
        QTest::newRow("drop mid-event") << QByteArray("/ticker?rate=0&drop_after=2&drop_mid=1")
                                        << QByteArray("id: 2\n") << QByteArray("0\r\n\r\n");
        QTest::newRow("garbage") << QByteArray("/ticker?rate=0&count=2&garbage=1")
                                 << QByteArray("garbage line without a colon")
                                 << QByteArray("HTTP/1.1 500");
        QTest::newRow("retry field") << QByteArray("/clock?count=1&retry=1500")
                                     << QByteArray("retry: 1500\n") << QByteArray("HTTP/1.1 500");
        QTest::newRow("huge line") << QByteArray("/ticker?count=1&huge=100000")
                                   << QByteArray(100, 'x') << QByteArray("HTTP/1.1 500");
        QTest::newRow("unknown path")
            << QByteArray("/nope") << QByteArray("HTTP/1.1 404") << QByteArray("event-stream");
    }
    void faultModes()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, mustContain);
        QFETCH(QByteArray, mustNotContain);
        const QByteArray response = exchange(get(target));
        QVERIFY2(response.contains(mustContain), response.left(300).constData());
        QVERIFY2(!response.contains(mustNotContain), response.left(300).constData());
    }

    void malformedRequestGets400()
    {
        QVERIFY(exchange("NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400"));
    }

    void stallKeepsTheConnectionOpen()
    {
        const QByteArray response = exchange(get("/ticker?rate=0&stall_after=2"), 1500);
        QVERIFY(response.contains("id: 2\n"));
        QVERIFY(!response.contains("id: 3\n"));
        QVERIFY(!response.endsWith("0\r\n\r\n"));
    }

    void echoShowsTheRequest()
    {
        const QByteArray body = "{\"a\":1}";
        const QByteArray request
            = "POST /.sse?count=2 HTTP/1.1\r\nHost: x\r\nX-Probe: yes\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QByteArray response = exchange(request);
        QVERIFY(response.contains("event: server\n"));
        QVERIFY(response.contains("event: request\n"));
        QVERIFY(response.contains("\"x-probe\":\"yes\""));
        QVERIFY(response.contains("\"method\":\"POST\""));
        QVERIFY(response.contains("\"body\":\"{\\\"a\\\":1}\""));
    }
};

QTEST_GUILESS_MAIN(DemoServerTest)
#include "tst_demoserver.moc"
