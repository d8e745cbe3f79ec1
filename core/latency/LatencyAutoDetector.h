#pragma once

#include "core/latency/LatencyExtractor.h"

#include <QByteArrayView>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace ssescope {

// What a stream's latency comes from, as the owner of the stream sees it.
struct LatencyDetection
{
    enum class State {
        Off, // auto-detection was not asked for: the configured source applies
        Looking, // auto: still reading the first events
        Found, // auto: config holds the detected pointer and unit
        NotFound, // auto: nothing (or nothing unambiguous) in the first events
    };
    State state = State::Off;
    LatencyConfig config; // the source in effect once Found

    bool operator==(const LatencyDetection &other) const
    {
        return state == other.state && config.source == other.config.source
            && config.expression == other.config.expression && config.unit == other.config.unit;
    }
};

// Finds a send time in a stream's first events so that latency needs no
// setup: a JSON object with a field named like a send time (kFieldNames, at
// the top level or one object down, e.g. /meta/ts) whose value is an epoch
// time in seconds, ms, µs or ns, or an RFC 3339 string, within kWindowNs of
// the event's arrival. The unit follows from the magnitude (as TimeUnit::Auto
// reads it: below 1e11 seconds, below 1e14 ms, below 1e17 µs, else ns); a
// window of a day around now makes that choice unambiguous and keeps counters
// and durations that happen to be named "t" out.
//
// It looks at kMaxEvents events at most and then decides for good: the first
// event with exactly one such field decides (Found); an event with two or more
// is ambiguous (NotFound at once, never a guess); kMaxEvents events without
// any end in NotFound. After deciding it costs the stream nothing.
class LatencyAutoDetector final
{
public:
    static constexpr int kMaxEvents = 8;
    // Larger events are not parsed (but count as looked at): a send time
    // rides in small events, and parsing a multi-megabyte document on the
    // network thread would stall every stream on it.
    static constexpr qsizetype kMaxEventBytes = 64 * 1024;
    static constexpr qint64 kWindowNs = 24LL * 3600 * 1'000'000'000;

    enum class Verdict { Pending, Found, NotFound };

    // Names tried, in the order they are documented; matched exactly.
    static QStringList fieldNames();

    // Reads one event's data; arrivalWallNs is the event's arrival time.
    // After a verdict other than Pending it ignores further events.
    Verdict offer(QByteArrayView data, qint64 arrivalWallNs);

    Verdict verdict() const { return m_verdict; }
    // The source to use when Found: JSON Pointer and unit, as if configured.
    const LatencyConfig &found() const { return m_found; }
    int eventsSeen() const { return m_seen; }

    // One event on its own, for previews: what this event alone would give.
    // ambiguous, if given, says whether it had more than one candidate.
    static std::optional<LatencyConfig> detectIn(
        QByteArrayView data, qint64 nowWallNs, bool *ambiguous = nullptr);

private:
    Verdict m_verdict = Verdict::Pending;
    LatencyConfig m_found;
    int m_seen = 0;
};

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::LatencyDetection)
