// HAR 1.2 export: a document HAR viewers open, with the SSE events kept in
// response.content._sseEvents and the raw text/event-stream in content.text.
#include "core/capture/CaptureIO.h"
#include "core/capture/HarWriter.h"
#include "core/store/EventStore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kWall = 1795618302348123000LL;

SseEvent makeEvent(StreamId stream, quint64 seq, QByteArray type, QByteArray data)
{
    SseEvent e;
    e.stream = stream;
    e.streamSeq = seq;
    e.id = QByteArray::number(seq);
    e.type = std::move(type);
    e.data = std::move(data);
    e.arrivalSteadyNs = 1'000'000'000LL + qint64(seq);
    e.arrivalWallNs = kWall + qint64(seq) * 250'000'000;
    e.wireBytes = quint32(e.data.size() + 8);
    return e;
}

void fill(EventStore &store)
{
    store.setStreamName(1, u"ticker"_s);
    store.setStreamName(2, u"http://127.0.0.1:8080/stream?x=1"_s);
    store.append(makeEvent(1, 1, "message", R"({"n":1})"), std::nullopt);
    store.append(makeEvent(2, 2, "update", "two\nlines"), std::nullopt);
    store.append(makeEvent(1, 3, "message", R"({"n":3})"), 1.5);
}

QJsonObject exportHar(const EventStore &store, const QHash<QByteArray, HarRequest> *requests)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const ExportResult result
        = exportStore(store, CaptureFormat::Har, &buffer, {}, {}, WriterOptions { {}, requests });
    if (!result.error.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(buffer.data(), &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

} // namespace

class TestHarExport final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hasTheRequiredFields();
    void keepsTheEvents();
    void usesTheRequestAndRedactsSecrets();
    void formatNames();
};

void TestHarExport::hasTheRequiredFields()
{
    EventStore store;
    fill(store);
    const QJsonObject root = exportHar(store, nullptr);
    QVERIFY(root.value(u"log"_s).isObject());
    const QJsonObject log = root.value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    const QJsonObject creator = log.value(u"creator"_s).toObject();
    QVERIFY(creator.value(u"name"_s).isString());
    QVERIFY(creator.value(u"version"_s).isString());
    const QJsonArray entries = log.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2); // one per stream
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        QVERIFY(
            QDateTime::fromString(entry.value(u"startedDateTime"_s).toString(), Qt::ISODateWithMs)
                .isValid());
        QVERIFY(entry.value(u"time"_s).isDouble());
        QVERIFY(entry.value(u"cache"_s).isObject());
        const QJsonObject request = entry.value(u"request"_s).toObject();
        for (const char *key : { "method", "url", "httpVersion" })
            QVERIFY2(request.value(QLatin1String(key)).isString(), key);
        for (const char *key : { "cookies", "headers", "queryString" })
            QVERIFY2(request.value(QLatin1String(key)).isArray(), key);
        for (const char *key : { "headersSize", "bodySize" })
            QVERIFY2(request.value(QLatin1String(key)).isDouble(), key);
        const QJsonObject response = entry.value(u"response"_s).toObject();
        QVERIFY(response.value(u"status"_s).isDouble());
        for (const char *key : { "statusText", "httpVersion", "redirectURL" })
            QVERIFY2(response.value(QLatin1String(key)).isString(), key);
        for (const char *key : { "cookies", "headers" })
            QVERIFY2(response.value(QLatin1String(key)).isArray(), key);
        for (const char *key : { "headersSize", "bodySize" })
            QVERIFY2(response.value(QLatin1String(key)).isDouble(), key);
        const QJsonObject content = response.value(u"content"_s).toObject();
        QVERIFY(content.value(u"size"_s).isDouble());
        QCOMPARE(content.value(u"mimeType"_s).toString(), u"text/event-stream"_s);
        const QJsonObject timings = entry.value(u"timings"_s).toObject();
        for (const char *key : { "send", "wait", "receive" }) {
            QVERIFY2(timings.value(QLatin1String(key)).isDouble(), key);
            QVERIFY(timings.value(QLatin1String(key)).toDouble() >= 0);
        }
    }
    // A stream name that is a URL is the request's URL; any other is named.
    QCOMPARE(entries.at(0).toObject().value(u"request"_s).toObject().value(u"url"_s).toString(),
        u"urn:ssescope:stream:ticker"_s);
    const QJsonObject second = entries.at(1).toObject().value(u"request"_s).toObject();
    QCOMPARE(second.value(u"url"_s).toString(), u"http://127.0.0.1:8080/stream?x=1"_s);
    QCOMPARE(second.value(u"queryString"_s).toArray().size(), 1);
    QCOMPARE(entries.at(0).toObject().value(u"time"_s).toDouble(), 500.0);
}

void TestHarExport::keepsTheEvents()
{
    EventStore store;
    fill(store);
    const QJsonArray entries
        = exportHar(store, nullptr).value(u"log"_s).toObject().value(u"entries"_s).toArray();
    const QJsonObject ticker
        = entries.at(0).toObject().value(u"response"_s).toObject().value(u"content"_s).toObject();
    const QJsonArray events = ticker.value(u"_sseEvents"_s).toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).toObject().value(u"data"_s).toString(), uR"({"n":3})"_s);
    QCOMPARE(events.at(1).toObject().value(u"id"_s).toString(), u"3"_s);
    QCOMPARE(events.at(1).toObject().value(u"type"_s).toString(), u"message"_s);
    QVERIFY(QDateTime::fromString(
        events.at(0).toObject().value(u"time"_s).toString(), Qt::ISODateWithMs)
                .isValid());
    QCOMPARE(ticker.value(u"text"_s).toString(),
        u"id: 1\ndata: {\"n\":1}\n\nid: 3\ndata: {\"n\":3}\n\n"_s);
    QCOMPARE(ticker.value(u"size"_s).toInt(), ticker.value(u"text"_s).toString().size());
    const QJsonObject other
        = entries.at(1).toObject().value(u"response"_s).toObject().value(u"content"_s).toObject();
    QCOMPARE(
        other.value(u"text"_s).toString(), u"id: 2\nevent: update\ndata: two\ndata: lines\n\n"_s);
}

void TestHarExport::usesTheRequestAndRedactsSecrets()
{
    EventStore store;
    fill(store);
    SubscriptionConfig config;
    config.url = QUrl(u"https://user:pw@example.test/events"_s);
    config.method = "POST";
    config.body = R"({"q":1})";
    config.headers = { { "Authorization", "Bearer s3cret" }, { "X-Api-Key", "k3y" },
        { "Accept-Language", "en" } };
    config.secretHeaders = { "x-api-key" };
    QHash<QByteArray, HarRequest> requests;
    HarRequest request = HarRequest::fromConfig(config);
    request.status = 200;
    request.protocol = "HTTP/2";
    requests.insert("ticker", request);
    const QJsonObject entry = exportHar(store, &requests)
                                  .value(u"log"_s)
                                  .toObject()
                                  .value(u"entries"_s)
                                  .toArray()
                                  .at(0)
                                  .toObject();
    const QJsonObject harRequest = entry.value(u"request"_s).toObject();
    QCOMPARE(harRequest.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(harRequest.value(u"url"_s).toString(), u"https://example.test/events"_s);
    QCOMPARE(harRequest.value(u"httpVersion"_s).toString(), u"HTTP/2"_s);
    QCOMPARE(
        harRequest.value(u"postData"_s).toObject().value(u"text"_s).toString(), uR"({"q":1})"_s);
    const QByteArray text = QJsonDocument(entry).toJson();
    QVERIFY(!text.contains("s3cret"));
    QVERIFY(!text.contains("k3y"));
    QVERIFY(!text.contains("pw@"));
    QVERIFY(text.contains("Accept-Language"));
    QCOMPARE(harRequest.value(u"headers"_s).toArray().size(), 3);

    // A stream named by a URL with user info (ssescope-cli NAME=URL, or the
    // URL itself as the name) loses it in the extension field too.
    EventStore named;
    named.setStreamName(1, u"http://alice:s3cret@127.0.0.1:8080/x"_s);
    named.append(makeEvent(1, 1, "message", "a"), std::nullopt);
    const QByteArray namedText = QJsonDocument(exportHar(named, nullptr)).toJson();
    QVERIFY2(namedText.contains("127.0.0.1:8080/x"), namedText.constData());
    QVERIFY2(!namedText.contains("s3cret") && !namedText.contains("alice"), namedText.constData());

    // Kept only when asked for, as a workspace keeps them.
    const HarRequest kept = HarRequest::fromConfig(config, true);
    QCOMPARE(kept.headers.at(0).second, QByteArray("Bearer s3cret"));
}

void TestHarExport::formatNames()
{
    QCOMPARE(captureFormatFromPath(u"x.har"_s), CaptureFormat::Har);
    QCOMPARE(captureFormatName(CaptureFormat::Har), u"har"_s);
    // Written only: reading one says so.
    QBuffer buffer;
    buffer.setData("{}");
    buffer.open(QIODevice::ReadOnly);
    EventStore store;
    const ImportResult result = importCapture(CaptureFormat::Har, &buffer, store);
    QVERIFY(result.fatalError.contains(u"HAR"_s));
}

QTEST_GUILESS_MAIN(TestHarExport)
#include "tst_harexport.moc"
