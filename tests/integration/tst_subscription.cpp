// Subscriptions against the real demo server over loopback: reconnection,
// Last-Event-ID resume, retry:, 204, backoff, timeouts and error sentences.
#include "StreamRecorder.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class SubscriptionTest final : public QObject
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

    void receivesEventsThenStopsOn204()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?rate=500&count=20"_s));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 20));
        const SseEvent &first = recorder.events[id].front();
        QCOMPARE(first.type, QByteArray("message"));
        QVERIFY(first.data.startsWith("{\"seq\":1,\"ts\":"));
        QVERIFY(first.arrivalSteadyNs > 0);
        QVERIFY(first.arrivalWallNs > 1'700'000'000'000'000'000LL);
        QVERIFY(first.chunkIndex >= 1);
        QVERIFY(first.wireBytes > quint64(first.data.size()));
        QVERIFY2(recorder.lastMessage(id).contains(u"204"_s), qPrintable(recorder.lastMessage(id)));
        const SubscriptionCounters counters = manager.counters(id);
        QCOMPARE(counters.events, quint64(20));
        QCOMPARE(counters.connections, quint64(1));
        QCOMPARE(counters.reconnections, quint64(1)); // the one that got 204
        QVERIFY(counters.bytes > 20 * 40);
        QVERIFY(counters.chunks >= 1);
        QVERIFY(counters.connectedNs > 0);
        QVERIFY(counters.connectedNs < 10'000'000'000LL);
    }

    void autoDetectsTheTickerSendTime()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        QList<LatencyDetection> detections;
        connect(&manager, &StreamManager::latencyDetected, this,
            [&detections](StreamId, const LatencyDetection &d) { detections.append(d); });
        SubscriptionConfig ticker = config(u"/ticker?rate=500&count=20"_s);
        ticker.latency.source = LatencySource::Auto;
        const StreamId id = manager.addSubscription(ticker);
        QCOMPARE(manager.latencyDetection(id).state, LatencyDetection::State::Looking);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QTRY_COMPARE(manager.latencyDetection(id).state, LatencyDetection::State::Found);
        QCOMPARE(detections.size(), 1); // decided once, then it stopped looking
        const LatencyConfig found = manager.latencyDetection(id).config;
        QCOMPARE(found.source, LatencySource::JsonPointer);
        QCOMPARE(found.expression, u"/ts"_s);
        QCOMPARE(found.unit, TimeUnit::Milliseconds);
        // The first event decided, so every event carries its latency.
        QCOMPARE(recorder.eventCount(id), qsizetype(20));
        for (const std::optional<double> &latency : recorder.latencies.value(id)) {
            QVERIFY(latency);
            QVERIFY2(*latency > -1000 && *latency < 10000, qPrintable(QString::number(*latency)));
        }
        QCOMPARE(manager.counters(id).latencyMisses, quint64(0));
    }

    void autoFindsNothingInPlainTextAndStops()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig clock = config(u"/clock?rate=500&count=12"_s);
        clock.latency.source = LatencySource::Auto;
        const StreamId id = manager.addSubscription(clock);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QTRY_COMPARE(manager.latencyDetection(id).state, LatencyDetection::State::NotFound);
        QCOMPARE(recorder.eventCount(id), qsizetype(12));
        for (const std::optional<double> &latency : recorder.latencies.value(id))
            QVERIFY(!latency);
        QCOMPARE(manager.counters(id).latencyMisses, quint64(0)); // nothing to miss
    }

    void configuredLatencyIsNotDetection()
    {
        StreamManager manager;
        SubscriptionConfig ticker = config(u"/ticker?rate=500&count=2"_s);
        ticker.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        const StreamId id = manager.addSubscription(ticker);
        QCOMPARE(manager.latencyDetection(id).state, LatencyDetection::State::Off);
    }

    // Regression guard: no loss and no duplicates across reconnections.
    void resumeLosesAndDuplicatesNothing_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("dropped between events") << u"drop_after=7"_s;
        QTest::newRow("dropped mid-event") << u"drop_after=7&drop_mid=1"_s;
        QTest::newRow("close-delimited framing") << u"drop_after=9&drop_mid=1&framing=close"_s;
        QTest::newRow("one byte per write") << u"drop_after=4&drop_mid=1&drip=1"_s;
        QTest::newRow("garbage between events") << u"drop_after=11&garbage=1"_s;
    }
    void resumeLosesAndDuplicatesNothing()
    {
        QFETCH(QString, query);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?rate=0&count=40&"_s + query));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 30000);
        QCOMPARE(recorder.ids(id), numbers(1, 40));
        QVERIFY(manager.counters(id).connections >= 4);
        for (const SseEvent &event : recorder.events[id])
            QVERIFY2(event.data.startsWith(QByteArray("{\"seq\":" + event.id + ',')),
                event.data.constData());
    }

    void retryFieldSetsTheDelay()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=6&drop_after=2&retry=120"_s);
        c.reconnect.kind = ReconnectPolicyKind::Strict;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QVERIFY(waits.size() >= 2);
        for (const SubscriptionStatus &wait : waits)
            QCOMPARE(wait.retryInMs, qint64(120));
        QCOMPARE(recorder.ids(id), numbers(1, 6));
    }

    void noContentStopsForGood()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?status=204"_s));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 5000);
        QTest::qWait(300); // longer than the retry delay: nothing may follow
        QCOMPARE(recorder.lastState(id), SubscriptionState::Closed);
        QCOMPARE(recorder.inState(id, SubscriptionState::Connecting).size(), 1);
        QCOMPARE(manager.status(id).httpStatus, 204);
    }

    void strictPolicyFailsTheConnection_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("503") << u"/ticker?status=503"_s << u"HTTP 503 Service Unavailable"_s;
        QTest::newRow("404") << u"/nowhere"_s << u"HTTP 404"_s;
        QTest::newRow("wrong content type") << u"/ticker?ct=text/html"_s << u"\"text/html\""_s;
    }
    void strictPolicyFailsTheConnection()
    {
        QFETCH(QString, query);
        QFETCH(QString, sentence);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(query);
        c.reconnect.kind = ReconnectPolicyKind::Strict;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 5000);
        QVERIFY2(recorder.lastMessage(id).contains(sentence), qPrintable(recorder.lastMessage(id)));
        QTest::qWait(200);
        QCOMPARE(recorder.inState(id, SubscriptionState::Connecting).size(), 1);
    }

    void resilientPolicyBacksOffThenGivesUp()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?status=503"_s);
        c.reconnect.maxAttempts = 4;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QCOMPARE(waits.size(), 3);
        for (int i = 0; i < waits.size(); ++i) {
            QCOMPARE(waits[i].attempt, i + 1);
            // Jitter on top of the reconnection time, under a doubling ceiling.
            QVERIFY(waits[i].retryInMs >= 30 && waits[i].retryInMs <= 30 << (i + 1));
        }
        QVERIFY2(recorder.lastMessage(id).startsWith(u"Gave up after 4 failed attempts"_s),
            qPrintable(recorder.lastMessage(id)));
        QCOMPARE(manager.counters(id).errors, quint64(4));
    }

    void backoffResetsAfterHealthyConnection()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c
            = config(u"/ticker?fail_first=3&key=reset&rate=0&count=4&drop_after=2"_s);
        c.reconnect.initialRetryMs = 40;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QCOMPARE(waits.size(), 5); // three failures, then two healthy ends of stream
        QCOMPARE(waits[2].attempt, 3);
        for (int i : { 3, 4 }) {
            QCOMPARE(waits[i].attempt, 0);
            QCOMPARE(waits[i].retryInMs, qint64(40)); // the base delay again
        }
        QCOMPARE(recorder.ids(id), numbers(1, 4));
    }

    void retryAfterIsHonoured()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?status=429&retry_after=2"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 5000);
        QCOMPARE(recorder.inState(id, SubscriptionState::Waiting).first().retryInMs, qint64(2000));
    }

    void idleTimeoutReconnectsAStalledStream()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=9&stall_after=3"_s);
        c.idleTimeoutMs = 300;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 9));
        const auto waits = recorder.inState(id, SubscriptionState::Waiting);
        QVERIFY(waits.size() >= 3);
        QVERIFY2(waits.first().message.contains(u"No data"_s), qPrintable(waits.first().message));
    }

    void heartbeatsKeepAnIdleStreamAlive()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=1&heartbeat=50"_s);
        c.idleTimeoutMs = 400;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.comments.value(id).size() >= 20, 5000);
        QCOMPARE(recorder.inState(id, SubscriptionState::Waiting).size(), 0);
        QCOMPARE(recorder.comments.value(id).first(), QByteArray(" heartbeat"));
    }

    void errorsBecomeSentences_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("close before headers")
            << u"/ticker?close_before_headers=1"_s << u"closed the connection"_s;
        QTest::newRow("too many redirects") << u"/ticker?redirect=9"_s << u"Too many redirects"_s;
        QTest::newRow("not an event stream")
            << u"/ticker?ct=application/json"_s << u"not text/event-stream"_s;
        QTest::newRow("server error") << u"/ticker?status=500"_s << u"HTTP 500"_s;
    }
    void errorsBecomeSentences()
    {
        QFETCH(QString, query);
        QFETCH(QString, sentence);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(query);
        c.maxRedirects = 2;
        const StreamId id = manager.addSubscription(c);
        const auto firstError = [&] {
            for (const SubscriptionStatus &status : recorder.statuses.value(id)) {
                if (status.state == SubscriptionState::Waiting
                    || status.state == SubscriptionState::Failed)
                    return status.message;
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!firstError().isEmpty(), 5000);
        QVERIFY2(firstError().contains(sentence), qPrintable(firstError()));
    }

    void connectionRefusedIsASentence()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = probe.serverPort();
        probe.close();
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c;
        c.url = QUrl(u"http://127.0.0.1:%1/x"_s.arg(deadPort));
        c.reconnect.initialRetryMs = 50;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 5000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.contains(u"Connection refused by 127.0.0.1:%1"_s.arg(deadPort)),
            qPrintable(message));
    }

    void tlsFailureIsASentence()
    {
        // https to a plain-HTTP server: the TLS handshake cannot succeed.
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker"_s);
        c.url.setScheme(u"https"_s);
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(
            !recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 10000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.contains(u"127.0.0.1:%1"_s.arg(m_server.port())), qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
    }

    void silentServerHitsTheConnectTimeout()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c;
        c.url = QUrl(u"http://127.0.0.1:%1/x"_s.arg(silent.serverPort()));
        c.connectTimeoutMs = 300;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 5000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.contains(u"No response within 0.3 s"_s), qPrintable(message));
    }

    void oversizedEventIsReportedAndSkipped()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=5&huge=200000"_s);
        c.maxEventBytes = 100000;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 5));
        QCOMPARE(recorder.errors.value(id).size(), 1);
        QVERIFY2(recorder.errors.value(id).first().contains(u"limit"_s),
            qPrintable(recorder.errors.value(id).first()));
    }

    // An event of 20 MiB is legal below maxEventBytes. After a first event it
    // is said to be a large event still arriving, not "not an event stream",
    // and counts no error; without one, the stream is called what it looks like.
    void largeEventAfterOthersIsNotCalledABrokenStream_data()
    {
        QTest::addColumn<bool>("eventFirst");
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<quint64>("errors");
        QTest::newRow("after an event") << true << u"An event has been arriving"_s << quint64(0);
        QTest::newRow("as the first")
            << false << u"without completing a single event"_s << quint64(1);
    }

    void largeEventAfterOthersIsNotCalledABrokenStream()
    {
        QFETCH(bool, eventFirst);
        QFETCH(QString, sentence);
        QFETCH(quint64, errors);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, &server, [&server, eventFirst] {
            QTcpSocket *socket = server.nextPendingConnection();
            socket->setParent(&server);
            QByteArray body = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                              "Connection: close\r\n\r\n";
            if (eventFirst)
                body += "id: 1\ndata: small\n\n";
            const QByteArray line = "data: " + QByteArray(1018, 'x') + '\n'; // 1 KiB
            for (int i = 0; i < 20 * 1024; ++i)
                body += line;
            socket->write(body);
            // The end a moment later: the client has read past 16 MiB of an
            // unfinished event by then, whatever its read sizes.
            QTimer::singleShot(500, socket, [socket] {
                socket->write("id: 2\n\n");
                socket->disconnectFromHost();
            });
        });
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c;
        c.url = QUrl(u"http://127.0.0.1:%1/large"_s.arg(server.serverPort()));
        c.reconnect.reconnect = false;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.eventCount(id), qsizetype(eventFirst ? 2 : 1), 20000);
        QCOMPARE(recorder.events[id].back().data.size(), 20 * 1024 * 1019 - 1);
        QStringList said;
        for (const SubscriptionStatus &status : recorder.statuses.value(id))
            said.append(status.message);
        QVERIFY2(std::any_of(said.cbegin(), said.cend(),
                     [&](const QString &m) { return m.contains(sentence); }),
            qPrintable(said.join(u" | "_s)));
        // An error is counted, and reported as one, only for the stream that
        // never completed an event.
        QCOMPARE(manager.counters(id).errors, errors);
        const QStringList errorsSaid = recorder.errors.value(id);
        QCOMPARE(std::any_of(errorsSaid.cbegin(), errorsSaid.cend(),
                     [&](const QString &m) { return m.contains(sentence); }),
            errors > 0);
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?rate=0&count=3&badutf8=1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.eventCount(id), 3, 5000);
        QVERIFY(recorder.events[id].front().data.endsWith("}\xEF\xBF\xBD(\xEF\xBF\xBD"));
    }

    void postWithHeadersAndBody()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/.sse"_s);
        c.method = "POST";
        c.body = "{\"prompt\":\"hi\"}";
        c.headers
            = { { "Authorization", "Bearer secret" }, { "Content-Type", "application/json" } };
        c.lastEventId = "0";
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= 2, 5000);
        const SseEvent &request = recorder.events[id][1];
        QCOMPARE(request.type, QByteArray("request"));
        const QJsonObject echo = QJsonDocument::fromJson(request.data).object();
        QCOMPARE(echo.value(u"method"_s).toString(), u"POST"_s);
        QCOMPARE(echo.value(u"body"_s).toString(), u"{\"prompt\":\"hi\"}"_s);
        const QJsonObject headers = echo.value(u"headers"_s).toObject();
        QCOMPARE(headers.value(u"authorization"_s).toString(), u"Bearer secret"_s);
        QCOMPARE(headers.value(u"accept"_s).toString(), u"text/event-stream"_s);
        QCOMPARE(headers.value(u"cache-control"_s).toString(), u"no-cache"_s);
        QCOMPARE(headers.value(u"accept-encoding"_s).toString(), u"identity"_s);
        QCOMPARE(headers.value(u"last-event-id"_s).toString(), u"0"_s);
    }

    void emptyLastEventIdIsNeverSent()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/.sse"_s));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= 2, 5000);
        const QJsonObject headers = QJsonDocument::fromJson(recorder.events[id][1].data)
                                        .object()
                                        .value(u"headers"_s)
                                        .toObject();
        QVERIFY(!headers.contains(u"last-event-id"_s));
    }

    void redirectsAreFollowed()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?redirect=2&rate=0&count=3"_s));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 5000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
    }

    void pauseResumeAndRestart()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(u"/ticker?rate=100"_s));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= 5, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.counters(id).connectedNs >= 250'000'000, 5000); // uptime grows while open
        manager.pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Paused, 2000);
        QTest::qWait(100);
        const qsizetype atPause = recorder.eventCount(id);
        QTest::qWait(300);
        QCOMPARE(recorder.eventCount(id), atPause);
        manager.resume(id);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= atPause + 5, 5000);
        manager.restart(id);
        const qsizetype atRestart = recorder.eventCount(id);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.eventCount(id) >= atRestart + 5, 5000);
        manager.pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Paused, 2000);
        QTest::qWait(100);
        // Resumed with Last-Event-ID each time: one unbroken sequence.
        QCOMPARE(recorder.ids(id), numbers(1, int(recorder.eventCount(id))));
        // The user's pause, resume and restart are not the stream's reconnections.
        QCOMPARE(manager.counters(id).reconnections, quint64(0));
    }

    void batchesStayUnderSixtyPerSecondAndLoseNothing()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const int total = 200000;
        const StreamId id
            = manager.addSubscription(config(u"/ticker?rate=0&count=%1"_s.arg(total)));
        QElapsedTimer timer;
        timer.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 60000);
        const double seconds = timer.elapsed() / 1000.0;
        QCOMPARE(recorder.eventCount(id), total);
        quint64 expected = 1;
        for (const SseEvent &event : recorder.events[id])
            QCOMPARE(event.id.toULongLong(), expected++);
        qInfo("%d events in %d batches over %.2f s", total, recorder.batches, seconds);
        QVERIFY2(recorder.batches <= 60 * seconds + 3, "more batches than about 60 a second");
    }
};

QTEST_GUILESS_MAIN(SubscriptionTest)
#include "tst_subscription.moc"
