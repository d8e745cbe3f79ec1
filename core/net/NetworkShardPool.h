#pragma once

#include "core/net/TcpSockets.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <vector>

class QNetworkAccessManager;
class QTimer;
class QUrl;

namespace ssescope {

// Qt 6.4's QNetworkAccessManager keeps at most six HTTP/1.1 connections per
// host:port and queues further requests silently forever; QHttp1Configuration
// only arrives in 6.5. So streams are spread over managers, at most six per
// host:port on each. A manager costs one HTTP thread, created lazily by Qt.
// Lives on the network thread.
class NetworkShardPool final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHttp1StreamsPerManager = 6;
    // One h2 connection carries many streams, but Qt 6.4 queues requests past
    // the server's SETTINGS limit (often 100) forever instead of opening a
    // second connection: stay below it.
    static constexpr int kHttp2StreamsPerManager = 90;

    explicit NetworkShardPool(QObject *parent = nullptr);
    ~NetworkShardPool() override;
    Q_DISABLE_COPY_MOVE(NetworkShardPool)

    QNetworkAccessManager *acquire(const QUrl &url, bool http2);
    void release(QNetworkAccessManager *manager, const QUrl &url, bool http2);

    int managerCount() const { return static_cast<int>(m_shards.size()); }
    // This thread's TCP sockets as the kernel sees them (HeaderFloodGuard).
    tcpsockets::Census *socketCensus() { return &m_socketCensus; }

private:
    struct Shard
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> streamsPerOrigin;
    };
    static QString originKey(const QUrl &url, bool http2);

    std::vector<Shard> m_shards;
    tcpsockets::Census m_socketCensus;
    QTimer *m_orphanProbe; // probes attempts that ended while their headers were pending
};

} // namespace ssescope
