#include "NetworkWorker.h"

#include "core/net/NetworkShardPool.h"
#include "core/net/Subscription.h"

namespace ssescope {

NetworkWorker::NetworkWorker(EventBatcher *batcher, QObject *parent)
    : QObject(parent)
    , m_batcher(batcher)
    , m_pool(new NetworkShardPool(this))
{ }

NetworkWorker::~NetworkWorker()
{
    // Subscriptions first: they hand their connections back to the pool.
    qDeleteAll(m_subscriptions);
    m_subscriptions.clear();
}

Subscription *NetworkWorker::add(
    StreamId id, const SubscriptionConfig &config, DirectEventConsumer *direct)
{
    auto *subscription = new Subscription(id, config, m_pool, m_batcher, direct, this);
    m_subscriptions.insert(id, subscription);
    return subscription;
}

void NetworkWorker::remove(StreamId id)
{
    delete m_subscriptions.take(id);
}

int NetworkWorker::managerCount() const
{
    return m_pool->managerCount();
}

} // namespace ssescope
