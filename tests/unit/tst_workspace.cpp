// Workspaces: the subscriptions with their settings and the layout, as JSON.
#include "core/session/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace ssescope;

class TestWorkspace final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips();
    void rejects_data();
    void rejects();
    void unreadableFileIsNamed();
    void loadedUrlsSaveAndLoadBack_data();
    void loadedUrlsSaveAndLoadBack();
    void secretsAreLeftOutUnlessKept_data();
    void secretsAreLeftOutUnlessKept();
    void tooManyStreamsAreRefused_data();
    void tooManyStreamsAreRefused();
};

void TestWorkspace::roundTrips()
{
    Workspace workspace;
    SubscriptionConfig a;
    a.name = u"orders"_s;
    a.url = QUrl(u"https://api.example.com/orders"_s);
    a.method = "POST";
    a.headers = { { "Authorization", "Bearer x" } };
    a.body = "{\"q\":1}";
    a.reconnect.kind = ReconnectPolicyKind::Strict;
    a.latency.source = LatencySource::JsonPointer;
    a.latency.expression = u"/ts"_s;
    a.proxy = u"http://proxy.example:3128"_s;
    a.tokens = TokenStreamConfig::openAi();
    a.bodyFormat = BodyFormat::Ndjson;
    a.acceptAnyContentType = true;
    workspace.streams = { a };
    workspace.keepSecrets = true; // the Authorization header comes back as it was
    workspace.windowState = QByteArray("\x00\x01state", 7);
    workspace.chartWindowMinutes = 10;
    workspace.eventColumns
        = { { u"content"_s, u"/choices/0/delta/content"_s }, { u"status"_s, u"/status"_s } };
    QTemporaryDir dir;
    const QString path = dir.filePath(u"w.ssescope.json"_s);
    QString error;
    QVERIFY2(workspace.save(path, &error), qPrintable(error));
    const auto loaded = Workspace::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->streams.size(), 1);
    QCOMPARE(loaded->streams.first().toJson(), a.toJson());
    QCOMPARE(loaded->streams.first().proxy, a.proxy);
    QVERIFY(loaded->streams.first().tokens == a.tokens);
    QCOMPARE(loaded->streams.first().bodyFormat, BodyFormat::Ndjson);
    QVERIFY(loaded->streams.first().acceptAnyContentType);
    QCOMPARE(loaded->windowState, workspace.windowState);
    QCOMPARE(loaded->chartWindowMinutes, 10);
    QCOMPARE(loaded->eventColumns, workspace.eventColumns);
    // A workspace without columns has none; one written before them loads.
    Workspace plain;
    QVERIFY(!plain.toJson().contains("eventColumns"));
    QVERIFY(Workspace::fromJson(plain.toJson(), &error)->eventColumns.isEmpty());
}

void TestWorkspace::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("{oops") << u"Not a workspace file"_s;
    QTest::newRow("no version") << QByteArray("{\"streams\":[]}") << u"no \"ssescopeWorkspace\""_s;
    QTest::newRow("newer") << QByteArray("{\"ssescopeWorkspace\":99}") << u"newer"_s;
    QTest::newRow("bad stream") << QByteArray(
        "{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"ftp://x/y\"}]}")
                                << u"Stream 1"_s;
    // A number beyond qint64 was cast as is (UBSan, found by fuzz_workspace).
    QTest::newRow("fuzz crash: maxRedirects beyond qint64") << QByteArray(
        "{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"http://h/s\","
        "\"maxRedirects\":38888888888888888888888888888888888888888888888888888888}]}")
                                                            << u"Stream 1"_s;
    QTest::newRow("bad event column")
        << QByteArray("{\"ssescopeWorkspace\":1,\"streams\":[],"
                      "\"eventColumns\":[{\"name\":\"c\",\"pointer\":\"status\"}]}")
        << u"Event column 1"_s;
}

void TestWorkspace::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!Workspace::fromJson(json, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

// A URL a workspace file holds must be saved so that it loads again: the
// default QUrl::toString() decoded "%20" in a query to a space, which the
// strict parsing of a load then refused. Found by fuzz_workspace.
void TestWorkspace::loadedUrlsSaveAndLoadBack_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("fuzz crash: %20 in the query") << u"https://exa0/ticker?rate=%20"_s;
    QTest::newRow("%20 in the path") << u"http://127.0.0.1:8080/a%20b/events"_s;
    QTest::newRow("encoded reserved characters") << u"http://h/s?q=%26%3D%23"_s;
    QTest::newRow("non-ASCII path") << u"http://h/\u00e9v\u00e9nements"_s;
}

void TestWorkspace::loadedUrlsSaveAndLoadBack()
{
    QFETCH(QString, url);
    const QByteArray json
        = "{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"" + url.toUtf8() + "\"}]}";
    QString error;
    const auto loaded = Workspace::fromJson(json, &error);
    QVERIFY2(loaded, qPrintable(error));
    const auto again = Workspace::fromJson(loaded->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->streams.size(), 1);
    QCOMPARE(again->streams.first().url, loaded->streams.first().url);
}

void TestWorkspace::unreadableFileIsNamed()
{
    QString error;
    QVERIFY(!Workspace::load(u"/nonexistent/dir/w.json"_s, &error));
    QVERIFY(error.contains(u"/nonexistent/dir/w.json"_s));
}

void TestWorkspace::secretsAreLeftOutUnlessKept_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("markedSecret");
    QTest::addColumn<QString>("plainUrl");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<QString>("plainProxy");
    const QString plain = u"http://127.0.0.1:8080/events"_s;
    const QString proxy = u"http://127.0.0.1:3128"_s;
    QTest::newRow("password in the URL") << u"http://user:S3cretP4ss@127.0.0.1:8080/events"_s
                                         << QByteArray() << QByteArray() << plain << proxy << proxy;
    QTest::newRow("Authorization")
        << plain << QByteArray("Authorization") << QByteArray() << plain << QString() << QString();
    QTest::newRow("Cookie") << plain << QByteArray("cookie") << QByteArray() << plain << QString()
                            << QString();
    QTest::newRow("Proxy-Authorization") << plain << QByteArray("Proxy-Authorization")
                                         << QByteArray() << plain << QString() << QString();
    QTest::newRow("marked secret") << plain << QByteArray("X-Api-Key") << QByteArray("x-api-key")
                                   << plain << u"none"_s << u"none"_s;
    QTest::newRow("password in the proxy URL")
        << plain << QByteArray() << QByteArray() << plain
        << u"http://proxyuser:S3cretP4ss@127.0.0.1:3128"_s << proxy;
}

void TestWorkspace::secretsAreLeftOutUnlessKept()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, markedSecret);
    QFETCH(QString, plainUrl);
    QFETCH(QString, proxy);
    QFETCH(QString, plainProxy);
    const QByteArray secret = "S3cretP4ss";
    SubscriptionConfig config;
    config.name = u"orders"_s;
    config.url = QUrl(url);
    config.proxy = proxy;
    config.headers = { { "Accept-Language", "fr" } };
    if (!header.isEmpty())
        config.headers.append({ header, "Bearer " + secret });
    if (!markedSecret.isEmpty())
        config.secretHeaders = { markedSecret };
    QTemporaryDir dir;
    for (const bool keep : { false, true }) {
        Workspace workspace;
        workspace.streams = { config };
        workspace.keepSecrets = keep;
        const QString path = dir.filePath(keep ? u"kept.json"_s : u"plain.json"_s);
        QString error;
        QVERIFY2(workspace.save(path, &error), qPrintable(error));
        // Owner-only, with secrets or without.
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().contains(secret), keep);
        const auto loaded = Workspace::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        const SubscriptionConfig &back = loaded->streams.first();
        QCOMPARE(loaded->streamsWithoutSecrets, keep ? 0 : 1);
        if (keep) {
            QCOMPARE(back.toJson(), config.toJson());
            continue;
        }
        QCOMPARE(back.url.toString(), plainUrl);
        QCOMPARE(back.proxy, plainProxy);
        QCOMPARE(back.headers.size(), 1); // what is not secret stays
        QCOMPARE(back.headers.first().first, QByteArray("Accept-Language"));
        QCOMPARE(back.secretHeaders, config.secretHeaders); // names are not secrets
    }
}

void TestWorkspace::tooManyStreamsAreRefused_data()
{
    QTest::addColumn<int>("streams");
    QTest::addColumn<bool>("opens");
    QTest::newRow("at the limit") << Workspace::kMaxStreams << true;
    QTest::newRow("100k") << 100000 << false;
}

void TestWorkspace::tooManyStreamsAreRefused()
{
    QFETCH(int, streams);
    QFETCH(bool, opens);
    QByteArray json = "{\"ssescopeWorkspace\":1,\"streams\":[";
    for (int i = 0; i < streams; ++i)
        json += (i ? "," : "") + "{\"url\":\"http://127.0.0.1:9/s"_ba + QByteArray::number(i)
            + "\"}";
    json += "]}";
    QString error;
    const auto workspace = Workspace::fromJson(json, &error);
    QCOMPARE(bool(workspace), opens);
    if (opens)
        QCOMPARE(workspace->streams.size(), streams);
    else
        QVERIFY2(
            error.contains(u"100,000 streams; SSE Scope opens at most 1,000"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
