#pragma once

#include "core/compare/RouteVerdict.h"
#include "core/net/SubscriptionStatus.h"
#include "core/sse/SseEvent.h"
#include "core/stats/LogHistogram.h"

#include <QByteArrayView>

#include <deque>
#include <unordered_map>
#include <vector>

namespace ssescope {

// A route to compare: usually the same upstream reached another way.
struct RouteSpec
{
    StreamId stream = 0;
    QString name;
    bool compressionRequested = false; // said in a stalled route's verdict
    qint64 requestedNs = 0; // steady time the route was (re)started: the stall clock
};

// One network read of a route that carried events: what arrived at once.
struct RouteRead
{
    qint64 steadyNs = 0;
    quint64 chunkIndex = 0;
    quint32 events = 0;
    quint64 bytes = 0;
    quint64 cumulativeEvents = 0; // the route's events up to and including this read
};

// One event's delay behind the first route that delivered it.
struct RouteDelayPoint
{
    qint64 steadyNs = 0;
    double delayMs = 0;
};

// Two or more routes side by side, on one steady clock: reads (for the
// cumulative staircase, the arrival raster and per-read sizes), latency
// from send times, and each event's delay behind the fastest route, matched
// by id (or by data when it has no id). CaptureMeasurer feeds it from every
// front end; the comparison view and `ssescope-cli compare` read it.
// Memory is bounded: past kMaxPointsKept reads or delays a route keeps the
// newest (the histograms keep everything), past kMaxPendingKeys the oldest
// unmatched events are forgotten. One owner thread.
class RouteComparison final
{
public:
    static constexpr size_t kMaxPointsKept = 200'000;
    static constexpr qsizetype kMaxPendingKeys = 200'000;
    static constexpr qint64 kBurstJoinNs = 2'000'000; // 2 ms: see Route::bursts
    // Events are matched across the first this many routes (a bit each in
    // Pending::seenBy); later routes get no delay, and their verdicts say so.
    static constexpr size_t kMaxMatchedRoutes = 32;

    struct Route
    {
        RouteSpec spec;
        std::deque<RouteRead> reads;
        std::deque<RouteDelayPoint> delays;
        quint64 readsForgotten = 0; // older than what reads holds
        // Reads that land within kBurstJoinNs of each other are one burst: a
        // proxy's buffer, or a burst the source sent at once, often comes in
        // several reads microseconds apart (the demo's 90-event bursts came in
        // 2 to 4), which would otherwise read as small and back to back.
        quint64 bursts = 0;
        LogHistogram eventsPerBurst; // of every burst but the open one
        LogHistogram burstGapUs; // from one burst's start to the next's
        qint64 burstStartNs = 0; // of the open burst
        qint64 burstLastNs = 0;
        quint64 burstEvents = 0;
        qint64 longestBurstNs = 0; // from a burst's first read to its last
        quint64 events = 0;
        quint64 readCount = 0;
        quint64 bytes = 0;
        qint64 firstEventNs = 0;
        qint64 lastEventNs = 0;
        qint64 responseNs = 0; // first response headers seen (0: none yet)
        LogHistogram eventsPerRead; // of every read but the newest, still open
        LogHistogram bytesPerRead;
        LogHistogram readGapUs;
        LogHistogram latencyUs;
        LogHistogram delayUs;
        SubscriptionStatus status;
    };

    explicit RouteComparison(std::vector<RouteSpec> routes);
    Q_DISABLE_COPY_MOVE(RouteComparison)

    // The route's index, or -1: a linear look-up over a handful of routes.
    int indexOf(StreamId stream) const
    {
        for (size_t i = 0; i < m_routes.size(); ++i)
            if (m_routes[i].spec.stream == stream)
                return int(i);
        return -1;
    }
    // Events that arrived in one network read, with the latencies (ms) of
    // those that carried a send time. Parts of one read (same chunk) join.
    void recordRead(StreamId stream, qint64 steadyNs, quint64 chunkIndex, quint64 events,
        quint64 bytes, const double *latenciesMs = nullptr, size_t latencyCount = 0);
    // One event, to match across routes by type and id, or by type and data
    // when it has no id.
    void matchEvent(StreamId stream, QByteArrayView type, QByteArrayView id, QByteArrayView data,
        qint64 steadyNs);
    // The subscription's state: the first Open is when the headers came.
    void noteStatus(StreamId stream, const SubscriptionStatus &status, qint64 steadyNs);

    const std::vector<Route> &routes() const { return m_routes; }
    // The shared time axis starts here: the earliest request or event.
    qint64 originNs() const;
    // The newest thing seen: "now" for a capture read from a file.
    qint64 lastActivityNs() const { return m_lastActivityNs; }
    quint64 matchedEvents() const { return m_matched; }
    quint64 forgottenKeys() const { return m_forgotten; }
    // Keys kept to match later arrivals, and the bookkeeping of their age:
    // both stay within kMaxPendingKeys (twice that for the bookkeeping).
    qsizetype pendingKeys() const { return m_pending.size(); }
    size_t trackedKeys() const { return m_order.size(); }

    RouteFigures figures(size_t route, qint64 nowSteadyNs) const;
    std::vector<RouteFigures> allFigures(qint64 nowSteadyNs) const;

private:
    struct Pending
    {
        qint64 firstNs;
        quint64 serial;
        quint32 seenBy; // bit per route index (up to kMaxMatchedRoutes)
        int firstRoute;
    };
    void touch(qint64 steadyNs);
    bool isStale(const std::pair<quint64, quint64> &entry) const;
    void dropStaleOrder();

    std::vector<Route> m_routes;
    // Keyed by a 64-bit hash of type and id (or data): no key is allocated
    // per event, and two keys collide about once in 10^9 comparisons of
    // 200,000 pending events.
    std::unordered_map<quint64, Pending> m_pending;
    std::deque<std::pair<quint64, quint64>> m_order; // key and serial, oldest first
    quint64 m_serial = 0;
    quint64 m_matched = 0;
    quint64 m_forgotten = 0;
    qint64 m_lastActivityNs = 0;
    bool m_haveActivity = false;
};

} // namespace ssescope
