#pragma once

#include "core/common/HandOff.h"
#include "core/latency/LatencyAutoDetector.h"
#include "core/net/EventBatcher.h"
#include "core/net/OriginConnections.h"
#include "core/net/SubscriptionConfig.h"
#include "core/net/SubscriptionStatus.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace ssescope {

class DirectEventConsumer;
class NetworkWorker;

// The one entry point for running streams. Owns the network thread, where
// every subscription, its QNetworkAccessManager shard and parser live, and
// hands their events to the owning thread in batches (at most ~60 a second).
// Call it only from the thread that created it.
class StreamManager final : public QObject
{
    Q_OBJECT
public:
    explicit StreamManager(QObject *parent = nullptr);
    ~StreamManager() override;
    Q_DISABLE_COPY_MOVE(StreamManager)

    StreamId addSubscription(const SubscriptionConfig &config);
    void removeSubscription(StreamId stream);
    void pause(StreamId stream);
    void resume(StreamId stream);
    void restart(StreamId stream);
    void restartAll();
    void stopAll();

    QList<StreamId> streams() const;
    SubscriptionConfig config(StreamId stream) const;
    SubscriptionStatus status(StreamId stream) const;
    SubscriptionCounters counters(StreamId stream) const;
    // Where the stream's latency comes from: Off for a configured source (or
    // none), else what auto-detection has decided so far.
    LatencyDetection latencyDetection(StreamId stream) const;
    // The connections open to the stream's origin (of its last response).
    OriginConnections originConnections(StreamId stream) const;
    // Every origin an open stream is connected to.
    QList<OriginConnections> origins() const { return m_origins.values(); }
    // How many QNetworkAccessManagers (hence HTTP threads) the shards use.
    int networkManagerCount() const;

    void setBatchInterval(int ms);
    // How much may wait for the owner before the streams stop reading.
    void setBatchLimits(const EventBatcherLimits &limits) { m_batcher.setLimits(limits); }
    // Streams added from now on deliver their events to this consumer, on the
    // network thread, instead of eventsReceived(). It must outlive them.
    void setDirectConsumer(DirectEventConsumer *consumer) { m_direct = consumer; }
    // Delivers events still in flight, e.g. before an exit.
    void flush();

Q_SIGNALS:
    void eventsReceived(const ssescope::EventBatchPtr &batch);
    void statusChanged(ssescope::StreamId stream, const ssescope::SubscriptionStatus &status);
    void streamError(ssescope::StreamId stream, const QString &message);
    void latencyDetected(ssescope::StreamId stream, const ssescope::LatencyDetection &detection);
    // Some origin's open connections changed (originConnections()).
    void originConnectionsChanged();

private:
    void handleBatch(const EventBatchPtr &batch);
    void handleStatus(StreamId stream, const SubscriptionStatus &status);
    void handleLatencyDetected(StreamId stream, const LatencyDetection &detection);
    void recountOrigins();
    template<typename Function> void onNetworkThread(Function &&function);

    struct StreamRecord
    {
        SubscriptionConfig config;
        SubscriptionStatus status;
        SubscriptionCounters counters;
        LatencyDetection latency;
    };

    JoinableThread m_thread;
    NetworkWorker *m_worker = nullptr; // lives on m_thread, deleted there
    EventBatcher m_batcher;
    QHash<StreamId, StreamRecord> m_streams;
    QHash<QString, OriginConnections> m_origins;
    StreamId m_nextId = 1;
    DirectEventConsumer *m_direct = nullptr;
};

} // namespace ssescope
