#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <optional>

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

} // namespace ssescope::demo
