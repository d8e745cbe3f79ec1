#include "net/SubscriptionConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

class SubscriptionConfigTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsThroughJson()
    {
        SubscriptionConfig config;
        config.name = u"orders"_s;
        config.url = QUrl(u"https://example.test:8443/events?x=1"_s);
        config.method = "POST";
        config.headers = { { "Authorization", "Bearer t0k" }, { "X-Trace", "\xC3\xA9" } };
        config.body = "{\"q\":1}";
        config.lastEventId = "41";
        config.reconnect.kind = ReconnectPolicyKind::Strict;
        config.reconnect.initialRetryMs = 1234;
        config.reconnect.maxBackoffMs = 9999;
        config.reconnect.maxAttempts = 7;
        config.reconnect.reconnect = false;
        config.connectTimeoutMs = 5000;
        config.idleTimeoutMs = 30000;
        config.maxRedirects = 2;
        config.allowCompression = true;
        config.ignoreTlsErrors = true;
        config.http2PriorKnowledge = true;
        config.readBufferBytes = 4096;
        config.maxEventBytes = 1000;
        config.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        config.latency.clockOffsetMs = 2.5;

        const QByteArray text = QJsonDocument(config.toJson()).toJson();
        QString error;
        const auto back
            = SubscriptionConfig::fromJson(QJsonDocument::fromJson(text).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), config.toJson());
        QCOMPARE(back->headers, config.headers);
        QCOMPARE(back->reconnect.kind, ReconnectPolicyKind::Strict);
        QCOMPARE(back->reconnect.reconnect, false);
        QCOMPARE(back->maxEventBytes, qint64(1000));
        // Issue 7: latency settings are per subscription.
        QCOMPARE(back->latency.source, LatencySource::JsonPointer);
        QCOMPARE(back->latency.expression, u"/ts"_s);
        QCOMPARE(back->latency.clockOffsetMs, 2.5);
    }

    void defaultsForMissingFields()
    {
        QString error;
        const auto config = SubscriptionConfig::fromJson(
            QJsonObject { { u"url"_s, u"http://127.0.0.1:1/x"_s } }, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->method, QByteArray("GET"));
        QCOMPARE(config->reconnect.kind, ReconnectPolicyKind::Resilient);
        QCOMPARE(config->allowCompression, false);
        QCOMPARE(config->ignoreTlsErrors, false);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("no url") << QJsonObject {} << u"not a valid URL"_s;
        QTest::newRow("ftp url") << QJsonObject { { u"url"_s, u"ftp://host/x"_s } }
                                 << u"Only http://"_s;
        QTest::newRow("garbage url")
            << QJsonObject { { u"url"_s, u"http://"_s } } << u"not a valid URL"_s;
        QTest::newRow("bad policy") << QJsonObject { { u"url"_s, u"http://h/x"_s },
            { u"reconnect"_s, QJsonObject { { u"policy"_s, u"eager"_s } } } }
                                    << u"strict"_s;
        QTest::newRow("bad header")
            << QJsonObject { { u"url"_s, u"http://h/x"_s }, { u"headers"_s, QJsonArray { 1 } } }
            << u"header"_s;
        QTest::newRow("negative timeout") << QJsonObject { { u"url"_s, u"http://h/x"_s },
            { u"idleTimeoutMs"_s, -5 } } << u"negative"_s;
        QTest::newRow("bad method")
            << QJsonObject { { u"url"_s, u"http://h/x"_s }, { u"method"_s, u"GE T"_s } }
            << u"method"_s;
    }
    void rejectsBadInput()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, expectedError);
        QString error;
        QVERIFY(!SubscriptionConfig::fromJson(json, &error));
        QVERIFY2(error.contains(expectedError), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(SubscriptionConfigTest)
#include "tst_subscriptionconfig.moc"
