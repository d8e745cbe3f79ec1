// Redirects, followed by Subscription itself: statuses that are not followed,
// method rules, credentials that stay with their origin, schemes, and the
// shard chosen for the origin actually connected to.
#include "StreamRecorder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

#include <array>
#include <memory>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class RedirectsTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    demo::DemoServerThread m_otherOrigin; // same host, another port

    SubscriptionConfig config(const QUrl &url) const { return fastRetryConfig(url); }

    // A URL on the main server that answers `status` with Location `location`.
    QUrl redirecting(int status, const QString &location) const
    {
        QUrlQuery query;
        query.addQueryItem(u"status"_s, QString::number(status));
        if (!location.isNull())
            query.addQueryItem(
                u"location"_s, QString::fromLatin1(QUrl::toPercentEncoding(location)));
        QUrl url = m_server.url(u"/.sse"_s);
        url.setQuery(query.toString(QUrl::FullyEncoded), QUrl::StrictMode);
        return url;
    }

    static QJsonObject echoedRequest(const StreamRecorder &recorder, StreamId id)
    {
        for (const SseEvent &event : recorder.events.value(id)) {
            if (event.type == "request")
                return QJsonDocument::fromJson(event.data).object();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_otherOrigin.start());
    }

    // Any 3xx that is not followed is a status like any other.
    void unfollowedRedirectsAreStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("withLocation");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<QString>("sentence");
        for (const bool strict : { true, false }) {
            const char *policy = strict ? "strict" : "resilient";
            QTest::addRow("300 with Location, %s", policy)
                << 300 << true << strict << u"HTTP 300"_s;
            QTest::addRow("304 with Location, %s", policy)
                << 304 << true << strict << u"HTTP 304"_s;
            QTest::addRow("305 with Location, %s", policy) << 305 << true << strict << u"305"_s;
            QTest::addRow("302 without Location, %s", policy)
                << 302 << false << strict << u"no Location"_s;
        }
    }
    void unfollowedRedirectsAreStatuses()
    {
        QFETCH(int, status);
        QFETCH(bool, withLocation);
        QFETCH(bool, strict);
        QFETCH(QString, sentence);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(redirecting(status, withLocation ? u"/ticker"_s : QString()));
        c.reconnect.kind = strict ? ReconnectPolicyKind::Strict : ReconnectPolicyKind::Resilient;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 5000);
        QVERIFY2(recorder.lastMessage(id).contains(sentence), qPrintable(recorder.lastMessage(id)));
        QCOMPARE(recorder.inState(id, SubscriptionState::Connecting).size(), 1);
        QCOMPARE(recorder.inState(id, SubscriptionState::Waiting).size(), 0);
        QCOMPARE(manager.status(id).httpStatus, status);
    }

    // Fetch's method rules: 303 (and 301/302 for POST) become a GET without body.
    void redirectMethodRules_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("body");
        QTest::newRow("303") << 303 << u"GET"_s << QString();
        QTest::newRow("302") << 302 << u"GET"_s << QString();
        QTest::newRow("301") << 301 << u"GET"_s << QString();
        QTest::newRow("307") << 307 << u"POST"_s << u"{\"q\":1}"_s;
        QTest::newRow("308") << 308 << u"POST"_s << u"{\"q\":1}"_s;
    }
    void redirectMethodRules()
    {
        QFETCH(int, status);
        QFETCH(QString, method);
        QFETCH(QString, body);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(redirecting(status, u"/.sse"_s));
        c.method = "POST";
        c.body = "{\"q\":1}";
        c.headers = { { "Content-Type", "application/json" } };
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!echoedRequest(recorder, id).isEmpty(), 5000);
        const QJsonObject echo = echoedRequest(recorder, id);
        QCOMPARE(echo.value(u"method"_s).toString(), method);
        QCOMPARE(echo.value(u"body"_s).toString(), body);
        QCOMPARE(echo.value(u"headers"_s).toObject().contains(u"content-type"_s), !body.isEmpty());
        QCOMPARE(manager.status(id).httpStatus, 200);
    }

    // Credentials never follow a redirect to another origin.
    void credentialsStayWithTheirOrigin_data()
    {
        QTest::addColumn<bool>("crossOrigin");
        QTest::newRow("same origin keeps them") << false;
        QTest::newRow("another port drops them") << true;
    }
    void credentialsStayWithTheirOrigin()
    {
        QFETCH(bool, crossOrigin);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const QString target = crossOrigin ? m_otherOrigin.url(u"/.sse"_s).toString() : u"/.sse"_s;
        SubscriptionConfig c = config(redirecting(302, target));
        c.headers = { { "Authorization", "Bearer SECRET" }, { "Cookie", "sid=X" },
            { "Proxy-Authorization", "Basic Zm9v" }, { "X-Api-Key", "k3y" }, { "X-Trace", "t1" } };
        c.secretHeaders = { "x-api-key" };
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!echoedRequest(recorder, id).isEmpty(), 5000);
        const QJsonObject headers = echoedRequest(recorder, id).value(u"headers"_s).toObject();
        for (const QString &secret :
            { u"authorization"_s, u"cookie"_s, u"proxy-authorization"_s, u"x-api-key"_s })
            QVERIFY2(headers.contains(secret) != crossOrigin, qPrintable(secret));
        QCOMPARE(headers.value(u"x-trace"_s).toString(), u"t1"_s);
        // The state message says what was held back.
        const auto connecting = recorder.inState(id, SubscriptionState::Connecting);
        QCOMPARE(connecting.size(), 2);
        const QString note = connecting.last().message;
        QVERIFY2(note.contains(u"Redirected (HTTP 302)"_s), qPrintable(note));
        QCOMPARE(
            note.contains(u"Not sending Authorization, Cookie, Proxy-Authorization, X-Api-Key"_s),
            crossOrigin);
    }

    // Name the Location's scheme, not the original URL's.
    void otherSchemesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << u"\"ftp:\""_s;
        QTest::newRow("file") << u"file:///etc/passwd"_s << u"\"file:\""_s;
        QTest::newRow("data") << u"data:text/event-stream,data:%20x"_s << u"\"data:\""_s;
    }
    void otherSchemesAreRefusedByName()
    {
        QFETCH(QString, location);
        QFETCH(QString, scheme);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(config(redirecting(302, location)));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 5000);
        const QString message = recorder.lastMessage(id);
        QVERIFY2(message.contains(scheme), qPrintable(message));
        QVERIFY2(!message.contains(u"\"http\""_s), qPrintable(message));
    }

    // Qt's six connections per origin apply to the origin
    // connected to, so the shard is chosen again at every hop.
    void redirectedStreamsToOneOriginAreAllLive()
    {
        constexpr int kOrigins = 8;
        std::array<std::unique_ptr<demo::DemoServerThread>, kOrigins> origins;
        for (auto &origin : origins) {
            origin = std::make_unique<demo::DemoServerThread>();
            QVERIFY(origin->start());
        }
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const QString target = m_server.url(u"/clock?rate=20"_s).toString();
        QList<StreamId> ids;
        for (const auto &origin : origins) {
            QUrl url = origin->url(u"/.sse"_s);
            QUrlQuery query;
            query.addQueryItem(u"status"_s, u"302"_s);
            query.addQueryItem(u"location"_s, QString::fromLatin1(QUrl::toPercentEncoding(target)));
            url.setQuery(query.toString(QUrl::FullyEncoded), QUrl::StrictMode);
            SubscriptionConfig c = config(url);
            c.connectTimeoutMs = 60000; // a queued request must show as not live, not retry
            ids.append(manager.addSubscription(c));
        }
        const auto live = [&] {
            int count = 0;
            for (StreamId id : ids)
                count += recorder.lastState(id) == SubscriptionState::Open
                    && recorder.eventCount(id) > 0;
            return count;
        };
        QTRY_COMPARE_WITH_TIMEOUT(live(), kOrigins, 10000);
    }
};

QTEST_GUILESS_MAIN(RedirectsTest)
#include "tst_redirects.moc"
