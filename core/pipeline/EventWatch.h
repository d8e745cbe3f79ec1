#pragma once

#include "core/sse/SseEvent.h"

#include <QHash>
#include <QRegularExpression>

namespace ssescope {

// Events of one type whose data matches a pattern, counted per stream with
// the first one's arrival: what "event X arrives within N ms" assertions
// (ssescope-cli --expect-event) read. Measured by CaptureMeasurer, like every
// other figure; only events of the type reach the pattern.
class EventWatch final
{
public:
    struct Seen
    {
        quint64 count = 0;
        qint64 firstSteadyNs = 0;
    };

    // dataPattern: searched anywhere in the data (anchor it for a whole
    // match); an empty pattern takes any data.
    EventWatch(QByteArray type, const QString &dataPattern);

    void offer(const SseEventView &event);
    Seen seen(StreamId stream) const { return m_seen.value(stream); }
    const QByteArray &type() const { return m_type; }
    void clear() { m_seen.clear(); }

private:
    QByteArray m_type;
    QRegularExpression m_pattern;
    bool m_anyData;
    QHash<StreamId, Seen> m_seen;
};

} // namespace ssescope
