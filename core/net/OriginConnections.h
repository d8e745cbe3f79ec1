#pragma once

#include "core/net/SubscriptionStatus.h"

#include <QHash>
#include <QString>

namespace ssescope {

// The connections open to one origin (scheme://host:port) by the streams
// that are receiving, as both front ends show them. HTTP/1.1 carries one
// stream per connection; HTTP/2 carries up to
// NetworkShardPool::kHttp2StreamsPerManager on each of the pool's
// connections to the origin, which it fills one after the other.
struct OriginConnections
{
    // A browser keeps at most six HTTP/1.1 connections per origin (Chrome,
    // Firefox and Safari alike); a seventh EventSource waits, silently, until
    // one of them closes.
    static constexpr int kBrowserHttp1Limit = 6;

    QString origin;
    int http1Streams = 0;
    int http2Streams = 0;
    int connections = 0;

    bool browserWouldStall() const { return http1Streams > kBrowserHttp1Limit; }
    // The sentence that says so, or empty.
    QString browserWarning() const;
    bool operator==(const OriginConnections &other) const
    {
        return origin == other.origin && http1Streams == other.http1Streams
            && http2Streams == other.http2Streams && connections == other.connections;
    }
    bool operator!=(const OriginConnections &other) const { return !(*this == other); }

    // By origin, over the statuses of every stream: add() each, then
    // finish(). Only open streams whose response said its protocol count.
    static void add(QHash<QString, OriginConnections> &origins, const SubscriptionStatus &status);
    static void finish(QHash<QString, OriginConnections> &origins);
};

} // namespace ssescope
