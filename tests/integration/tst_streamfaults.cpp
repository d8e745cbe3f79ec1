// How a Subscription reports faults of the stream itself: decompression
// bombs, broken framing, flapping servers, slow headers, repeated
// Content-Type, and sentences that promise no retry that will not happen.
#include "StreamRecorder.h"
#include "core/net/ReconnectBackoff.h"

#include <QTcpServer>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class StreamFaultsTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

    SubscriptionConfig config(const QString &pathAndQuery) const
    {
        return fastRetryConfig(m_server.url(pathAndQuery));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    // Qt emits errorOccurred but never finished for a bomb.
    void decompressionBombEndsTheConnectionWithItsCause()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?bomb=1"_s);
        c.allowCompression = true;
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        const QString message = recorder.lastMessage(id);
        QVERIFY2(message.contains(u"could not be decompressed: it expands far beyond"_s),
            qPrintable(message));
        QVERIFY2(!message.contains(u": ."_s), qPrintable(message));
    }

    // Without compression asked for, a bomb's deflate body
    // was parsed as events and said "cut the connection in the middle".
    void unrequestedCompressionIsSaidAsSuch()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?bomb=1"_s);
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        const QString message = recorder.lastMessage(id);
        QVERIFY2(
            message.startsWith(u"The server sent a compressed body (Content-Encoding: deflate)"_s),
            qPrintable(message));
        QCOMPARE(recorder.eventCount(id), qsizetype(0));
    }

    // A cut or broken chunked body is an error, not an end.
    void brokenFramingIsAnError_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<SubscriptionState>("finalState");
        QTest::addColumn<QString>("sentence");
        // A chunked body cut between events is not in this table: Qt 6.4 reports
        // it (RemoteHostClosedError) only when the close arrives in a read of its
        // own, and a TCP reset likewise.
        QTest::newRow("chunked body cut mid-event")
            << u"drop_after=2&drop_mid=1"_s << SubscriptionState::Failed
            << u"cut the connection in the middle"_s;
        QTest::newRow("close-delimited body cut mid-event")
            << u"drop_after=2&drop_mid=1&framing=close"_s << SubscriptionState::Failed
            << u"cut the connection in the middle"_s;
        QTest::newRow("close-delimited end is an end")
            << u"count=2&framing=close"_s << SubscriptionState::Closed
            << u"The server ended the stream."_s;
        QTest::newRow("chunked end is an end")
            << u"count=2"_s << SubscriptionState::Closed << u"The server ended the stream."_s;
    }
    void brokenFramingIsAnError()
    {
        QFETCH(QString, query);
        QFETCH(SubscriptionState, finalState);
        QFETCH(QString, sentence);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&"_s + query);
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(recorder.lastState(id)), 10000);
        QVERIFY2(recorder.lastMessage(id).contains(sentence), qPrintable(recorder.lastMessage(id)));
        QCOMPARE(recorder.lastState(id), finalState);
        QCOMPARE(recorder.ids(id), numbers(1, 2));
    }

    // Bytes without an event are not a healthy
    // connection, so the backoff grows, the attempt limit trips, and every
    // wait is at least the server's retry:.
    void flappingServerTripsTheAttemptLimit()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&drop_after=0&retry=60"_s);
        c.reconnect.maxAttempts = 4;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        QVERIFY2(recorder.lastMessage(id).startsWith(u"Gave up after 4 failed attempts"_s),
            qPrintable(recorder.lastMessage(id)));
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QCOMPARE(waits.size(), 3);
        for (int i = 0; i < waits.size(); ++i) {
            QCOMPARE(waits[i].attempt, i + 1);
            QVERIFY2(waits[i].retryInMs >= 60, qPrintable(QString::number(waits[i].retryInMs)));
        }
    }

    // `retry: 0` from a server that closes after every
    // event made about 1,360 reconnections a second; the floor bounds them.
    void retryZeroMakesNoStorm()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&drop_after=1&retry=0"_s);
        c.reconnect.kind = ReconnectPolicyKind::Strict; // no backoff growth to hide behind
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= 2, 5000);
        QTest::qWait(1000);
        manager.removeSubscription(id);
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QVERIFY(!waits.isEmpty());
        for (const SubscriptionStatus &wait : waits)
            QVERIFY2(wait.retryInMs >= ReconnectBackoff::kMinServerRetryMs,
                qPrintable(QString::number(wait.retryInMs)));
        // About 1.1 s at one reconnection per 100 ms at most.
        QVERIFY2(waits.size() <= 14, qPrintable(QString::number(waits.size())));
    }

    // Without reconnection, no sentence promises a retry.
    void timeoutWithoutReconnectPromisesNoRetry()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c;
        c.url = QUrl(u"http://127.0.0.1:%1/x"_s.arg(silent.serverPort()));
        c.connectTimeoutMs = 300;
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 5000);
        const QString message = recorder.lastMessage(id);
        QCOMPARE(message, u"No response within 0.3 s."_s);
    }

    // nginx compressing a buffered response sent no headers for
    // minutes; the sentence says compression was asked for.
    void timeoutWithCompressionSaysSo()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c;
        c.url = QUrl(u"http://127.0.0.1:%1/x"_s.arg(silent.serverPort()));
        c.connectTimeoutMs = 300;
        c.allowCompression = true;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 5000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.startsWith(
                     u"No response within 0.3 s; trying again. Compression was asked for"_s),
            qPrintable(message));
    }

    // Headers that never end are bounded even with the
    // connect timeout off.
    void endlessHeadersHitTheHeadersTimeout()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?slow_headers=1"_s);
        c.connectTimeoutMs = 0;
        c.headersTimeoutMs = 500;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 5000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(
            message.contains(u"no complete response headers within 0.5 s"_s), qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
    }

    // With two Content-Type headers the last one counts.
    void lastContentTypeCounts()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=3&ct_first=text/plain"_s);
        c.reconnect.kind = ReconnectPolicyKind::Strict;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 5000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
    }
};

QTEST_GUILESS_MAIN(StreamFaultsTest)
#include "tst_streamfaults.moc"
