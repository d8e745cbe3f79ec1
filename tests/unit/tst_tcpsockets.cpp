// The listing of this process's TCP sockets that the header-flood guard reads
// from a network thread: it finds a connected loopback socket with its peer,
// cuts only the socket it was asked to, and may run on one thread right after
// another thread closed a file whose descriptor number the listing reuses.
#include "core/net/TcpSockets.h"

#include <QDeadlineTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace ssescope;

class TestTcpSockets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAndCutsAConnectedLoopbackSocket()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(5000));
        QVERIFY(server.waitForNewConnection(5000));
        QTcpSocket *accepted = server.nextPendingConnection();
        QVERIFY(accepted);

        const auto sockets = tcpsockets::list();
        const auto mine = std::find_if(sockets.cbegin(), sockets.cend(),
            [&](const auto &s) { return s.fd == int(client.socketDescriptor()); });
        QVERIFY(mine != sockets.cend());
        QCOMPARE(mine->peerPort, server.serverPort());
        QCOMPARE(mine->peer, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(mine->inode != 0);
        // The listening socket has no peer and is left out.
        QVERIFY(std::none_of(sockets.cbegin(), sockets.cend(),
            [&](const auto &s) { return s.fd == int(server.socketDescriptor()); }));

        // Only the socket with that inode is cut: a number may be reused.
        QVERIFY(!tcpsockets::cut(mine->fd, mine->inode + 1));
        QVERIFY(tcpsockets::cut(mine->fd, mine->inode));
        // The server sees the end of the stream.
        QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);
        delete accepted;
    }

    // A CI run under ThreadSanitizer reported a race between closedir() on a
    // network thread and an fstat() on the GUI thread: opendir()'s descriptor
    // had the number of a file the GUI thread had just saved and closed, and
    // TSan does not see opendir() create a descriptor. Here a long-lived
    // thread lists right after this thread closed a file, with only a relaxed
    // flag between them (no happens-before, as between the GUI and a network
    // thread), so the listing reuses the closed number.
    void listsOnAnotherThreadRightAfterAFileIsClosed()
    {
        constexpr int kRounds = 20;
        QTemporaryFile file;
        QVERIFY(file.open());
        const QByteArray path = QFile::encodeName(file.fileName());
        std::atomic<int> closedRounds { 0 };
        std::atomic<int> listedRounds { 0 };
        std::atomic<bool> sawASocket { false };
        std::thread lister([&] {
            for (int round = 1; round <= kRounds; ++round) {
                QDeadlineTimer deadline(5000);
                while (
                    closedRounds.load(std::memory_order_relaxed) < round && !deadline.hasExpired())
                    std::this_thread::yield();
                if (!tcpsockets::list().empty())
                    sawASocket.store(true, std::memory_order_relaxed);
                listedRounds.store(round, std::memory_order_relaxed);
            }
        });
        for (int round = 1; round <= kRounds; ++round) {
            const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
            QVERIFY(fd >= 0);
            struct stat info
            {
            };
            QCOMPARE(::fstat(fd, &info), 0);
            // Qt closes its files from libQt6Core, whose calls TSan's
            // suppressions ignore (tests/tsan.supp), so TSan never saw that
            // close; a raw system call is as invisible to it.
            QCOMPARE(::syscall(SYS_close, fd), 0L);
            closedRounds.store(round, std::memory_order_relaxed);
            QDeadlineTimer deadline(5000);
            while (listedRounds.load(std::memory_order_relaxed) < round && !deadline.hasExpired())
                std::this_thread::yield();
        }
        lister.join();
        QCOMPARE(listedRounds.load(), kRounds);
        QVERIFY(!sawASocket.load()); // this test holds no connected socket
    }
};

QTEST_GUILESS_MAIN(TestTcpSockets)
#include "tst_tcpsockets.moc"
