// Streams through a real forward proxy (Debian's tinyproxy, on loopback):
// plain http as a proxied request, https through CONNECT with a private CA
// trusted per subscription (insomnia#6976: a custom CA and a proxy failing
// together). The system proxy (http_proxy...) is never used for loopback, so
// these streams name their proxy per subscription, which is used for any
// target; the system proxy's own rules are tst_proxychoice's.
#include "CliProcess.h"
#include "StreamRecorder.h"
#include "TestCertificates.h"
#include "TinyProxy.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class ProxyTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_plainServer;
    demo::DemoServerThread m_tlsServer; // for 127.0.0.1, signed by m_certificates' CA
    TestCertificates m_certificates;
    std::unique_ptr<TinyProxy> m_proxy; // CONNECT to m_tlsServer's port only
    std::unique_ptr<TinyProxy> m_authProxy; // BasicAuth proxyuser S3cretProxyPass
    std::unique_ptr<TinyProxy> m_refusingProxy; // CONNECT to no port of ours

    QByteArray tlsPort() const { return QByteArray::number(m_tlsServer.port()); }
    QByteArray plainPort() const { return QByteArray::number(m_plainServer.port()); }

    // The stream's first Waiting or Failed sentence, within a few seconds.
    static QString firstTrouble(const StreamRecorder &recorder, StreamId id)
    {
        for (const SubscriptionStatus &status : recorder.statuses.value(id)) {
            if (status.state == SubscriptionState::Waiting
                || status.state == SubscriptionState::Failed)
                return status.message;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_plainServer.start(), qPrintable(m_plainServer.errorString()));
        QVERIFY2(m_certificates.makeServer(u"local"_s, u"IP:127.0.0.1,DNS:localhost"_s),
            qPrintable(m_certificates.error()));
        m_tlsServer.setTls(m_certificates.certificate(u"local"_s), m_certificates.key(u"local"_s));
        QVERIFY2(m_tlsServer.start(), qPrintable(m_tlsServer.errorString()));
        m_proxy
            = std::make_unique<TinyProxy>(TinyProxy::Options { { m_tlsServer.port() }, {}, {} });
        SSESCOPE_REQUIRE_TINYPROXY(*m_proxy);
        m_authProxy = std::make_unique<TinyProxy>(
            TinyProxy::Options { { m_tlsServer.port() }, u"proxyuser"_s, u"S3cretProxyPass"_s });
        SSESCOPE_REQUIRE_TINYPROXY(*m_authProxy);
        // CONNECT is allowed to one port only, and not the server's.
        const quint16 otherPort = m_plainServer.port();
        m_refusingProxy = std::make_unique<TinyProxy>(TinyProxy::Options { { otherPort }, {}, {} });
        SSESCOPE_REQUIRE_TINYPROXY(*m_refusingProxy);
    }

    void httpGoesThroughTheSubscriptionsProxy()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_plainServer.url(u"/ticker?rate=0&count=3"_s));
        c.proxy = m_proxy->url().toString();
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
        QVERIFY2(m_proxy->log().contains(
                     QByteArray("GET http://127.0.0.1:" + plainPort() + "/ticker?rate=0&count=3")),
            m_proxy->log().constData());
        const QString connecting
            = recorder.inState(id, SubscriptionState::Connecting).first().message;
        QVERIFY2(connecting.endsWith(u" via proxy 127.0.0.1:%1."_s.arg(m_proxy->port())),
            qPrintable(connecting));
    }

    // Streams with different proxies never share a manager: to the same
    // origin at once, one goes through the proxy and one does not.
    void proxiedAndDirectStreamsToOneOriginStayApart()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig direct
            = fastRetryConfig(m_plainServer.url(u"/ticker?rate=20&count=5&apart=direct"_s));
        direct.proxy = u"none"_s;
        SubscriptionConfig proxied
            = fastRetryConfig(m_plainServer.url(u"/ticker?rate=20&count=5&apart=proxied"_s));
        proxied.proxy = m_proxy->url().toString();
        const StreamId first = manager.addSubscription(direct);
        const StreamId second = manager.addSubscription(proxied);
        const StreamId third = manager.addSubscription(direct);
        for (const StreamId id : { first, second, third })
            QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        for (const StreamId id : { first, second, third })
            QCOMPARE(recorder.ids(id), numbers(1, 5));
        // Two each: the end after five events, then the 204 of the resumption.
        QCOMPARE(m_proxy->log().count("apart=proxied"), 2);
        QCOMPARE(m_proxy->log().count("apart=direct"), 0);
    }

    // insomnia#6976: the private CA must verify the server at the far end of
    // the CONNECT tunnel.
    void httpsTunnelsThroughConnectWithAPrivateCa()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_tlsServer.url(u"/ticker?rate=0&count=3"_s));
        c.proxy = m_proxy->url().toString();
        c.caFile = m_certificates.caFile();
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
        QCOMPARE(manager.counters(id).errors, quint64(0));
        QVERIFY2(m_proxy->log().contains(QByteArray("CONNECT 127.0.0.1:" + tlsPort())),
            m_proxy->log().constData());
    }

    void httpsThroughTheProxyStillVerifiesTheServer()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_tlsServer.url(u"/ticker?rate=10"_s));
        c.proxy = m_proxy->url().toString();
        const StreamId id = manager.addSubscription(c); // no caFile
        QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, id).isEmpty(), 10000);
        const QString message = firstTrouble(recorder, id);
        QVERIFY2(
            message.startsWith(u"TLS handshake with 127.0.0.1:%1 failed"_s.arg(m_tlsServer.port())),
            qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
    }

    // "Loopback always bypasses the system proxy": with http_proxy and
    // https_proxy naming tinyproxy, a loopback stream still goes direct.
    void systemProxyIsNotUsedForLoopback()
    {
        const QByteArray path = "/ticker?rate=0&count=2&systemProxyCheck=1";
        const QByteArray proxy = m_proxy->url().toString().toUtf8();
        qputenv("http_proxy", proxy);
        qputenv("https_proxy", proxy);
        const auto restore = qScopeGuard([] {
            qunsetenv("http_proxy");
            qunsetenv("https_proxy");
        });
        StreamManager manager;
        StreamRecorder recorder(&manager);
        const StreamId id = manager.addSubscription(
            fastRetryConfig(m_plainServer.url(QString::fromLatin1(path))));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 2));
        QVERIFY2(!m_proxy->log().contains("systemProxyCheck"), m_proxy->log().constData());
        const QString connecting
            = recorder.inState(id, SubscriptionState::Connecting).first().message;
        QVERIFY2(!connecting.contains(u"via proxy"_s), qPrintable(connecting));

        // The CLI reads the same variables, and bypasses them the same way.
        const CliRun run = CliRun::run({ u"--no-reconnect"_s,
            m_plainServer.url(u"/ticker?rate=0&count=2&cliSystem=1"_s).toString() });
        QCOMPARE(run.out.count("\"id\":\""), 2);
        QVERIFY2(!m_proxy->log().contains("cliSystem"), m_proxy->log().constData());
    }

    void proxyThatRefusesTheTunnelSaysSo()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_tlsServer.url(u"/ticker?rate=10"_s));
        c.proxy = m_refusingProxy->url().toString();
        c.caFile = m_certificates.caFile();
        QElapsedTimer clock;
        clock.start();
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, id).isEmpty(), 10000);
        QVERIFY(clock.elapsed() < 5000);
        const QString message = firstTrouble(recorder, id);
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(u"proxy 127.0.0.1:%1"_s.arg(m_refusingProxy->port())),
            qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
    }

    void proxyThatWantsCredentialsSaysSoAndTakesThemFromTheUrl()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig without = fastRetryConfig(m_plainServer.url(u"/ticker?rate=10"_s));
        without.proxy = m_authProxy->url().toString();
        const StreamId refused = manager.addSubscription(without);
        QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, refused).isEmpty(), 10000);
        const QString message = firstTrouble(recorder, refused);
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.startsWith(u"The proxy 127.0.0.1:%1 refused our credentials or asked "
                                    "for some (407)"_s.arg(m_authProxy->port())),
            qPrintable(message));

        // The same through CONNECT: Qt 6.4 reports a 407 (or tinyproxy's 401
        // for a wrong password) to CONNECT only as "Error communicating with
        // HTTP proxy" (UnknownNetworkError), so the sentence blames the proxy
        // without naming credentials.
        for (const QString &password : { QString(), u"S3cretWrong"_s }) {
            SubscriptionConfig tunnel = fastRetryConfig(m_tlsServer.url(u"/ticker?rate=10"_s));
            tunnel.proxy = m_authProxy->url(u"proxyuser"_s, password).toString();
            tunnel.caFile = m_certificates.caFile();
            const StreamId tunnelled = manager.addSubscription(tunnel);
            QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, tunnelled).isEmpty(), 10000);
            const QString sentence = firstTrouble(recorder, tunnelled);
            qInfo("%s", qPrintable(sentence));
            QVERIFY2(sentence.startsWith(u"The proxy 127.0.0.1:%1 "_s.arg(m_authProxy->port())),
                qPrintable(sentence));
            QVERIFY2(!sentence.contains(u"S3cret"_s), qPrintable(sentence));
        }

        SubscriptionConfig with = fastRetryConfig(m_tlsServer.url(u"/ticker?rate=0&count=3"_s));
        with.proxy = m_authProxy->url(u"proxyuser"_s, u"S3cretProxyPass"_s).toString();
        with.caFile = m_certificates.caFile();
        const StreamId accepted = manager.addSubscription(with);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(accepted), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(accepted), numbers(1, 3));
        for (const SubscriptionStatus &status : recorder.statuses.value(accepted))
            QVERIFY2(!status.message.contains(u"S3cret"_s), qPrintable(status.message));
    }

    void deadProxyIsRefusedQuicklyWithASentence()
    {
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            deadPort = probe.serverPort();
        }
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_plainServer.url(u"/ticker?rate=10"_s));
        c.proxy = u"http://127.0.0.1:%1"_s.arg(deadPort);
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, id).isEmpty(), 5000);
        QCOMPARE(firstTrouble(recorder, id),
            u"Connection refused by the proxy 127.0.0.1:%1: is the proxy running?"_s.arg(deadPort));
    }

    // Accepts and never answers: the connect timeout ends the attempt.
    void silentProxyIsEndedByTheConnectTimeout()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_plainServer.url(u"/ticker?rate=10"_s));
        c.proxy = u"http://127.0.0.1:%1"_s.arg(silent.serverPort());
        c.connectTimeoutMs = 1000;
        QElapsedTimer clock;
        clock.start();
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(!firstTrouble(recorder, id).isEmpty(), 5000);
        QVERIFY(clock.elapsed() < 4000);
        qInfo("%s", qPrintable(firstTrouble(recorder, id)));
    }

    void cliProxyOptionCarriesStreamsAndHidesThePassword()
    {
        const QString url = m_tlsServer.url(u"/ticker?rate=0&count=3&cliProxy=1"_s).toString();
        const CliRun run = CliRun::run(
            { u"--no-reconnect"_s, u"--cacert"_s, m_certificates.caFile(), u"--proxy"_s,
                m_authProxy->url(u"proxyuser"_s, u"S3cretProxyPass"_s).toString(), url });
        QCOMPARE(run.out.count("\"id\":\""), 3);
        QVERIFY2(run.err.contains(
                     QByteArray("via proxy 127.0.0.1:" + QByteArray::number(m_authProxy->port()))),
            run.err.constData());
        QVERIFY2(!run.err.contains("S3cret"), run.err.constData());

        // A wrong password fails with the sentence, and is not shown either.
        const CliRun wrong = CliRun::run({ u"--max-attempts"_s, u"1"_s, u"--proxy"_s,
            m_authProxy->url(u"proxyuser"_s, u"S3cretWrong"_s).toString(),
            m_plainServer.url(u"/ticker"_s).toString() });
        QCOMPARE(wrong.exitCode, 1);
        // tinyproxy answers a wrong password with 401, as if it were the server.
        QVERIFY2(wrong.err.contains(QByteArray("It came through the proxy 127.0.0.1:"
                     + QByteArray::number(m_authProxy->port()))),
            wrong.err.constData());
        QVERIFY2(!wrong.err.contains("S3cret"), wrong.err.constData());

        const CliRun none = CliRun::run({ u"--no-reconnect"_s, u"--proxy"_s, u"none"_s,
            m_plainServer.url(u"/ticker?rate=0&count=1"_s).toString() });
        QCOMPARE(none.out.count("\"id\":\""), 1);

        const CliRun bad = CliRun::run({ u"--proxy"_s, u"socks5://user:S3cretSocks@127.0.0.1:1"_s,
            m_plainServer.url(u"/ticker"_s).toString() });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("is not a proxy SSE Scope can use"), bad.err.constData());
        QVERIFY2(!bad.err.contains("S3cret"), bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(ProxyTest)
#include "tst_proxy.moc"
