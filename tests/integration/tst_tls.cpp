// TLS is verified by default; ignoring its errors is a per-subscription opt-in,
// and so is trusting a private CA (caFile). The demo server serves https on
// loopback with the self-signed test certificate in tests/data/tls, and, for
// the CA file, with certificates made by openssl at test time.
#include "CliProcess.h"
#include "StreamRecorder.h"
#include "TestCertificates.h"

#include <QFile>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class TlsTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    TestCertificates m_certificates;
    demo::DemoServerThread m_privateCaServer; // for 127.0.0.1, signed by m_certificates' CA
    demo::DemoServerThread m_wrongHostServer; // for elsewhere.example, same CA

    SubscriptionConfig config(const QString &pathAndQuery) const
    {
        return fastRetryConfig(m_server.url(pathAndQuery));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile certificateFile(QFINDTESTDATA("../data/tls/localhost-cert.pem"));
        QFile keyFile(QFINDTESTDATA("../data/tls/localhost-key.pem"));
        QVERIFY(certificateFile.open(QIODevice::ReadOnly));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(&certificateFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem);
        QVERIFY(!certificate.isNull());
        QVERIFY(!key.isNull());
        m_server.setTls(certificate, key);
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_server.url(u"/"_s).toString().startsWith(u"https://127.0.0.1:"_s));

        QVERIFY2(m_certificates.makeServer(u"local"_s, u"IP:127.0.0.1,DNS:localhost"_s),
            qPrintable(m_certificates.error()));
        QVERIFY2(m_certificates.makeServer(u"elsewhere"_s, u"DNS:elsewhere.example"_s),
            qPrintable(m_certificates.error()));
        m_privateCaServer.setTls(
            m_certificates.certificate(u"local"_s), m_certificates.key(u"local"_s));
        m_wrongHostServer.setTls(
            m_certificates.certificate(u"elsewhere"_s), m_certificates.key(u"elsewhere"_s));
        QVERIFY2(m_privateCaServer.start(), qPrintable(m_privateCaServer.errorString()));
        QVERIFY2(m_wrongHostServer.start(), qPrintable(m_wrongHostServer.errorString()));
    }

    void caFileIsTrustedForThatSubscription()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_privateCaServer.url(u"/ticker?rate=0&count=3"_s));
        c.caFile = m_certificates.caFile();
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
        QCOMPARE(manager.counters(id).errors, quint64(0));
    }

    // The CA trusted by one subscription is not trusted by another to the
    // same server, even while the first one's connection is open.
    void withoutTheCaFileThePrivateCaIsRefused()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig trusting = fastRetryConfig(m_privateCaServer.url(u"/ticker?rate=10"_s));
        trusting.caFile = m_certificates.caFile();
        const StreamId trusted = manager.addSubscription(trusting);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(trusted), SubscriptionState::Open, 10000);
        const StreamId plain
            = manager.addSubscription(fastRetryConfig(m_privateCaServer.url(u"/ticker?rate=10"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(
            !recorder.inState(plain, SubscriptionState::Waiting).isEmpty(), 10000);
        const QString message = recorder.inState(plain, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.startsWith(
                     u"TLS handshake with 127.0.0.1:%1 failed"_s.arg(m_privateCaServer.port())),
            qPrintable(message));
        QVERIFY2(message.contains(u"issuer"_s, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(recorder.eventCount(plain), 0);
        QCOMPARE(manager.counters(plain).connections, quint64(0));
        QCOMPARE(recorder.lastState(trusted), SubscriptionState::Open);
    }

    void certificateForAnotherHostIsRefusedWithASentence()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_wrongHostServer.url(u"/ticker?rate=0&count=3"_s));
        c.caFile = m_certificates.caFile(); // trusted issuer, wrong name
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(
            !recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 10000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(message.startsWith(
                     u"TLS handshake with 127.0.0.1:%1 failed"_s.arg(m_wrongHostServer.port())),
            qPrintable(message));
        QVERIFY2(message.contains(u"host name"_s, Qt::CaseInsensitive), qPrintable(message));
        qInfo("%s", qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
    }

    void cliTrustsItsCacert()
    {
        const QString url = m_privateCaServer.url(u"/ticker?rate=0&count=3"_s).toString();
        const CliRun trusted
            = CliRun::run({ u"--no-reconnect"_s, u"--cacert"_s, m_certificates.caFile(), url });
        QVERIFY2(trusted.err.contains("\"state\":\"open\""), trusted.err.constData());
        QVERIFY2(!trusted.err.contains("TLS"), trusted.err.constData());
        QCOMPARE(trusted.out.count("\"id\":\""), 3);

        const CliRun untrusted = CliRun::run({ u"--no-reconnect"_s, url });
        QVERIFY2(untrusted.exitCode != 0, untrusted.err.constData());
        QVERIFY2(untrusted.err.contains("TLS handshake with 127.0.0.1"), untrusted.err.constData());
        QCOMPARE(untrusted.out.count("\"id\":\""), 0);

        const CliRun missing
            = CliRun::run({ u"--cacert"_s, m_certificates.path(u"no-such-ca.pem"_s), url });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("Cannot read the CA file"), missing.err.constData());
    }

    void unreadableCaFileFailsWithASentence()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = fastRetryConfig(m_privateCaServer.url(u"/ticker"_s));
        c.caFile = m_certificates.path(u"no-such-ca.pem"_s);
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Failed, 10000);
        QVERIFY2(recorder.lastMessage(id).startsWith(u"Cannot read the CA file "_s),
            qPrintable(recorder.lastMessage(id)));
        c.caFile = m_certificates.path(u"local.ext"_s); // a file, but no certificate
        const StreamId notPem = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(notPem), SubscriptionState::Failed, 10000);
        QVERIFY2(recorder.lastMessage(notPem).contains(u"holds no PEM certificate"_s),
            qPrintable(recorder.lastMessage(notPem)));
    }

    void untrustedCertificateIsRefusedWithASentence_data()
    {
        QTest::addColumn<int>("policy");
        QTest::newRow("resilient") << int(ReconnectPolicyKind::Resilient);
        QTest::newRow("strict") << int(ReconnectPolicyKind::Strict);
    }
    void untrustedCertificateIsRefusedWithASentence()
    {
        QFETCH(int, policy);
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=3"_s);
        c.reconnect.kind = ReconnectPolicyKind(policy);
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(
            !recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 10000);
        const QString message = recorder.inState(id, SubscriptionState::Waiting).first().message;
        QVERIFY2(
            message.startsWith(u"TLS handshake with 127.0.0.1:%1 failed"_s.arg(m_server.port())),
            qPrintable(message));
        QVERIFY2(message.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY2(message.contains(u"allow insecure TLS"_s), qPrintable(message));
        qInfo("%s", qPrintable(message));
        QCOMPARE(recorder.eventCount(id), 0);
        QCOMPARE(manager.counters(id).connections, quint64(0));
    }

    void ignoringTlsErrorsIsAnOptIn()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker?rate=0&count=3"_s);
        c.ignoreTlsErrors = true;
        const StreamId id = manager.addSubscription(c);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(id), SubscriptionState::Closed, 10000);
        QCOMPARE(recorder.ids(id), numbers(1, 3));
        QCOMPARE(manager.counters(id).connections, quint64(1));
    }

    void plainHttpToATlsServerFailsCleanly()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        SubscriptionConfig c = config(u"/ticker"_s);
        c.url.setScheme(u"http"_s);
        c.connectTimeoutMs = 3000;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(
            !recorder.inState(id, SubscriptionState::Waiting).isEmpty(), 10000);
        QCOMPARE(recorder.eventCount(id), 0);
    }
};

QTEST_GUILESS_MAIN(TlsTest)
#include "tst_tls.moc"
