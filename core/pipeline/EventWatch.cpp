#include "EventWatch.h"

namespace ssescope {

EventWatch::EventWatch(QByteArray type, const QString &dataPattern)
    : m_type(std::move(type))
    , m_pattern(dataPattern)
    , m_anyData(dataPattern.isEmpty())
{
    m_pattern.optimize();
}

void EventWatch::offer(const SseEventView &event)
{
    if (event.type != m_type)
        return;
    if (!m_anyData && !m_pattern.match(QString::fromUtf8(event.data)).hasMatch())
        return;
    Seen &seen = m_seen[event.stream];
    if (seen.count++ == 0)
        seen.firstSteadyNs = event.arrivalSteadyNs;
}

} // namespace ssescope
