#pragma once

#include "core/net/SubscriptionConfig.h"
#include "core/sse/SseEvent.h"

#include <QHash>
#include <QObject>

namespace ssescope {

class DirectEventConsumer;
class EventBatcher;
class NetworkShardPool;
class Subscription;

// The network thread's side of StreamManager: owns the subscriptions and the
// shard pool. Every method runs on the network thread.
class NetworkWorker final : public QObject
{
    Q_OBJECT
public:
    explicit NetworkWorker(EventBatcher *batcher, QObject *parent = nullptr);
    ~NetworkWorker() override;
    Q_DISABLE_COPY_MOVE(NetworkWorker)

    Subscription *add(StreamId id, const SubscriptionConfig &config, DirectEventConsumer *direct);
    void remove(StreamId id);
    Subscription *find(StreamId id) const { return m_subscriptions.value(id); }
    QList<Subscription *> all() const { return m_subscriptions.values(); }
    int managerCount() const;

private:
    EventBatcher *m_batcher;
    NetworkShardPool *m_pool;
    QHash<StreamId, Subscription *> m_subscriptions;
};

} // namespace ssescope
