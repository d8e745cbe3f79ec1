#pragma once

#include "core/stats/StreamStats.h"

#include <deque>
#include <vector>

namespace ssescope {

// Rates as people should read them: averaged over a trailing window long
// enough that a stream arriving in bursts (a buffering proxy delivers ~90
// events every ~4.5 s) reads as its average, not as zero between bursts.
// The charts, the streams panel and the CLI all read rates from here, so they
// agree with each other.
inline constexpr qint64 kRateWindowNs = 10'000'000'000LL;
// Bursty streams whose bursts come further apart than this are averaged over
// kWideRateWindowNs instead: a 10 s window holding two or three bursts swings
// by a third from one moment to the next.
inline constexpr qint64 kWideRateGapNs = 2'000'000'000LL;
inline constexpr qint64 kWideRateWindowNs = 60'000'000'000LL;

struct RatePoint
{
    qint64 atNs = 0; // the window's end (a bin boundary)
    double eventsPerSecond = 0;
    double bytesPerSecond = 0;
};

struct RateReading
{
    double eventsPerSecond = 0;
    double bytesPerSecond = 0;
    qint64 windowNs = 0; // the window asked for
    qint64 events = 0; // what arrived in it
    qint64 reads = 0; // network reads that completed events in it
    double eventsPerRead = 0;
    qint64 longestGapNs = 0; // longest silence between two bins with events, inside the window
    // Many events per read with silences between them: what proxy buffering
    // looks like (the demo's /bursty too). Steady or sparse streams are not.
    bool bursty = false;
};

// The rate at each bin boundary from fromNs to toNs: what arrived in the
// windowNs before it, per second. A stream younger than the window reads its
// rate at once instead of ramping up (see perSecond() in the .cpp). Runs of equal values keep only
// their ends (straight lines between points draw the same steps). The line starts at the end of the
// stream's first bin; a stream that stops decays to 0 once the window has passed its last event.
// originNs is when the stream began (its first event), if known: a stream's
// first bin usually began before it did, and counting its age from there
// would make a young stream read low.
std::vector<RatePoint> rollingRates(const std::deque<SeriesPoint> &bins, qint64 resolutionNs,
    qint64 fromNs, qint64 toNs, qint64 windowNs = kRateWindowNs, qint64 originNs = 0);
std::vector<RatePoint> rollingRates(
    const StreamStats &stats, qint64 fromNs, qint64 toNs, qint64 windowNs = kRateWindowNs);

// The rate over the windowNs ending at the last bin boundary at or before nowNs:
// the last point rollingRates() would draw there.
RateReading rateAt(const StreamStats &stats, qint64 nowNs, qint64 windowNs);
// What a table shows: the kRateWindowNs reading, or the kWideRateWindowNs one
// for a bursty stream whose bursts are more than kWideRateGapNs apart.
RateReading currentRate(const StreamStats &stats, qint64 nowNs);

} // namespace ssescope
