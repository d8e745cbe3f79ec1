#include "EventBatcher.h"

#include <QMutexLocker>

#include <iterator>

namespace ssescope {

EventBatcher::EventBatcher(QObject *parent)
    : QObject(parent)
{
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &EventBatcher::flushNow);
}

void EventBatcher::publish(SseEventList &events, std::vector<SseComment> &comments, StreamId stream,
    const SubscriptionCounters &counters)
{
    bool notify = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_pending.events.empty()) {
            m_pending.events.swap(events);
        } else {
            m_pending.events.insert(m_pending.events.end(), std::make_move_iterator(events.begin()),
                std::make_move_iterator(events.end()));
            events.clear();
        }
        m_pending.comments.insert(m_pending.comments.end(),
            std::make_move_iterator(comments.begin()), std::make_move_iterator(comments.end()));
        comments.clear();
        m_pending.counters.insert(stream, counters);
        notify = !m_notifyPending;
        m_notifyPending = true;
    }
    if (notify)
        QMetaObject::invokeMethod(this, &EventBatcher::deliverWhenDue, Qt::QueuedConnection);
}

void EventBatcher::deliverWhenDue()
{
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
    m_throttle.stop();
    auto batch = std::make_shared<EventBatch>();
    {
        QMutexLocker lock(&m_mutex);
        m_notifyPending = false;
        if (m_pending.events.empty() && m_pending.comments.empty() && m_pending.counters.isEmpty())
            return;
        std::swap(*batch, m_pending);
    }
    m_sinceLastDelivery.start();
    Q_EMIT batchReady(batch);
}

} // namespace ssescope
