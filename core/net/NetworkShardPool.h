#pragma once

#include "core/net/TcpSockets.h"

#include <QHash>
#include <QNetworkProxy>
#include <QObject>
#include <QString>

#include <vector>

class QNetworkAccessManager;
class QTimer;
class QUrl;

namespace ssescope {

// Spreads streams over QNetworkAccessManagers. A manager costs one HTTP thread
// (created lazily by Qt) and keeps its own connections.
//
// HTTP/1.1: Qt 6.4 keeps at most six connections per host:port on a manager
// and queues further requests silently forever (QHttp1Configuration only
// arrives in 6.5), so a manager takes at most six streams per origin.
//
// HTTP/2: one connection carries many streams, so a manager takes up to
// kHttp2StreamsPerManager per origin, on one connection. An origin counts as
// HTTP/2 once a reply from it said so (Http2WasUsedAttribute) or when the
// subscription asked for prior knowledge. Over https Qt negotiates the
// protocol by ALPN: while the first connection to an unknown https origin is
// being made, further streams to it wait for the answer (acquire() returns
// nullptr and protocolLearned() follows) rather than each opening a
// connection and a thread of its own.
// Lives on the network thread.
class NetworkShardPool final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHttp1StreamsPerManager = 6;
    // Streams on one HTTP/2 connection. Qt 6.4 neither exposes the server's
    // SETTINGS_MAX_CONCURRENT_STREAMS nor opens a second connection past it:
    // requests beyond it would queue silently. 100 is not above common server
    // limits (nginx 128, Apache mod_http2 and nghttp2 100, Go 250).
    static constexpr int kHttp2StreamsPerManager = 100;

    enum class Protocol { Unknown, Probing, Http1, Http2 };

    explicit NetworkShardPool(QObject *parent = nullptr);
    ~NetworkShardPool() override;
    Q_DISABLE_COPY_MOVE(NetworkShardPool)

    // A manager for one request to url, or nullptr when the request must wait
    // for protocolLearned() (the first connection to this https origin is
    // still finding out whether it speaks HTTP/2). The caller that gets a
    // manager for an unknown https origin is the probe: it reports back with
    // learnProtocol() or release().
    // tlsTag: streams whose TLS settings differ (a CA file, ignored errors)
    // never share a manager for the same origin, since Qt would let them
    // share its connection.
    // proxy: every manager has one proxy, set explicitly (NoProxy by default,
    // whatever Qt's application proxy); streams with different proxies never
    // share a manager.
    QNetworkAccessManager *acquire(const QUrl &url, bool http2PriorKnowledge,
        const QString &tlsTag = {},
        const QNetworkProxy &proxy = QNetworkProxy(QNetworkProxy::NoProxy));
    void release(QNetworkAccessManager *manager, const QUrl &url, bool http2PriorKnowledge,
        const QString &tlsTag = {});
    // What a reply on manager said about its origin's protocol.
    void learnProtocol(QNetworkAccessManager *manager, const QUrl &url, bool http2);
    Protocol protocol(const QUrl &url) const { return m_protocols.value(originKey(url, false)); }

    int managerCount() const { return static_cast<int>(m_shards.size()); }
    // Managers that carry at least one stream now.
    int busyManagerCount() const;
    // This thread's TCP sockets as the kernel sees them (HeaderFloodGuard).
    tcpsockets::Census *socketCensus() { return &m_socketCensus; }

Q_SIGNALS:
    // Streams that got nullptr from acquire() for this origin may try again.
    void protocolLearned(const QString &origin);

public:
    // scheme://host:port; prior knowledge (h2c) is an origin of its own, as
    // Qt keeps its connections apart.
    static QString originKey(const QUrl &url, bool http2PriorKnowledge);

private:
    struct Shard
    {
        QNetworkAccessManager *manager = nullptr;
        QHash<QString, int> streamsPerOrigin;
        QNetworkProxy proxy;
    };
    void endProbe(QNetworkAccessManager *manager, const QString &key);

    std::vector<Shard> m_shards;
    QHash<QString, Protocol> m_protocols;
    QHash<QString, QNetworkAccessManager *> m_probes; // origin -> the probe's manager
    tcpsockets::Census m_socketCensus;
    QTimer *m_orphanProbe; // probes attempts that ended while their headers were pending
};

} // namespace ssescope
