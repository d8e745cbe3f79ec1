// HTTP/2 as real servers speak it: Debian's nginx with `http2` on a TLS
// listener (packaging/compare-proxy.sh --tls, certificate made by openssl at
// test time) in front of the demo server. Qt negotiates h2 by ALPN; once the
// first connection says so, the pool packs streams onto one manager (one
// connection) up to NetworkShardPool::kHttp2StreamsPerManager.
#include "NginxRoutes.h"
#include "StreamRecorder.h"

#include "core/net/NetworkShardPool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class Http2NginxTest final : public QObject
{
    Q_OBJECT

private:
    NginxRoutes m_routes { QStringList { u"--tls"_s } };

    // nginx's stub_status: connections accepted so far, on every listener
    // (this request's own connection included).
    qint64 acceptedConnections()
    {
        QNetworkAccessManager manager; // a fresh one: its own new connection
        QNetworkReply *reply
            = manager.get(QNetworkRequest(m_routes.proxyUrl().resolved(QUrl(u"/nginx-status"_s))));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return -1;
        reply->deleteLater();
        // "server accepts handled requests\n 12 12 40 \n"
        const QRegularExpressionMatch match = QRegularExpression(u"requests\\s+(\\d+)\\s"_s)
                                                  .match(QString::fromLatin1(reply->readAll()));
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    }

    SubscriptionConfig tlsConfig(const QString &pathAndQuery) const
    {
        SubscriptionConfig c = fastRetryConfig(m_routes.tls(pathAndQuery));
        c.caFile = m_routes.caFile(); // verified: the test CA, trusted for this stream only
        return c;
    }

    static int countIn(
        const StreamManager &manager, const QList<StreamId> &ids, SubscriptionState state)
    {
        return int(std::count_if(ids.cbegin(), ids.cend(),
            [&](StreamId id) { return manager.status(id).state == state; }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes);
        QVERIFY(m_routes.tls(u"/"_s).scheme() == u"https"_s);
        QVERIFY(!m_routes.caFile().isEmpty());
    }

    void threeHundredStreamsShareThreeConnections()
    {
        constexpr int kStreams = 300;
        const qint64 before = acceptedConnections();
        QVERIFY(before > 0);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        QList<StreamId> ids;
        for (int i = 0; i < kStreams; ++i)
            ids.append(manager.addSubscription(tlsConfig(u"/ticker?rate=4"_s)));

        QTRY_COMPARE_WITH_TIMEOUT(countIn(manager, ids, SubscriptionState::Open), kStreams, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(ids.cbegin(), ids.cend(),
                                     [&](StreamId id) { return recorder.eventCount(id) > 0; }),
            20000);
        // ceil(300 / 100) managers, each with one HTTP/2 connection.
        constexpr int kManagers = (kStreams + NetworkShardPool::kHttp2StreamsPerManager - 1)
            / NetworkShardPool::kHttp2StreamsPerManager;
        QCOMPARE(manager.networkManagerCount(), kManagers);
        const qint64 after = acceptedConnections();
        // Minus the status request's own connection.
        QCOMPARE(after - before - 1, qint64(kManagers));
        qInfo("%d streams over HTTP/2: %d managers, %lld TLS connections accepted by nginx",
            kStreams, manager.networkManagerCount(), after - before - 1);

        // Streams added while the first connection was still learning the
        // protocol said so instead of waiting silently.
        const bool toldWhy = std::any_of(ids.cbegin(), ids.cend(), [&](StreamId id) {
            const auto connecting = recorder.inState(id, SubscriptionState::Connecting);
            return std::any_of(connecting.cbegin(), connecting.cend(),
                [](const SubscriptionStatus &s) { return s.message.contains(u"HTTP/2"_s); });
        });
        QVERIFY(toldWhy);
        for (StreamId id : ids)
            QCOMPARE(manager.counters(id).connections, quint64(1));

        // What the streams panel and the CLI's state records show: HTTP/2,
        // three connections to the origin, and no browser stall warning.
        QCOMPARE(manager.status(ids.first()).protocol, QByteArray("HTTP/2"));
        const OriginConnections origin = manager.originConnections(ids.first());
        QCOMPARE(origin.http2Streams, kStreams);
        QCOMPARE(origin.http1Streams, 0);
        QCOMPARE(origin.connections, kManagers);
        QVERIFY(!origin.browserWouldStall());
    }

    void lastEventIdResumesOverHttp2()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        QList<StreamId> ids;
        // The demo server cuts each response after 7 events; nginx resets the
        // HTTP/2 stream, and the next request carries Last-Event-ID.
        for (int i = 0; i < 5; ++i)
            ids.append(
                manager.addSubscription(tlsConfig(u"/ticker?rate=100&count=30&drop_after=7"_s)));
        for (StreamId id : ids) {
            QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 30000);
            QCOMPARE(recorder.ids(id), numbers(1, 30)); // no gap, no duplicate
            QVERIFY2(manager.counters(id).connections >= 5,
                qPrintable(QString::number(manager.counters(id).connections)));
        }
        QCOMPARE(manager.networkManagerCount(), 1);
    }

    void plainHttp1KeepsSixStreamsPerManager()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        QList<StreamId> ids;
        for (int i = 0; i < 12; ++i) {
            ids.append(manager.addSubscription(
                fastRetryConfig(m_routes.route(u"unbuffered"_s, u"/ticker?rate=4"_s))));
        }
        QTRY_COMPARE_WITH_TIMEOUT(countIn(manager, ids, SubscriptionState::Open), 12, 20000);
        QCOMPARE(manager.networkManagerCount(), 12 / NetworkShardPool::kHttp1StreamsPerManager);
    }
};

QTEST_GUILESS_MAIN(Http2NginxTest)
#include "tst_http2nginx.moc"
