#include "EventBatcher.h"

#include "core/net/NetLogging.h"

#include <QThread>

namespace ssescope {

EventBatcher::EventBatcher(QObject *parent)
    : QObject(parent)
{
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &EventBatcher::flushNow);
}

EventBatcher::~EventBatcher()
{
    // The publishers' thread is joined before the batcher dies; should a
    // join ever be one ThreadSanitizer cannot see (QThread::wait), taking the
    // mutex they published under once still orders their last publish()
    // before m_pending is destroyed.
    const std::lock_guard lock(m_mutex);
}

void EventBatcher::publish(EventBatch &batch, StreamId stream, const SubscriptionCounters &counters)
{
    bool notify = false;
    bool urgent = false;
    {
        const std::lock_guard lock(m_mutex);
        m_pending.takeFrom(batch);
        m_pending.counters.insert(stream, counters);
        notify = !m_notifyPending;
        m_notifyPending = true;
        // A full batch does not wait for the interval: its publishers are
        // stopped, and a full batch is worth one turn of the owner's loop.
        urgent = !m_urgentPending && isFullLocked();
        m_urgentPending = m_urgentPending || urgent;
    }
    if (urgent)
        QMetaObject::invokeMethod(this, &EventBatcher::flushNow, Qt::QueuedConnection);
    else if (notify)
        QMetaObject::invokeMethod(this, &EventBatcher::deliverWhenDue, Qt::QueuedConnection);
}

bool EventBatcher::isFullLocked() const
{
    return m_pending.bytes() >= m_limits.maxBytes || m_pending.eventCount() >= m_limits.maxEvents;
}

bool EventBatcher::admit()
{
    const std::lock_guard lock(m_mutex);
    if (!isFullLocked())
        return true;
    // Checked and registered under one lock, so a delivery in between cannot
    // be missed: it either sees the waiter or happened before the check.
    m_someoneWaiting = true;
    return false;
}

void EventBatcher::setLimits(const EventBatcherLimits &limits)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the owner; publish() and admit() are not
    const std::lock_guard lock(m_mutex);
    m_limits = limits;
}

EventBatcherLimits EventBatcher::limits() const
{
    const std::lock_guard lock(m_mutex);
    return m_limits;
}

void EventBatcher::deliverWhenDue()
{
    Q_ASSERT(QThread::currentThread() == thread()); // the owner; publish() and admit() are not
    if (m_sinceLastDelivery.isValid()) {
        const qint64 elapsed = m_sinceLastDelivery.elapsed();
        if (elapsed < m_minimumIntervalMs) {
            if (!m_throttle.isActive())
                m_throttle.start(static_cast<int>(m_minimumIntervalMs - elapsed));
            return;
        }
    }
    flushNow();
}

void EventBatcher::flushNow()
{
    Q_ASSERT(QThread::currentThread() == thread()); // the owner; publish() and admit() are not
    m_throttle.stop();
    auto batch = std::make_shared<EventBatch>();
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        m_notifyPending = false;
        m_urgentPending = false;
        wake = m_someoneWaiting;
        m_someoneWaiting = false;
        if (!m_pending.isEmpty())
            batch->takeFrom(m_pending);
    }
    if (wake) {
        qCDebug(lcNet, "batcher: room again, waking the subscriptions that stopped reading");
        Q_EMIT roomAvailable();
    }
    if (batch->isEmpty())
        return;
    m_sinceLastDelivery.start();
    Q_EMIT batchReady(batch);
}

} // namespace ssescope
