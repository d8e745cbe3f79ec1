#include "OriginConnections.h"

#include "core/net/NetworkShardPool.h"

#include <QCoreApplication>

namespace ssescope {

QString OriginConnections::browserWarning() const
{
    if (!browserWouldStall())
        return {};
    return QCoreApplication::translate("OriginConnections",
        "A browser opens at most %1 HTTP/1.1 connections to %2; the %3th stream would hang. "
        "Serve it over HTTP/2 or share one stream.")
        .arg(kBrowserHttp1Limit)
        .arg(origin)
        .arg(kBrowserHttp1Limit + 1);
}

void OriginConnections::add(
    QHash<QString, OriginConnections> &origins, const SubscriptionStatus &status)
{
    if (status.state != SubscriptionState::Open || status.origin.isEmpty()
        || status.protocol.isEmpty())
        return;
    OriginConnections &origin = origins[status.origin];
    origin.origin = status.origin;
    if (status.protocol == "HTTP/2")
        ++origin.http2Streams;
    else
        ++origin.http1Streams;
}

void OriginConnections::finish(QHash<QString, OriginConnections> &origins)
{
    // The pool fills one HTTP/2 connection before it opens the next.
    constexpr int perConnection = NetworkShardPool::kHttp2StreamsPerManager;
    for (OriginConnections &origin : origins)
        origin.connections
            = origin.http1Streams + (origin.http2Streams + perConnection - 1) / perConnection;
}

} // namespace ssescope
