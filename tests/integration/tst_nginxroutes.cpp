// The real nginx of packaging/compare-proxy.sh in front of the demo server,
// read by the core's streaming client: a buffered route delivers many events
// per network read, the unbuffered ones one. Skipped where nginx is not
// installed, failed there when SSESCOPE_REQUIRE_NGINX=1 (CI).
#include "NginxRoutes.h"
#include "StreamRecorder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

// Events over distinct network reads (the read that completed each event).
double eventsPerRead(const SseEventList &events)
{
    QSet<quint64> reads;
    for (const SseEvent &event : events)
        reads.insert(event.chunkIndex);
    return reads.isEmpty() ? 0.0 : double(events.size()) / double(reads.size());
}

qsizetype readCount(const SseEventList &events)
{
    QSet<quint64> reads;
    for (const SseEvent &event : events)
        reads.insert(event.chunkIndex);
    return reads.size();
}

} // namespace

class NginxRoutesTest final : public QObject
{
    Q_OBJECT

private:
    NginxRoutes m_routes;

private Q_SLOTS:
    void initTestCase() { SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes); }

    // All routes at once, on the same stream. size=200 (about 250 bytes an
    // event) fills nginx's 4 KiB buffer in 0.4 s at 50 events/s, 19 events a
    // read; the default size would take a second a buffer (51 events).
    void bufferedRoutesDeliverManyEventsPerRead()
    {
        const QString stream = u"/ticker?rate=50&size=200"_s;
        const QStringList oneByOne = { u"unbuffered"_s, u"accel"_s, u"chunked"_s };
        // gzip without Accept-Encoding: gzip (the client asks for identity) is
        // not compressed, so it is simply buffered.
        const QStringList buffered = { u"buffered"_s, u"gzip"_s };

        StreamManager manager;
        StreamRecorder recorder(&manager);
        QHash<QString, StreamId> ids;
        for (const QString &route : oneByOne + buffered) {
            SubscriptionConfig config = fastRetryConfig(m_routes.route(route, stream));
            config.allowCompression = false; // Accept-Encoding: identity
            ids.insert(route, manager.addSubscription(config));
        }
        // And one that accepts gzip: nginx compresses, and zlib holds the
        // compressed stream far longer than this test runs.
        SubscriptionConfig compressed = fastRetryConfig(m_routes.route(u"gzip"_s, stream));
        compressed.allowCompression = true;
        const StreamId gzipped = manager.addSubscription(compressed);

        // Enough reads to compare; bounded whatever happens (slow ASan builds included).
        const auto enough = [&] {
            for (const QString &route : buffered) {
                if (readCount(recorder.events.value(ids[route])) < 4)
                    return false;
            }
            for (const QString &route : oneByOne) {
                if (recorder.eventCount(ids[route]) < 40)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(enough(), 12000);

        QStringList figures;
        for (const QString &route : oneByOne + buffered) {
            figures.append(u"%1 %2 events/read (%3 events)"_s.arg(route)
                               .arg(eventsPerRead(recorder.events.value(ids[route])), 0, 'f', 1)
                               .arg(recorder.eventCount(ids[route])));
        }
        const QByteArray why = figures.join(u", "_s).toUtf8();
        qInfo("%s", why.constData());
        for (const QString &route : buffered) {
            const double perRead = eventsPerRead(recorder.events.value(ids[route]));
            QVERIFY2(perRead > 8, why.constData());
            // And clearly more than any unbuffered route: a ratio, not a time.
            for (const QString &other : oneByOne)
                QVERIFY2(perRead > 4 * eventsPerRead(recorder.events.value(ids[other])),
                    why.constData());
        }
        // One event a read; a little over when a slow client reads two at once.
        for (const QString &route : oneByOne)
            QVERIFY2(eventsPerRead(recorder.events.value(ids[route])) < 2, why.constData());
        QVERIFY2(recorder.eventCount(gzipped) == 0,
            qPrintable(u"gzip route with Accept-Encoding: gzip delivered %1 events"_s.arg(
                recorder.eventCount(gzipped))));
        for (const StreamId id : ids)
            QVERIFY2(recorder.errors.value(id).isEmpty(),
                qPrintable(recorder.errors.value(id).join(u"; "_s)));
    }

    // What an SSE client sends passes through: Last-Event-ID resumes the
    // stream, a POST arrives with its body.
    void passesLastEventIdAndPost()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig resumed
            = fastRetryConfig(m_routes.route(u"buffered"_s, u"/ticker?rate=0&count=60"_s));
        resumed.lastEventId = "41";
        const StreamId resumedId = manager.addSubscription(resumed);

        SubscriptionConfig post = fastRetryConfig(m_routes.route(u"unbuffered"_s, u"/echo"_s));
        post.method = "POST";
        post.body = R"({"prompt":"hi"})";
        post.headers.append(HttpHeader("Content-Type", "application/json"));
        const StreamId postId = manager.addSubscription(post);

        // count=60 from 42: the buffered route flushes when the upstream closes,
        // and the reconnection gets 204 (the client has everything).
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(resumedId), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(resumedId), numbers(42, 60));

        const auto requestEvent = [&]() -> QJsonObject {
            for (const SseEvent &event : recorder.events.value(postId)) {
                if (event.type == "request")
                    return QJsonDocument::fromJson(event.data).object();
            }
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!requestEvent().isEmpty(), 10000);
        const QJsonObject request = requestEvent();
        QCOMPARE(request.value(u"method"_s).toString(), u"POST"_s);
        QCOMPARE(request.value(u"body"_s).toString(), u"{\"prompt\":\"hi\"}"_s);
        QVERIFY2(request.value(u"url"_s).toString().startsWith(u"/echo?framing=close"_s),
            qPrintable(request.value(u"url"_s).toString()));
    }
};

QTEST_GUILESS_MAIN(NginxRoutesTest)
#include "tst_nginxroutes.moc"
