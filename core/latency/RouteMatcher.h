#pragma once

#include "core/sse/SseEvent.h"

#include <QHash>

#include <deque>
#include <optional>

namespace ssescope {

// Latency between two routes with no clocks at all: the same event (by id,
// or by data when it has no id) arrives on stream A and stream B; the delay
// is B's arrival minus A's (negative when B was first). Bounded: the oldest
// unmatched keys are forgotten and counted.
class RouteMatcher final
{
public:
    enum class MatchBy { IdOrData, Data };

    RouteMatcher(
        StreamId a, StreamId b, MatchBy by = MatchBy::IdOrData, qsizetype capacity = 100000);

    // The delay in ms when this event completes a pair.
    std::optional<double> offer(const SseEvent &event);
    std::optional<double> offer(
        StreamId stream, const QByteArray &id, const QByteArray &data, qint64 arrivalSteadyNs);

    StreamId streamA() const { return m_a; }
    StreamId streamB() const { return m_b; }
    quint64 matched() const { return m_matched; }
    quint64 forgotten() const { return m_forgotten; }
    qsizetype pending() const { return m_pending.size(); }

private:
    struct Arrival
    {
        StreamId stream;
        qint64 steadyNs;
        quint64 serial; // tells a key's current entry from an older one in m_order
    };

    StreamId m_a;
    StreamId m_b;
    MatchBy m_by;
    qsizetype m_capacity;
    QHash<QByteArray, Arrival> m_pending;
    std::deque<std::pair<QByteArray, quint64>> m_order;
    quint64 m_serial = 0;
    quint64 m_matched = 0;
    quint64 m_forgotten = 0;
};

} // namespace ssescope
