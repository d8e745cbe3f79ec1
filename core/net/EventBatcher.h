#pragma once

#include "net/SubscriptionStatus.h"
#include "sse/SseEvent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>

namespace ssescope {

struct EventBatch
{
    SseEventList events;
    std::vector<SseComment> comments;
    QHash<StreamId, SubscriptionCounters> counters; // latest, for streams that changed
};

using EventBatchPtr = std::shared_ptr<const EventBatch>;

// Hands events from the network thread to the thread that owns the batcher,
// at most once per interval, losing none: a slow consumer gets bigger
// batches, never more of them. publish() is the only call from other threads.
class EventBatcher final : public QObject
{
    Q_OBJECT
public:
    explicit EventBatcher(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventBatcher)

    // Moves the events out of the caller's vectors (which stay reusable).
    void publish(SseEventList &events, std::vector<SseComment> &comments, StreamId stream,
        const SubscriptionCounters &counters);

    void setMinimumInterval(int ms) { m_minimumIntervalMs = ms; }
    // Delivers whatever is pending now, ignoring the interval (e.g. at shutdown).
    void flushNow();

Q_SIGNALS:
    void batchReady(const ssescope::EventBatchPtr &batch);

private:
    void deliverWhenDue();

    QMutex m_mutex;
    EventBatch m_pending; // guarded by m_mutex
    bool m_notifyPending = false; // guarded by m_mutex
    QElapsedTimer m_sinceLastDelivery;
    QTimer m_throttle;
    int m_minimumIntervalMs = 17; // about 60 batches a second at most
};

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::EventBatchPtr)
