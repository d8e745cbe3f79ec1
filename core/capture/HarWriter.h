#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/net/SubscriptionConfig.h"

#include <QHash>
#include <QJsonArray>
#include <QList>

#include <vector>

namespace ssescope {

// What a HAR entry says of a stream's request and response. A capture file
// knows only its events: without this, an entry's URL is the stream's name
// when that is a URL, else urn:ssescope:stream:NAME.
struct HarRequest
{
    QByteArray url;
    QByteArray method = QByteArrayLiteral("GET");
    QList<HttpHeader> headers;
    QByteArray body;
    int status = 200;
    QByteArray protocol; // "HTTP/1.1", "HTTP/2"; empty = unknown
    QList<HttpHeader> responseHeaders;

    // Secrets (a URL's user info, Authorization, Cookie, Proxy-Authorization,
    // headers marked secret) are redacted unless keepSecrets.
    static HarRequest fromConfig(const SubscriptionConfig &config, bool keepSecrets = false);
};

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per
// stream, in order of first appearance, with response.content.mimeType
// text/event-stream, content.text the events as text/event-stream (what a
// HAR viewer shows), and each event in the extension field
//   response.content._sseEvents: [{"time": RFC 3339, "type", "id", "data"}]
// A HAR is one JSON document: the records are held until finish().
class HarWriter final : public CaptureWriter
{
public:
    HarWriter(QIODevice *device, QHash<QByteArray, HarRequest> requests);
    void write(const CaptureRecordView &record) override;
    bool finish() override;

private:
    struct Entry
    {
        QByteArray stream;
        qint64 firstNs = 0;
        qint64 lastNs = 0;
        QByteArray text; // text/event-stream
        QJsonArray events;
    };

    QHash<QByteArray, HarRequest> m_requests;
    std::vector<Entry> m_entries;
    QHash<QByteArray, std::size_t> m_index; // stream name -> m_entries
    bool m_finished = false;
};

} // namespace ssescope
