// A server whose response headers never end: it starved
// every stream sharing Qt's HTTP thread, and the timeout never dropped it.
#include "StreamRecorder.h"
#include "core/net/HeaderFloodGuard.h"

#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class HostileHeadersTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    // Streams removed, their connections close: a flood may not keep Qt's
    // thread from running the aborts.
    void cleanup() { QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 5000); }

    void floodOfHeadersIsCutAndStarvesNoOne()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig healthy = fastRetryConfig(m_server.url(u"/ticker?rate=20"_s));
        SubscriptionConfig hostile = fastRetryConfig(m_server.url(u"/x?flood_headers=1"_s));
        hostile.reconnect.reconnect = false;
        const StreamId healthyId = manager.addSubscription(healthy);
        const StreamId hostileId = manager.addSubscription(hostile);

        // The hostile stream ends in a sentence about its headers, well before
        // any timeout, and its connection is really closed.
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(hostileId), SubscriptionState::Failed, 5000);
        const QString message = recorder.lastMessage(hostileId);
        QCOMPARE(message,
            u"The server sent more than %1 KiB of response headers without ending them; "
            "the connection was cut."_s.arg(HeaderFloodGuard::kMaxHeaderBytes / 1024));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 1, 5000); // the healthy one

        // The healthy one kept receiving: at least 80% of 20 events/s over 3 s.
        const qsizetype before = recorder.eventCount(healthyId);
        QTest::qWait(3000);
        const qsizetype received = recorder.eventCount(healthyId) - before;
        QVERIFY2(received >= 48, qPrintable(QString::number(received)));
        QCOMPARE(recorder.lastState(healthyId), SubscriptionState::Open);
    }

    // Beside a flood that reconnects, the healthy stream still gets its events.
    void reconnectingFloodStarvesNoOne()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId healthyId
            = manager.addSubscription(fastRetryConfig(m_server.url(u"/ticker?rate=20"_s)));
        manager.addSubscription(fastRetryConfig(m_server.url(u"/x?flood_headers=1"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(healthyId) > 0, 5000);
        const qsizetype before = recorder.eventCount(healthyId);
        QTest::qWait(4000);
        const qsizetype received = recorder.eventCount(healthyId) - before;
        QVERIFY2(received >= 64, qPrintable(QString::number(received)));
    }

    // A stream removed just as its flood begins: its socket is not flooding
    // yet when it goes, but Qt's thread would never run the abort once it is.
    void streamRemovedAsTheFloodBeginsLeavesNoConnection()
    {
        {
            StreamManager manager;
            for (int i = 0; i < 5; ++i) {
                const StreamId id = manager.addSubscription(
                    fastRetryConfig(m_server.url(u"/x?flood_headers=1"_s)));
                QTest::qWait(i); // from before the connection to just after it
                manager.removeSubscription(id);
            }
            QTest::qWait(500); // the orphans' probes run
        } // Qt's idle cached connections close with their managers; a flood would not
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 5000);
    }

    // A 64 MB header line said "no Content-Type", though one
    // was sent; it is the size of the headers that is wrong.
    void hugeHeaderLineIsSaidAsSuch()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_server.url(u"/ticker?big_header=67108864"_s));
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        const QString message = recorder.lastMessage(id);
        QVERIFY2(message.contains(u"KiB of response headers"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"Content-Type"_s), qPrintable(message));
    }

    // Healthy streams that connect at the same moment as one whose headers
    // never end share its peer: which new socket was whose is unknown, and the
    // guard cut them too (issue 15) when the headers timed out (cutPending)
    // or once the tickers had read more than the header limit (probe).
    void slowHeadersCutOnlyTheirOwnStream_data()
    {
        QTest::addColumn<qint64>("headersTimeoutMs");
        QTest::newRow("timeout first") << qint64(1000);
        QTest::newRow("tickers past the header limit first") << qint64(6000);
    }
    void slowHeadersCutOnlyTheirOwnStream()
    {
        QFETCH(qint64, headersTimeoutMs);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig healthy = fastRetryConfig(m_server.url(u"/ticker?rate=200"_s));
        SubscriptionConfig hostile = fastRetryConfig(m_server.url(u"/ticker?slow_headers=1"_s));
        hostile.connectTimeoutMs = headersTimeoutMs;
        hostile.reconnect.reconnect = false;
        const StreamId h1 = manager.addSubscription(healthy);
        const StreamId h2 = manager.addSubscription(healthy);
        const StreamId headers = manager.addSubscription(hostile);

        QTRY_COMPARE_WITH_TIMEOUT(
            recorder.lastState(headers), SubscriptionState::Failed, int(headersTimeoutMs) + 5000);
        const qsizetype before1 = recorder.eventCount(h1);
        const qsizetype before2 = recorder.eventCount(h2);
        QTest::qWait(1500);
        for (const StreamId id : { h1, h2 }) {
            QCOMPARE(recorder.lastState(id), SubscriptionState::Open);
            // Opened once, never dropped.
            QCOMPARE(recorder.inState(id, SubscriptionState::Open).size(), 1);
            QCOMPARE(recorder.inState(id, SubscriptionState::Waiting).size(), 0);
        }
        // 200 events/s for 1.5 s: well over half of them arrived.
        QVERIFY(recorder.eventCount(h1) - before1 >= 150);
        QVERIFY(recorder.eventCount(h2) - before2 >= 150);
    }

    // The headers timeout drops the connection even while Qt cannot: headers
    // that trickle in under the size limit (slow_headers) for ever.
    void headersTimeoutReallyClosesTheConnection()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_server.url(u"/x?slow_headers=1"_s));
        c.connectTimeoutMs = 500;
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 3000);
    }
};

QTEST_GUILESS_MAIN(HostileHeadersTest)
#include "tst_hostileheaders.moc"
