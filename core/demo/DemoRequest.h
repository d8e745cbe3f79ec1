#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <optional>

class QIODevice;

namespace ssescope::demo {

// A parsed HTTP/1.1 request head (and body) as the demo server sees it.
struct DemoRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QByteArray path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive
    qint64 intParam(const QString &name, qint64 fallback) const;
    bool flag(const QString &name) const;
};

enum class ParseProgress { NeedMore, Done, Bad };

// Parses from the front of buffer; on Done, the request's bytes are removed.
ParseProgress parseRequest(QByteArray &buffer, DemoRequest &request);

// A demo server connection's request, read from its socket: the one request
// a connection answers (DemoConnection, CaptureReplayConnection). Once it is
// parsed or refused, whatever else the client sends is read and dropped: an
// SSE client sends nothing more, and one that does must not grow the
// server's memory (the replay server runs inside the window's process).
class RequestReader final
{
public:
    // Reads what device holds. NeedMore until the request is whole, then Done
    // (request filled in) or Bad, once; from then on NeedMore, the bytes dropped.
    ParseProgress read(QIODevice *device, DemoRequest &request);

private:
    QByteArray m_buffer;
    bool m_read = false;
};

} // namespace ssescope::demo
