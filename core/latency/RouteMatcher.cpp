#include "RouteMatcher.h"

namespace ssescope {

RouteMatcher::RouteMatcher(StreamId a, StreamId b, MatchBy by, qsizetype capacity)
    : m_a(a)
    , m_b(b)
    , m_by(by)
    , m_capacity(capacity)
{ }

std::optional<double> RouteMatcher::offer(const SseEvent &event)
{
    return offer(event.stream, event.id, event.data, event.arrivalSteadyNs);
}

std::optional<double> RouteMatcher::offer(
    StreamId stream, const QByteArray &id, const QByteArray &data, qint64 arrivalSteadyNs)
{
    if (stream != m_a && stream != m_b)
        return std::nullopt;
    // Ids and data live in separate key spaces, so an id never matches data.
    const QByteArray key = (m_by == MatchBy::IdOrData && !id.isEmpty()) ? 'i' + id : 'd' + data;
    auto it = m_pending.find(key);
    if (it != m_pending.end()) {
        if (it->stream == stream)
            return std::nullopt; // a repeat on the same route, not a pair
        const qint64 a = stream == m_a ? arrivalSteadyNs : it->steadyNs;
        const qint64 b = stream == m_b ? arrivalSteadyNs : it->steadyNs;
        m_pending.erase(it);
        ++m_matched;
        return double(b - a) / 1e6;
    }
    const quint64 serial = ++m_serial;
    m_pending.insert(key, Arrival { stream, arrivalSteadyNs, serial });
    m_order.emplace_back(key, serial);
    // Keys already matched stay in m_order until they reach its front.
    while (qsizetype(m_order.size()) > m_capacity) {
        const auto &[oldKey, oldSerial] = m_order.front();
        auto old = m_pending.find(oldKey);
        if (old != m_pending.end() && old->serial == oldSerial) {
            m_pending.erase(old);
            ++m_forgotten;
        }
        m_order.pop_front();
    }
    return std::nullopt;
}

} // namespace ssescope
