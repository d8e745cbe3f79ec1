// Why a stream ended: each way a connection that opened can end is told apart
// by core (SubscriptionStatus::end), against real sockets of the demo server.
#include "StreamRecorder.h"
#include "core/net/StreamEnd.h"

#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ssescope::StreamEnd)

class StreamEndsTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void endClass_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("terminal");
        QTest::addColumn<QByteArray>("errorEventType");
        QTest::addColumn<qint64>("idleTimeoutMs");
        QTest::addColumn<ssescope::StreamEnd>("expected");

        const QByteArray error = "error";
        QTest::newRow("chunked, last chunk")
            << u"count=3"_s << QByteArray() << error << qint64(0) << StreamEnd::Clean;
        QTest::newRow("close-delimited, between events")
            << u"count=3&framing=close"_s << QByteArray() << error << qint64(0) << StreamEnd::Clean;
        QTest::newRow("content-length, complete") << u"count=3&content_length=1"_s << QByteArray()
                                                  << error << qint64(0) << StreamEnd::Clean;
        QTest::newRow("content-length, cut short")
            << u"count=5&content_length=1&drop_after=2"_s << QByteArray() << error << qint64(0)
            << StreamEnd::Framing;
        QTest::newRow("chunked, no last chunk")
            << u"drop_after=3"_s << QByteArray() << error << qint64(0) << StreamEnd::Framing;
        QTest::newRow("close mid-event") << u"drop_after=3&drop_mid=1"_s << QByteArray() << error
                                         << qint64(0) << StreamEnd::Reset;
        QTest::newRow("RST mid-event")
            << u"rst_after=3"_s << QByteArray() << error << qint64(0) << StreamEnd::Reset;
        QTest::newRow("idle watchdog")
            << u"stall_after=2"_s << QByteArray() << error << qint64(300) << StreamEnd::Timeout;
        QTest::newRow("event: error")
            << u"error_after=2"_s << QByteArray() << error << qint64(0) << StreamEnd::ErrorEvent;
        QTest::newRow("JSON type error") << u"error_after=2&error_json=1"_s << QByteArray()
                                         << QByteArray() << qint64(0) << StreamEnd::ErrorEvent;
        QTest::newRow("error event not looked for")
            << u"error_after=2"_s << QByteArray() << QByteArray("nothing") << qint64(0)
            << StreamEnd::ErrorEvent; // its JSON type still says error
        QTest::newRow("[DONE] came") << u"count=3&done=1"_s << QByteArray("[DONE]") << error
                                     << qint64(0) << StreamEnd::Clean;
        QTest::newRow("[DONE] missing")
            << u"count=3"_s << QByteArray("[DONE]") << error << qint64(0) << StreamEnd::NoTerminal;
        QTest::newRow("error before missing terminal")
            << u"error_after=1"_s << QByteArray("[DONE]") << error << qint64(0)
            << StreamEnd::ErrorEvent;
        QTest::newRow("missing terminal before reset")
            << u"rst_after=2"_s << QByteArray("message_stop") << error << qint64(0)
            << StreamEnd::NoTerminal;
    }

    void endClass()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, terminal);
        QFETCH(QByteArray, errorEventType);
        QFETCH(qint64, idleTimeoutMs);
        QFETCH(StreamEnd, expected);

        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_server.url(u"/ticker?rate=100&"_s + query));
        c.reconnect.reconnect = false;
        c.terminal = terminal;
        c.errorEventType = errorEventType;
        c.idleTimeoutMs = idleTimeoutMs;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(recorder.lastState(id)), 5000);
        const SubscriptionStatus status = recorder.statuses.value(id).last();
        QVERIFY2(recorder.eventCount(id) > 0, "the stream opened and delivered");
        QCOMPARE(streamEndName(status.end), streamEndName(expected));
        QCOMPARE(status.ends[streamEndIndex(expected)], quint64(1));
        QVERIFY(status.diagnosis.isEmpty()); // one end: nothing repeats yet
        // A close that looked clean says what its class found.
        if (expected == StreamEnd::ErrorEvent)
            QVERIFY2(status.message.contains(u"error event"_s), qPrintable(status.message));
        if (expected == StreamEnd::NoTerminal && status.state == SubscriptionState::Closed)
            QVERIFY2(status.message.contains(u"without its terminal marker"_s),
                qPrintable(status.message));
    }

    // Cut twice at the same interval after the last byte: the idle timeout is
    // named (here our own quiet_ms stands for a proxy's, with a drop).
    void repeatedCutsAreDiagnosed()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        // Each connection: 2 events, 600 ms of silence, then cut between events.
        SubscriptionConfig c = fastRetryConfig(
            m_server.url(u"/ticker?rate=100&quiet_ms=600&quiet_every=2&drop_after=2"_s));
        const StreamId id = manager.addSubscription(c);
        const auto diagnosis = [&] {
            const auto list = recorder.statuses.value(id);
            return list.isEmpty() ? QString() : list.last().diagnosis;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!diagnosis().isEmpty(), 8000);
        const SubscriptionStatus status = recorder.statuses.value(id).last();
        QVERIFY2(
            status.diagnosis.startsWith(u"Cut 2 times, each "_s), qPrintable(status.diagnosis));
        QVERIFY2(status.diagnosis.contains(u"an idle timeout between you and the server."_s),
            qPrintable(status.diagnosis));
        QVERIFY(!status.diagnosis.contains(u"nginx"_s));
    }

    // Our own idle timeout, repeated, is ours: no proxy is named for it, even
    // when a terminal marker is looked for and so the end's class is
    // "no terminal" (it blamed nginx's proxy_read_timeout then).
    void ownIdleTimeoutIsNeverDiagnosed()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_server.url(u"/ticker?rate=100&stall_after=2"_s));
        c.terminal = "[DONE]";
        c.idleTimeoutMs = 600; // past the 500 ms below which no idle cut is named
        const StreamId id = manager.addSubscription(c);
        const auto ends = [&] {
            const auto list = recorder.statuses.value(id);
            return list.isEmpty() ? quint64(0)
                                  : list.last().ends[streamEndIndex(StreamEnd::NoTerminal)];
        };
        QTRY_VERIFY_WITH_TIMEOUT(ends() >= 3, 10000);
        for (const SubscriptionStatus &status : recorder.statuses.value(id))
            QVERIFY2(status.diagnosis.isEmpty(), qPrintable(status.diagnosis));
    }

    // NDJSON is read by its own parser: a line cut without its LF is a reset,
    // as an SSE event cut in its middle is (it was classed by the SSE parser's
    // state, always idle there, and so read as framing).
    void ndjsonCutMidLineIsAReset()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c
            = fastRetryConfig(m_server.url(u"/ndjson?rate=100&drop_after=3&drop_mid=1"_s));
        c.bodyFormat = BodyFormat::Ndjson;
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(recorder.lastState(id)), 5000);
        const SubscriptionStatus status = recorder.statuses.value(id).last();
        QCOMPARE(recorder.eventCount(id), qsizetype(3));
        QCOMPARE(streamEndName(status.end), streamEndName(StreamEnd::Reset));
    }

    void suspectsAreNamed_data()
    {
        QTest::addColumn<qint64>("intervalMs");
        QTest::addColumn<QString>("words");
        QTest::newRow("nginx") << qint64(60'400) << u"each 60 s after the last byte"_s;
        QTest::newRow("nginx named") << qint64(61'000) << u"proxy_read_timeout is 60 s"_s;
        QTest::newRow("heroku") << qint64(55'000) << u"Heroku"_s;
        QTest::newRow("cloudflare") << qint64(101'000) << u"Cloudflare"_s;
        QTest::newRow("azure") << qint64(239'000) << u"Azure API Management"_s;
        QTest::newRow("none") << qint64(2'000)
                              << u"each 2 s after the last byte: an idle "
                                 "timeout between you and the server. Send"_s;
    }
    void suspectsAreNamed()
    {
        QFETCH(qint64, intervalMs);
        QFETCH(QString, words);
        IdleCutDiagnosis diagnosis;
        diagnosis.addCut(intervalMs);
        QVERIFY(diagnosis.sentence().isEmpty());
        diagnosis.addCut(intervalMs * 21 / 20); // 5% later: the same interval
        QVERIFY2(diagnosis.sentence().contains(words), qPrintable(diagnosis.sentence()));
        diagnosis.addCut(intervalMs * 2); // twice as late: another interval
        QVERIFY(diagnosis.sentence().isEmpty());
    }
};

QTEST_GUILESS_MAIN(StreamEndsTest)
#include "tst_streamends.moc"
