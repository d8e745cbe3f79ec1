#include "NetworkShardPool.h"

#include "core/net/HeaderFloodGuard.h"

#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ssescope {

NetworkShardPool::NetworkShardPool(QObject *parent)
    : QObject(parent)
    , m_socketCensus(HeaderFloodGuard::kMaxHeaderBytes)
    , m_orphanProbe(new QTimer(this)) // a child: it moves to the network thread with us
{
    m_orphanProbe->setInterval(HeaderFloodGuard::kProbeIntervalMs);
    connect(m_orphanProbe, &QTimer::timeout, this, [this] {
        m_socketCensus.probeOrphans();
        if (!m_socketCensus.hasOrphans())
            m_orphanProbe->stop();
    });
    m_socketCensus.setOnOrphan([this] { m_orphanProbe->start(); });
}

NetworkShardPool::~NetworkShardPool()
{
    // Before the managers go: a manager whose thread a flood holds would never
    // close its connections.
    m_socketCensus.cutOrphans();
}

QString NetworkShardPool::originKey(const QUrl &url, bool http2)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == u"https" ? 443 : 80);
    return u"%1%2://%3:%4"_s.arg(http2 ? u"h2+"_s : QString(), scheme, url.host().toLower())
        .arg(port);
}

QNetworkAccessManager *NetworkShardPool::acquire(const QUrl &url, bool http2)
{
    const QString key = originKey(url, http2);
    const int limit = http2 ? kHttp2StreamsPerManager : kHttp1StreamsPerManager;
    for (Shard &shard : m_shards) {
        int &count = shard.streamsPerOrigin[key];
        if (count < limit) {
            ++count;
            return shard.manager;
        }
    }
    auto *manager = new QNetworkAccessManager(this);
    manager->setAutoDeleteReplies(false);
    m_shards.push_back(Shard { manager, { { key, 1 } } });
    return manager;
}

void NetworkShardPool::release(QNetworkAccessManager *manager, const QUrl &url, bool http2)
{
    const QString key = originKey(url, http2);
    for (Shard &shard : m_shards) {
        if (shard.manager != manager)
            continue;
        auto it = shard.streamsPerOrigin.find(key);
        if (it != shard.streamsPerOrigin.end() && --it.value() <= 0)
            shard.streamsPerOrigin.erase(it);
        return;
    }
}

} // namespace ssescope
