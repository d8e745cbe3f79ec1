#include "NetworkShardPool.h"

#include "core/net/HeaderFloodGuard.h"
#include "core/net/NetLogging.h"
#include "core/net/SubscriptionConfig.h"

#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

#include <algorithm>

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

QString NetworkShardPool::originKey(const QUrl &url, bool http2PriorKnowledge)
{
    const QString scheme = url.scheme().toLower();
    return u"%1%2://%3:%4"_s
        .arg(http2PriorKnowledge ? u"h2+"_s : QString(), scheme, url.host().toLower())
        .arg(effectivePort(url));
}

QNetworkAccessManager *NetworkShardPool::acquire(
    const QUrl &url, bool http2PriorKnowledge, const QString &tlsTag, const QNetworkProxy &proxy)
{
    const QString key = originKey(url, http2PriorKnowledge);
    const QString shardKey = key + u'|' + tlsTag;
    Protocol protocol = m_protocols.value(key);
    if (http2PriorKnowledge) {
        protocol = Protocol::Http2;
    } else if (protocol == Protocol::Probing) {
        return nullptr; // protocolLearned() follows
    } else if (protocol == Protocol::Unknown
        && url.scheme().compare(u"https", Qt::CaseInsensitive) == 0) {
        // This stream's connection finds out, by ALPN, what the origin speaks.
        protocol = Protocol::Probing;
        m_protocols.insert(key, protocol);
    }
    // Plain http without prior knowledge is HTTP/1.1: Qt does not upgrade to h2c.
    const int limit
        = protocol == Protocol::Http2 ? kHttp2StreamsPerManager : kHttp1StreamsPerManager;
    QNetworkAccessManager *chosen = nullptr;
    const QString sameOrigin = key + u'|';
    for (Shard &shard : m_shards) {
        if (!(shard.proxy == proxy))
            continue;
        const bool otherTls = std::any_of(shard.streamsPerOrigin.keyBegin(),
            shard.streamsPerOrigin.keyEnd(), [&](const QString &other) {
                return other != shardKey && other.startsWith(sameOrigin);
            });
        if (otherTls)
            continue;
        int &count = shard.streamsPerOrigin[shardKey];
        if (count < limit) {
            ++count;
            chosen = shard.manager;
            break;
        }
    }
    if (!chosen) {
        chosen = new QNetworkAccessManager(this);
        chosen->setAutoDeleteReplies(false);
        chosen->setProxy(proxy);
        m_shards.push_back(Shard { chosen, { { shardKey, 1 } }, proxy });
        qCDebug(lcNet, "network manager %d opened for %s", managerCount(), qPrintable(key));
    }
    if (protocol == Protocol::Probing)
        m_probes.insert(key, chosen);
    return chosen;
}

void NetworkShardPool::release(QNetworkAccessManager *manager, const QUrl &url,
    bool http2PriorKnowledge, const QString &tlsTag)
{
    const QString key = originKey(url, http2PriorKnowledge);
    for (Shard &shard : m_shards) {
        if (shard.manager != manager)
            continue;
        auto it = shard.streamsPerOrigin.find(key + u'|' + tlsTag);
        if (it != shard.streamsPerOrigin.end() && --it.value() <= 0)
            shard.streamsPerOrigin.erase(it);
        break;
    }
    // A probe that ended before its answer: the next stream probes.
    if (m_protocols.value(key) == Protocol::Probing && m_probes.value(key) == manager) {
        m_protocols.remove(key);
        endProbe(manager, key);
    }
}

void NetworkShardPool::learnProtocol(QNetworkAccessManager *manager, const QUrl &url, bool http2)
{
    const QString key = originKey(url, false);
    const Protocol before = m_protocols.value(key);
    if (before == Protocol::Http1 || before == Protocol::Http2)
        return; // the first answer stands: streams were placed by it
    m_protocols.insert(key, http2 ? Protocol::Http2 : Protocol::Http1);
    qCDebug(lcNet, "%s speaks %s", qPrintable(key), http2 ? "HTTP/2" : "HTTP/1.1");
    if (before == Protocol::Probing)
        endProbe(manager, key);
}

void NetworkShardPool::endProbe(QNetworkAccessManager *manager, const QString &key)
{
    Q_UNUSED(manager);
    m_probes.remove(key);
    Q_EMIT protocolLearned(key);
}

int NetworkShardPool::busyManagerCount() const
{
    int busy = 0;
    for (const Shard &shard : m_shards) {
        for (int count : shard.streamsPerOrigin) {
            if (count > 0) {
                ++busy;
                break;
            }
        }
    }
    return busy;
}

} // namespace ssescope
