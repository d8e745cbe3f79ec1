#pragma once

#include "core/stats/StreamStats.h"

#include <QString>

namespace ssescope {

// What a compared route delivered, reduced to the figures a verdict reads.
// Times in ms; -1 where there is nothing to measure yet.
struct RouteFigures
{
    QString name;
    quint64 events = 0;
    quint64 reads = 0; // network reads that carried at least one event
    quint64 bytes = 0;
    double eventsPerRead = 0; // mean
    double eventsPerReadP50 = 0;
    double eventsPerReadP90 = 0;
    double maxEventsPerRead = 0;
    double bytesPerReadP50 = 0;
    double readGapP50Ms = -1; // between reads that carried events
    quint64 bursts = 0; // reads joined when they land within 2 ms of each other
    double eventsPerBurst = 0; // mean
    double maxEventsPerBurst = 0;
    double burstGapP50Ms = -1; // from a burst's start to the next's: a buffered route's period
    double longestBurstMs = 0; // a burst's span, first read to last
    double eventsPerSecond = 0; // over the route's whole time, bursts averaged out
    Quantiles latencyMs; // from send times carried in the events (count 0: none)
    Quantiles delayMs; // behind the fastest compared route, for events matched across routes
    double responseAfterMs = -1; // from the request to the first response headers
    double firstEventAfterMs = -1; // from the request to the first event
    double waitedMs = 0; // since the request: how long the route has been watched
    bool compressionRequested = false;
    // Past RouteComparison::kMaxMatchedRoutes: its events are not matched
    // across routes, so it has no delay behind the fastest (said in the verdict).
    bool unmatchedPastLimit = false;
    int httpStatus = 0;
    QString statusMessage; // the subscription's last sentence, for a stalled route
};

enum class VerdictKind { Streaming, Buffered, Stalled, Inconclusive };

struct RouteVerdict
{
    VerdictKind kind = VerdictKind::Inconclusive;
    QString explanation; // a plain sentence, without the leading word

    // "buffered: events arrive in bursts of ~90 every ~4.5 s, 2.3 s behind the fastest route"
    QString text() const;
};

// The thresholds a verdict uses; documented where they are defined.
namespace verdict {
// Nothing at all (no headers), or headers and no event, for longer than
// this: stalled. A streaming route delivers its first event well within it
// even at one event a second; nginx's buffered route takes 4.6 s to fill its
// first 4 KiB at 20 small events a second, so the limit sits just above that.
inline constexpr double kStalledAfterMs = 5000;
// Fewer events than this: too little traffic to tell.
inline constexpr quint64 kMinEvents = 10;
// A route is bursty when its bursts (reads joined when they land within 2 ms
// of each other) average at least this many events, apart by at least
// kMinBurstGapMs. A streaming route's bursts are single events (a fast one
// a little more, as reads catch two); nginx's 4 KiB buffer held 51 ticker
// events. A fast steady stream (1,000 events a second and more) joins into
// long runs with no gap between them: not bursty.
inline constexpr double kBurstyEventsPerRead = 4.0;
inline constexpr double kMinBurstGapMs = 50.0;
// A first and only burst counts as one when it was this short (its period
// is not known yet): gzip through nginx delivered 2,000 events at once.
inline constexpr double kLongestSingleBurstMs = 50.0;
// A bursty route whose median added delay (behind the fastest route, or
// latency from send times) reaches this is buffered; below it, the bursts
// come from the source (the fastest route sees them at the same moment).
inline constexpr double kBufferedDelayMs = 100.0;
// Events matched across routes needed before their delays decide.
inline constexpr quint64 kMinMatched = 10;
} // namespace verdict

RouteVerdict judgeRoute(const RouteFigures &figures);
QString verdictWord(VerdictKind kind); // "streaming", "buffered", "stalled", "inconclusive"
// "0.4 ms", "12 ms", "2.3 s", "95 s": how the verdicts write durations.
QString formatDurationMs(double ms);

} // namespace ssescope
