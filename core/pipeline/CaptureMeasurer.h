#pragma once

#include "latency/RouteMatcher.h"
#include "net/SubscriptionStatus.h"
#include "sse/SseEvent.h"
#include "stats/CaptureStats.h"

#include <QHash>

#include <memory>
#include <optional>
#include <vector>

namespace ssescope {

// What is measured per event, written once for every front end: statistics
// (latency arrives with the event: the subscription computes it on the
// network thread), connection counters, and route pairs. CapturePipeline
// drives it from batches, the CLI's writer thread from its frames and
// `ssescope-cli stats` from a capture's records. Not thread-safe: one owner.
class CaptureMeasurer final
{
public:
    // wholeCapture: also keep histograms over everything (`ssescope-cli stats`),
    // not only the rolling windows a live view needs.
    explicit CaptureMeasurer(bool wholeCapture = false);
    ~CaptureMeasurer();
    Q_DISABLE_COPY_MOVE(CaptureMeasurer)

    void addRoutePair(StreamId a, StreamId b); // a RouteMatcher per pair
    void measure(const SseEventView &event, std::optional<double> latencyMs);
    void measureComment(StreamId stream, qint64 steadyNs);
    // Counters are totals per subscription; latency misses count their increase.
    void applyCounters(StreamId stream, const SubscriptionCounters &counters);
    void clear(); // statistics and pairs start again; the pairs stay configured

    const CaptureStats &stats() const { return *m_stats; }
    CaptureStats &stats() { return *m_stats; }
    const std::vector<std::unique_ptr<RouteMatcher>> &routes() const { return m_routes; }
    // B's delay after A for routes()[index], as a StreamStats's "latency".
    const StreamStats &routeDelays(size_t index) const { return *m_routeDelays[index]; }

private:
    bool m_wholeCapture;
    std::unique_ptr<CaptureStats> m_stats;
    std::vector<std::unique_ptr<RouteMatcher>> m_routes;
    std::vector<std::unique_ptr<StreamStats>> m_routeDelays;
    QHash<StreamId, quint64> m_latencyMissesSeen;
};

} // namespace ssescope
