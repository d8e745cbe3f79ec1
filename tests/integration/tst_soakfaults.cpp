// The demo server's soak faults on their own: chaos=MEAN&seed=S drops at a
// reproducible event, a restart refuses connections, cuts the streams and
// listens again on the same port.
#include "core/demo/DemoServer.h"

#include <QTcpSocket>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

// A raw GET; the ids it received until the server closed (or timeoutMs).
QList<quint64> idsUntilClosed(quint16 port, const QByteArray &target,
    const QByteArray &lastEventId = {}, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return {};
    QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!lastEventId.isEmpty())
        request += "Last-Event-ID: " + lastEventId + "\r\n";
    socket.write(request + "\r\n");
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    received += socket.readAll();
    QList<quint64> ids;
    for (const QByteArray &line : received.split('\n')) {
        if (line.startsWith("id: "))
            ids.append(line.mid(4).trimmed().toULongLong());
    }
    return ids;
}

} // namespace

class TestSoakFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chaosDropsAtTheSameEventEveryTime()
    {
        demo::DemoServer server;
        QVERIFY(server.listen());
        const QByteArray target = "/clock?rate=0&chaos=20&seed=7&key=a";
        const QList<quint64> first = idsUntilClosed(server.port(), target);
        const QList<quint64> again = idsUntilClosed(server.port(), target);
        QVERIFY(!first.isEmpty());
        QVERIFY(first.size() <= 40); // 1..2*MEAN events
        QCOMPARE(again, first);
        QCOMPARE(first.first(), quint64(1));
        QCOMPARE(first.last(), quint64(first.size())); // whole events, in order
        // Resumed: the schedule follows the resume point, and ids go on.
        const QList<quint64> resumed
            = idsUntilClosed(server.port(), target, QByteArray::number(first.last()));
        QVERIFY(!resumed.isEmpty());
        QCOMPARE(resumed.first(), first.last() + 1);
        QCOMPARE(server.chaosDrops(), quint64(3));

        // With the faults off, no drop: the stream runs until the client goes.
        server.setFaultsEnabled(false);
        const QList<quint64> calm
            = idsUntilClosed(server.port(), "/clock?rate=200&chaos=2", {}, 500);
        QVERIFY(calm.size() > 4);
        QCOMPARE(server.chaosDrops(), quint64(3));
    }

    void restartRefusesThenListensOnTheSamePort()
    {
        demo::DemoServer server;
        QVERIFY(server.listen());
        const quint16 port = server.port();
        QTcpSocket stream;
        stream.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(stream.waitForConnected(2000));
        stream.write("GET /clock?rate=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += stream.readAll();
                return received.contains("id: 2\n");
            },
            5000));

        bool relistened = false;
        connect(&server, &demo::DemoServer::relistened, this, [&](bool ok) { relistened = ok; });
        server.restart(400);
        QVERIFY(!server.isListening());
        QVERIFY(QTest::qWaitFor(
            [&] { return stream.state() == QAbstractSocket::UnconnectedState; }, 5000));
        QCOMPARE(server.restartCuts(), quint64(1));
        QCOMPARE(server.restarts(), quint64(1));

        QTcpSocket refused;
        refused.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!refused.waitForConnected(1000));
        QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);

        QVERIFY(QTest::qWaitFor([&] { return relistened; }, 5000));
        QCOMPARE(server.port(), port);
        QVERIFY(!idsUntilClosed(port, "/clock?rate=0&count=3").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSoakFaults)
#include "tst_soakfaults.moc"
