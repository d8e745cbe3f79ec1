#pragma once

#include "core/net/EventBatch.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>

namespace ssescope {

using EventBatchPtr = std::shared_ptr<const EventBatch>;

// How much may wait for the owner before the subscriptions stop reading.
struct EventBatcherLimits
{
    qint64 maxBytes = 8 * 1024 * 1024;
    qint64 maxEvents = 100'000;
};

// Hands events from the network thread to the thread that owns the batcher,
// at most once per interval, losing none: a slow consumer gets bigger
// batches, never more of them. Bounded: once the pending batch passes a
// limit, admit() says no and the subscriptions stop reading their sockets
// until the owner has taken the batch (roomAvailable()); TCP then pushes back
// on the server. Nothing is dropped. publish() and admit() are the only
// calls from other threads.
class EventBatcher final : public QObject
{
    Q_OBJECT
public:
    explicit EventBatcher(QObject *parent = nullptr);
    ~EventBatcher() override;
    Q_DISABLE_COPY_MOVE(EventBatcher)

    // Moves the events, comments and counters out of batch (left empty,
    // reusable) and records counters as the stream's latest. Always accepts:
    // a publisher overshoots a limit by at most its own batch.
    void publish(EventBatch &batch, StreamId stream, const SubscriptionCounters &counters);
    // True when there is room; otherwise the caller is promised a
    // roomAvailable() once the owner takes the pending batch.
    bool admit();

    void setLimits(const EventBatcherLimits &limits);
    EventBatcherLimits limits() const;
    void setMinimumInterval(int ms) { m_minimumIntervalMs = ms; }
    // Delivers whatever is pending now, ignoring the interval (e.g. at shutdown).
    void flushNow();

Q_SIGNALS:
    void batchReady(const ssescope::EventBatchPtr &batch);
    // Emitted on the owner's thread after a delivery that freed room for
    // publishers that admit() turned away.
    void roomAvailable();

private:
    void deliverWhenDue();
    bool isFullLocked() const;

    // Not a QMutex: when contended, its lock and unlock happen inside Qt,
    // out of ThreadSanitizer's sight (Debian's Qt is not instrumented), and
    // every hand-over the network thread and the owner fought over would be
    // reported as a race.
    mutable std::mutex m_mutex;
    EventBatch m_pending; // guarded by m_mutex
    EventBatcherLimits m_limits; // guarded by m_mutex
    bool m_notifyPending = false; // guarded by m_mutex
    bool m_someoneWaiting = false; // guarded by m_mutex
    bool m_urgentPending = false; // a full batch's delivery is queued; guarded by m_mutex
    QElapsedTimer m_sinceLastDelivery;
    QTimer m_throttle;
    int m_minimumIntervalMs = 17; // about 60 batches a second at most
};

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::EventBatchPtr)
