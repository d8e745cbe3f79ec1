#include "core/net/SubscriptionConfig.h"

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
        config.headers = { { "Authorization", "Bearer t0k" }, { "X-Trace", "\xC3\xA9" },
            { "X-Api-Key", "k" } };
        config.secretHeaders = { "X-Api-Key" };
        config.body = "{\"q\":1}";
        config.lastEventId = "41";
        config.reconnect.kind = ReconnectPolicyKind::Strict;
        config.reconnect.initialRetryMs = 1234;
        config.reconnect.maxBackoffMs = 9999;
        config.reconnect.maxAttempts = 7;
        config.reconnect.reconnect = false;
        config.connectTimeoutMs = 5000;
        config.headersTimeoutMs = 7000;
        config.idleTimeoutMs = 30000;
        config.maxRedirects = 2;
        config.allowCompression = true;
        config.ignoreTlsErrors = true;
        config.caFile = u"/etc/ssescope/private-ca.pem"_s;
        config.http2PriorKnowledge = true;
        config.readBufferBytes = 4096;
        config.maxEventBytes = 1000;
        config.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        config.latency.clockOffsetMs = 2.5;
        config.errorEventType = ""; // none looked for: kept as none, not the default
        config.errorJsonType = "failure";
        config.terminal = "[DONE]";

        const QByteArray text = QJsonDocument(config.toJson()).toJson();
        QString error;
        const auto back
            = SubscriptionConfig::fromJson(QJsonDocument::fromJson(text).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), config.toJson());
        QCOMPARE(back->headers, config.headers);
        QCOMPARE(back->secretHeaders, config.secretHeaders);
        QVERIFY(back->isSecretHeader("x-api-key"));
        QVERIFY(back->isSecretHeader("COOKIE"));
        QVERIFY(!back->isSecretHeader("X-Trace"));
        QCOMPARE(back->headersTimeoutMs, qint64(7000));
        QCOMPARE(back->reconnect.kind, ReconnectPolicyKind::Strict);
        QCOMPARE(back->reconnect.reconnect, false);
        QCOMPARE(back->maxEventBytes, qint64(1000));
        QCOMPARE(back->caFile, u"/etc/ssescope/private-ca.pem"_s);
        // Latency settings are per subscription: each stream says where its send time is.
        QCOMPARE(back->latency.source, LatencySource::JsonPointer);
        QCOMPARE(back->latency.expression, u"/ts"_s);
        QCOMPARE(back->latency.clockOffsetMs, 2.5);
        QCOMPARE(back->errorEventType, QByteArray());
        QCOMPARE(back->errorJsonType, QByteArray("failure"));
        QCOMPARE(back->terminal, QByteArray("[DONE]"));
        // A workspace from before the end classes: the defaults.
        QJsonObject old = config.toJson();
        for (const QString &key : { u"errorEventType"_s, u"errorJsonType"_s, u"terminal"_s })
            old.remove(key);
        const auto older = SubscriptionConfig::fromJson(old, &error);
        QVERIFY(older);
        QCOMPARE(older->errorEventType, QByteArray("error"));
        QCOMPARE(older->terminal, QByteArray());
    }

    // Workspaces keep a stream's auto-detection as "auto", not what it found.
    void autoLatencyRoundTrips()
    {
        SubscriptionConfig config;
        config.url = QUrl(u"http://127.0.0.1:1/x"_s);
        config.latency.source = LatencySource::Auto;
        QCOMPARE(config.toJson().value(u"latency"_s).toObject().value(u"source"_s).toString(),
            u"auto"_s);
        QString error;
        const auto back = SubscriptionConfig::fromJson(config.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->latency.source, LatencySource::Auto);
    }

    // Token streams, NDJSON and any content type are the stream's own settings.
    void tokenAndBodySettingsRoundTrip()
    {
        SubscriptionConfig config;
        config.url = QUrl(u"http://127.0.0.1:1/x"_s);
        config.tokens = TokenStreamConfig::anthropic();
        config.bodyFormat = BodyFormat::Ndjson;
        config.acceptAnyContentType = true;
        QString error;
        const auto back = SubscriptionConfig::fromJson(config.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->tokens.pointer, QByteArray("/delta/text"));
        QCOMPARE(back->tokens.eventType, QByteArray("content_block_delta"));
        QCOMPARE(back->bodyFormat, BodyFormat::Ndjson);
        QVERIFY(back->acceptAnyContentType);
        const auto plain = SubscriptionConfig::fromJson(
            QJsonObject { { u"url"_s, u"http://127.0.0.1:1/x"_s } }, &error);
        QVERIFY(plain);
        QVERIFY(!plain->tokens.isEnabled());
        QCOMPARE(plain->bodyFormat, BodyFormat::Sse);
        QVERIFY(!plain->acceptAnyContentType);
    }

    void tokenSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("eventType");
        QTest::addColumn<QString>("back");
        QTest::newRow("openai") << u"openai"_s << true << QByteArray("/choices/0/delta/content")
                                << QByteArray() << u"openai"_s;
        QTest::newRow("anthropic") << u"Anthropic"_s << true << QByteArray("/delta/text")
                                   << QByteArray("content_block_delta") << u"anthropic"_s;
        QTest::newRow("pointer") << u"/response"_s << true << QByteArray("/response")
                                 << QByteArray() << u"/response"_s;
        QTest::newRow("type and pointer")
            << u"delta:/t"_s << true << QByteArray("/t") << QByteArray("delta") << u"delta:/t"_s;
        QTest::newRow("none") << u"none"_s << true << QByteArray() << QByteArray() << u"none"_s;
        QTest::newRow("not a pointer")
            << u"response"_s << false << QByteArray() << QByteArray() << QString();
    }
    void tokenSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QString error;
        const auto config = TokenStreamConfig::fromSpec(spec, &error);
        QCOMPARE(config.has_value(), valid);
        if (!valid) {
            QVERIFY2(error.contains(u"JSON Pointer"_s), qPrintable(error));
            return;
        }
        QTEST(config->pointer, "pointer");
        QTEST(config->eventType, "eventType");
        QTEST(config->toSpec(), "back");
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
        // The time to headers stays bounded by default: Qt reads headers without a limit.
        QVERIFY(config->headersTimeoutMs > 0);
        QVERIFY(config->secretHeaders.isEmpty());
    }

    // An invalid QUrl prints as "", so a message naming it said `"" is not a
    // valid URL`; each names the URL as typed and what is wrong with it.
    void invalidUrlSaysWhatIsWrong_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << u"No URL was given."_s;
        QTest::newRow("no scheme") << u"example.com/events"_s
                                   << u"\"example.com/events\" has no scheme: begin it with "
                                      "http:// or https://."_s;
        QTest::newRow("ftp") << u"ftp://host/x"_s
                             << u"Only http:// and https:// URLs can carry Server-Sent Events, "
                                "not \"ftp:\"."_s;
        QTest::newRow("no host") << u"http:///x"_s
                                 << u"\"http:///x\" is not a valid URL: it names no host "
                                    "(http://HOST/PATH)."_s;
        QTest::newRow("space in host")
            << u"http://exa mple.com/"_s
            << u"\"http://exa mple.com/\" is not a valid URL: Invalid hostname (contains "
               "invalid characters)."_s;
        // A pasted 10 KB URL is quoted by its start and end, not whole.
        const QString longPath = QString(10'000, u'p');
        QTest::newRow("10 KB, no scheme")
            << u"example.com/"_s + longPath
            << u"\"example.com/"_s + QString(94, u'p') + u"…(9852 more characters)…"_s
                + QString(54, u'p') + u"\" has no scheme: begin it with http:// or https://."_s;
        QTest::newRow("10 KB, space in host") << u"http://exa mple.com/"_s + longPath
                                              << u"\"http://exa mple.com/"_s + QString(86, u'p')
                + u"…(9860 more characters)…"_s + QString(54, u'p')
                + u"\" is not a valid URL: Invalid hostname (contains invalid characters)."_s;
    }
    // Qt quotes an invalid URL whole in its error string, password included,
    // and the sentence quoted Qt: on stderr, in CI logs.
    void invalidUrlHidesItsPassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("bad port") << u"https://bot:T0kenS3cret@api.example.com:443x/"_s
                                  << u"Invalid port"_s;
        QTest::newRow("bad escape")
            << u"https://bot:T0ken%zzS3cret@api.example.com/"_s << u"not a valid URL"_s;
        QTest::newRow("slash in password")
            << u"https://bot:T0ken/S3cret@api.example.com/"_s << u"percent-encoded"_s;
        QTest::newRow("hash in password")
            << u"https://bot:T0ken#S3cret@api.example.com/"_s << u"percent-encoded"_s;
        QTest::newRow("ftp") << u"ftp://bot:T0kenS3cret@files.example.com/"_s << u"ftp"_s;
        QTest::newRow("no host") << u"http://bot:T0kenS3cret@/x"_s << u"not a valid URL"_s;
        // curl -u TOKEN: gives a token with an empty password.
        QTest::newRow("token, empty password") << u"http://T0kenS3cret:@h:44x/"_s << u"port"_s;
        QTest::newRow("one slash") << u"http:/u:T0kenS3cret@h:44x/"_s << u"names no host"_s;
        QTest::newRow("a curl command")
            << u"curl -u u:T0kenS3cret -H 'Authorization: Bearer T0kenS3cret' http://h/x"_s
            << u"That is a curl command"_s;
    }
    void invalidUrlHidesItsPassword()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        SubscriptionConfig config;
        config.url = QUrl(text, QUrl::StrictMode);
        const QString error = config.validationError();
        QVERIFY2(error.contains(says), qPrintable(error));
        QVERIFY2(!error.contains(u"S3cret"_s), qPrintable(error));
    }

    // One place gives a URL's port and HOST:PORT (five had their own copy, and
    // sentences wrote ::1:8080 for [::1]:8080).
    void hostPortOfUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("hostPort");
        QTest::newRow("http") << u"http://h/x"_s << 80 << u"h:80"_s;
        QTest::newRow("https") << u"https://h/x"_s << 443 << u"h:443"_s;
        QTest::newRow("HTTPS") << u"HTTPS://h/x"_s << 443 << u"h:443"_s;
        QTest::newRow("given port") << u"https://h:8443/x"_s << 8443 << u"h:8443"_s;
        QTest::newRow("IPv6") << u"http://[::1]:8080/x"_s << 8080 << u"[::1]:8080"_s;
    }
    void hostPortOfUrls()
    {
        QFETCH(QString, url);
        QTEST(effectivePort(QUrl(url)), "port");
        QTEST(hostPort(QUrl(url)), "hostPort");
    }

    void invalidUrlSaysWhatIsWrong()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        SubscriptionConfig config;
        config.url = QUrl(text, QUrl::StrictMode);
        const QString error = config.validationError();
        QCOMPARE(error, expected);
        QVERIFY(!error.startsWith(u"\"\""_s));
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("no url") << QJsonObject {} << u"No URL was given."_s;
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
            { u"idleTimeoutMs"_s, -5 } } << u"from 0 to 2147483647 ms"_s;
        QTest::newRow("secret header not a name") << QJsonObject { { u"url"_s, u"http://h/x"_s },
            { u"secretHeaders"_s, QJsonArray { 3 } } }
                                                  << u"secret header"_s;
        QTest::newRow("bad method")
            << QJsonObject { { u"url"_s, u"http://h/x"_s }, { u"method"_s, u"GE T"_s } }
            << u"method"_s;
        QTest::newRow("socks proxy")
            << QJsonObject { { u"url"_s, u"http://h/x"_s }, { u"proxy"_s, u"socks5://h:1080"_s } }
            << u"is not a proxy SSE Scope can use"_s;
        QTest::newRow("bad body format")
            << QJsonObject { { u"url"_s, u"http://h/x"_s }, { u"bodyFormat"_s, u"xml"_s } }
            << u"ndjson"_s;
        QTest::newRow("bad token pointer") << QJsonObject { { u"url"_s, u"http://h/x"_s },
            { u"tokens"_s, QJsonObject { { u"pointer"_s, u"text"_s } } } }
                                           << u"JSON Pointer"_s;
    }
    void rejectsBadInput()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, expectedError);
        QString error;
        QVERIFY(!SubscriptionConfig::fromJson(json, &error));
        QVERIFY2(error.contains(expectedError), qPrintable(error));
    }

    // A CR or LF would start a header of the sender's choosing.
    void rejectsHeaderInjection_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QByteArray>("lastEventId");
        QTest::addColumn<QString>("expectedError");
        const QByteArray injected("abc\r\nX-Injected: yes");
        QTest::newRow("last-event-id CRLF")
            << QByteArray("GET") << QByteArray() << QByteArray() << injected << u"Last-Event-ID"_s;
        QTest::newRow("last-event-id NUL") << QByteArray("GET") << QByteArray() << QByteArray()
                                           << QByteArray("a\0b", 3) << u"Last-Event-ID"_s;
        QTest::newRow("header value LF")
            << QByteArray("GET") << QByteArray("X-A") << QByteArray("v\nX-Injected: yes")
            << QByteArray() << u"header \"X-A\""_s;
        QTest::newRow("header value CR")
            << QByteArray("GET") << QByteArray("X-A") << QByteArray("v\rw") << QByteArray()
            << u"header \"X-A\""_s;
        QTest::newRow("header value NUL")
            << QByteArray("GET") << QByteArray("X-A") << QByteArray("v\0w", 3) << QByteArray()
            << u"header \"X-A\""_s;
        QTest::newRow("header name CRLF")
            << QByteArray("GET") << QByteArray("X-A\r\nX-Injected") << QByteArray("yes")
            << QByteArray() << u"X-A\\x0d\\x0aX-Injected\" is not a valid header name"_s;
        QTest::newRow("header name with colon")
            << QByteArray("GET") << QByteArray("X-A: b") << QByteArray("c") << QByteArray()
            << u"not a valid header name"_s;
        QTest::newRow("method CRLF") << QByteArray("GET\r\nX-Injected:") << QByteArray()
                                     << QByteArray() << QByteArray() << u"method"_s;
    }
    void rejectsHeaderInjection()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(QByteArray, lastEventId);
        QFETCH(QString, expectedError);
        SubscriptionConfig config;
        config.url = QUrl(u"http://127.0.0.1:1/x"_s);
        config.method = method;
        if (!headerName.isEmpty())
            config.headers.append({ headerName, headerValue });
        config.lastEventId = lastEventId;
        const QString error = config.validationError();
        QVERIFY2(error.contains(expectedError), qPrintable(error));
        QVERIFY(!error.contains(u'\r') && !error.contains(u'\n'));
    }

    // The one header-line check the dialog, the CLI and validationError() share.
    void headerLineError_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected"); // empty: the header fits its line
        QTest::newRow("plain") << QByteArray("X-A") << QByteArray("b c") << QString();
        QTest::newRow("empty value") << QByteArray("X-A") << QByteArray() << QString();
        QTest::newRow("tab and UTF-8 in the value")
            << QByteArray("X-A") << QByteArray("a\tb \xc3\xa9") << QString();
        QTest::newRow("value CRLF")
            << QByteArray("X-A") << QByteArray("b\r\nX-Injected: yes")
            << u"The value of header \"X-A\" contains a line break or NUL character, which "
               "HTTP headers cannot carry."_s;
        QTest::newRow("value trailing CR") << QByteArray(
            "X-A") << QByteArray("b\r") << u"The value of header \"X-A\" contains a line break"_s;
        QTest::newRow("value NUL") << QByteArray("X-A") << QByteArray("b\0c", 3)
                                   << u"The value of header \"X-A\" contains a line break or NUL"_s;
        QTest::newRow("name LF") << QByteArray("X\n-A") << QByteArray("b")
                                 << u"\"X\\x0a-A\" is not a valid header name: it holds a line "
                                    "break or NUL character, which HTTP headers cannot carry."_s;
        QTest::newRow("name NUL, value CR: the name first") << QByteArray(
            "X\0A", 3) << QByteArray("b\r") << u"\"X\\x00A\" is not a valid header name"_s;
        QTest::newRow("name with control characters escaped in the value's sentence") << QByteArray(
            "X\x01"
            "A") << QByteArray("\n") << u"The value of header \"X\\x01A\""_s;
    }
    void headerLineError()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        const QString error = SubscriptionConfig::headerLineError(name, value);
        if (expected.isEmpty()) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            return;
        }
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        QVERIFY(!error.contains(u'\r') && !error.contains(u'\n') && !error.contains(QChar(0)));
    }

    // QTimer takes an int; past INT_MAX ms it would switch off.
    void rejectsDurationsTimersCannotHold_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<bool>("valid");
        const qint64 max = 2147483647;
        for (const QString &field : { u"initialRetryMs"_s, u"maxBackoffMs"_s, u"connectTimeoutMs"_s,
                 u"headersTimeoutMs"_s, u"idleTimeoutMs"_s }) {
            QTest::addRow("%s at INT_MAX", qPrintable(field)) << field << max << true;
            QTest::addRow("%s past INT_MAX", qPrintable(field)) << field << max + 1 << false;
            QTest::addRow("%s negative", qPrintable(field)) << field << qint64(-1) << false;
        }
        QTest::newRow("headersTimeoutMs zero") << u"headersTimeoutMs"_s << qint64(0) << false;
        QTest::newRow("connectTimeoutMs zero (off)") << u"connectTimeoutMs"_s << qint64(0) << true;
    }
    void rejectsDurationsTimersCannotHold()
    {
        QFETCH(QString, field);
        QFETCH(qint64, value);
        QFETCH(bool, valid);
        SubscriptionConfig config;
        config.url = QUrl(u"http://127.0.0.1:1/x"_s);
        qint64 *target = field == u"initialRetryMs"_s ? &config.reconnect.initialRetryMs
            : field == u"maxBackoffMs"_s              ? &config.reconnect.maxBackoffMs
            : field == u"connectTimeoutMs"_s          ? &config.connectTimeoutMs
            : field == u"headersTimeoutMs"_s          ? &config.headersTimeoutMs
                                                      : &config.idleTimeoutMs;
        *target = value;
        const QString error = config.validationError();
        QCOMPARE(error.isEmpty(), valid);
        if (!valid && value != 0)
            QVERIFY2(error.contains(u"from 0 to 2147483647 ms"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(SubscriptionConfigTest)
#include "tst_subscriptionconfig.moc"
