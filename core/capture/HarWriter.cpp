#include "HarWriter.h"

#include "core/common/TimeValue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

constexpr char kRedacted[] = "(redacted)";

QString rfc3339(qint64 wallNs)
{
    char text[32];
    return QString::fromLatin1(text, formatRfc3339Micros(wallNs, text));
}

QJsonArray nameValues(const QList<HttpHeader> &headers)
{
    QJsonArray list;
    for (const HttpHeader &header : headers)
        list.append(QJsonObject { { u"name"_s, QString::fromUtf8(header.first) },
            { u"value"_s, QString::fromUtf8(header.second) } });
    return list;
}

QByteArray fallbackUrl(const QByteArray &stream)
{
    const QUrl url(QString::fromUtf8(stream), QUrl::StrictMode);
    if (url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https"))
        return url.adjusted(QUrl::RemoveUserInfo).toEncoded();
    return "urn:ssescope:stream:" + stream.toPercentEncoding();
}

// A stream's name as written: a name that is a URL (the CLI's default, or a
// hand-made NAME=URL) loses its user info, as request.url does.
QString streamName(const QByteArray &stream)
{
    const QString name = QString::fromUtf8(stream);
    const QUrl url(name, QUrl::StrictMode);
    return url.isValid() && !url.userInfo().isEmpty()
        ? url.adjusted(QUrl::RemoveUserInfo).toString()
        : name;
}

void appendField(QByteArray &text, QByteArrayView name, QByteArrayView value)
{
    text.append(name);
    text.append(": ");
    text.append(value);
    text.append('\n');
}

} // namespace

HarRequest HarRequest::fromConfig(const SubscriptionConfig &config, bool keepSecrets)
{
    HarRequest request;
    request.url
        = (keepSecrets ? config.url : config.url.adjusted(QUrl::RemoveUserInfo)).toEncoded();
    request.method = config.method;
    request.body = config.body;
    for (const HttpHeader &header : config.headers) {
        if (!keepSecrets && config.isSecretHeader(header.first))
            request.headers.append(HttpHeader(header.first, kRedacted));
        else
            request.headers.append(header);
    }
    return request;
}

HarWriter::HarWriter(QIODevice *device, QHash<QByteArray, HarRequest> requests)
    : CaptureWriter(device)
    , m_requests(std::move(requests))
{ }

void HarWriter::write(const CaptureRecordView &record)
{
    if (record.kind != CaptureRecordView::Kind::Event)
        return; // comments are not events; HAR has no place for them
    const QByteArray stream = record.stream.toByteArray();
    auto found = m_index.constFind(stream);
    if (found == m_index.cend()) {
        found = m_index.insert(stream, m_entries.size());
        m_entries.push_back(Entry { stream, record.receivedWallNs, record.receivedWallNs, {}, {} });
    }
    Entry &entry = m_entries[*found];
    entry.firstNs = std::min(entry.firstNs, record.receivedWallNs);
    entry.lastNs = std::max(entry.lastNs, record.receivedWallNs);
    if (!record.id.isEmpty())
        appendField(entry.text, "id", record.id);
    if (!record.type.isEmpty() && record.type != "message")
        appendField(entry.text, "event", record.type);
    for (const QByteArrayView line : record.data.toByteArray().split('\n'))
        appendField(entry.text, "data", line);
    entry.text.append('\n');
    entry.events.append(QJsonObject {
        { u"time"_s, rfc3339(record.receivedWallNs) },
        { u"type"_s, QString::fromUtf8(record.type.isEmpty() ? "message" : record.type) },
        { u"id"_s, QString::fromUtf8(record.id) },
        { u"data"_s, QString::fromUtf8(record.data) },
    });
}

bool HarWriter::finish()
{
    if (m_finished)
        return flush();
    m_finished = true;
    QJsonArray entries;
    for (Entry &entry : m_entries) {
        const HarRequest request = m_requests.value(
            entry.stream, HarRequest { fallbackUrl(entry.stream), "GET", {}, {}, 200, {}, {} });
        const QUrl url = QUrl::fromEncoded(request.url);
        const QString version
            = request.protocol.isEmpty() ? u"HTTP/1.1"_s : QString::fromLatin1(request.protocol);
        QJsonArray query;
        for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            query.append(QJsonObject { { u"name"_s, item.first }, { u"value"_s, item.second } });
        QJsonObject harRequest {
            { u"method"_s, QString::fromLatin1(request.method) },
            { u"url"_s, QString::fromUtf8(request.url) },
            { u"httpVersion"_s, version },
            { u"cookies"_s, QJsonArray() },
            { u"headers"_s, nameValues(request.headers) },
            { u"queryString"_s, query },
            { u"headersSize"_s, -1 },
            { u"bodySize"_s, request.body.isEmpty() ? 0 : int(request.body.size()) },
        };
        if (!request.body.isEmpty())
            harRequest.insert(u"postData"_s,
                QJsonObject { { u"mimeType"_s, u"application/octet-stream"_s },
                    { u"text"_s, QString::fromUtf8(request.body) } });
        QList<HttpHeader> responseHeaders = request.responseHeaders;
        if (responseHeaders.isEmpty())
            responseHeaders.append(HttpHeader("Content-Type", "text/event-stream"));
        const qsizetype size = entry.text.size();
        QJsonObject content {
            { u"size"_s, double(size) },
            { u"mimeType"_s, u"text/event-stream"_s },
            { u"text"_s, QString::fromUtf8(entry.text) },
            { u"_sseEvents"_s, entry.events },
        };
        entry.text = {};
        entry.events = {};
        const double durationMs = double(entry.lastNs - entry.firstNs) / 1e6;
        entries.append(QJsonObject {
            { u"startedDateTime"_s, rfc3339(entry.firstNs) },
            { u"time"_s, durationMs },
            { u"request"_s, harRequest },
            { u"response"_s,
                QJsonObject {
                    { u"status"_s, request.status },
                    { u"statusText"_s, request.status == 200 ? u"OK"_s : QString() },
                    { u"httpVersion"_s, version },
                    { u"cookies"_s, QJsonArray() },
                    { u"headers"_s, nameValues(responseHeaders) },
                    { u"content"_s, content },
                    { u"redirectURL"_s, QString() },
                    { u"headersSize"_s, -1 },
                    { u"bodySize"_s, double(size) },
                } },
            { u"cache"_s, QJsonObject() },
            // A capture knows when events arrived, not when the request was
            // sent: the time from the first event to the last is "receive".
            { u"timings"_s,
                QJsonObject { { u"blocked"_s, -1 }, { u"dns"_s, -1 }, { u"connect"_s, -1 },
                    { u"send"_s, 0 }, { u"wait"_s, 0 }, { u"receive"_s, durationMs },
                    { u"ssl"_s, -1 } } },
            { u"_ssescopeStream"_s, streamName(entry.stream) },
        });
    }
    m_entries.clear();
    const QJsonObject root { { u"log"_s,
        QJsonObject {
            { u"version"_s, u"1.2"_s },
            { u"creator"_s,
                QJsonObject { { u"name"_s, u"SSE Scope"_s },
                    { u"version"_s, QStringLiteral(SSESCOPE_VERSION_STRING) } } },
            { u"entries"_s, entries },
        } } };
    m_buffer.append(QJsonDocument(root).toJson(QJsonDocument::Indented));
    return flush();
}

} // namespace ssescope
