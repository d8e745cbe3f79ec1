// TLS is verified by default; ignoring its errors is a per-subscription opt-in.
// The demo server serves https on loopback with the self-signed test
// certificate in tests/data/tls.
#include "StreamRecorder.h"

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
