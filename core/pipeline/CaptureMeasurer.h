#pragma once

#include "core/capture/CaptureRecord.h"
#include "core/compare/RouteComparison.h"
#include "core/latency/RouteMatcher.h"
#include "core/net/SubscriptionStatus.h"
#include "core/pipeline/EventWatch.h"
#include "core/sse/SseEvent.h"
#include "core/stats/CaptureStats.h"
#include "core/stats/TokenStream.h"

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
    // Events of a type (and data pattern) counted per stream, from now on:
    // eventWatch(index) with the index returned.
    size_t addEventWatch(const QByteArray &type, const QString &dataPattern)
    {
        m_watches.emplace_back(type, dataPattern);
        return m_watches.size() - 1;
    }
    const EventWatch &eventWatch(size_t index) const { return m_watches[index]; }
    // Marks a stream as an LLM token stream (a disabled config unmarks it):
    // its deltas are measured into stats().findTokens(stream).
    void setTokenStream(StreamId stream, const TokenStreamConfig &config);
    // The request facts of the counters, ahead of a batch's events: a token
    // must meet the request it answers (applyCounters() notes them too).
    void noteRequest(StreamId stream, const SubscriptionCounters &counters);
    // Events of one network read share their stream, time and chunk: such a
    // run is counted once, when the next event differs or on flush(), which
    // measured several times faster than counting each event.
    void measure(const SseEventView &event, std::optional<double> latencyMs)
    {
        if (m_run.count == 0 || event.stream != m_run.stream
            || event.arrivalSteadyNs != m_run.steadyNs || event.chunkIndex != m_run.chunkIndex) {
            flush();
            m_run.stream = event.stream;
            m_run.steadyNs = event.arrivalSteadyNs;
            m_run.chunkIndex = event.chunkIndex;
        }
        ++m_run.count;
        m_run.wireBytes += event.wireBytes;
        m_stats->recordId(event.stream, event.id, event.idOrigin);
        if (latencyMs) {
            m_runLatencies.push_back(*latencyMs);
            if (m_runLatencies.size() >= kMaxRunLatencies) // a capture stamped all alike
                flush();
        }
        if (!m_routes.empty())
            offerToRoutes(event);
        for (EventWatch &watch : m_watches)
            watch.offer(event);
        if (Q_UNLIKELY(!m_tokenStreams.empty()))
            offerToTokens(event);
        if (m_comparisonLive && m_comparison && m_comparison->indexOf(event.stream) >= 0)
            m_comparison->matchEvent(
                event.stream, event.type, event.id, event.data, event.arrivalSteadyNs);
    }
    // Counts the pending run: call at the end of a batch, before reading stats().
    void flush();
    void measureComment(StreamId stream, qint64 steadyNs);
    // One record of a capture read from a file, event or comment, as the
    // stream `stream` (`ssescope-cli stats` and `compare`).
    void measureRecord(StreamId stream, const CaptureRecordView &record);
    // Counters are totals per subscription; latency misses count their increase.
    void applyCounters(StreamId stream, const SubscriptionCounters &counters);
    void clear(); // statistics, pairs and comparison start again; what is compared stays

    // Routes compared side by side (the comparison view, `ssescope-cli
    // compare`): from now on every event of theirs is also measured there.
    // Replaces any comparison before.
    RouteComparison &startComparison(std::vector<RouteSpec> routes);
    void stopComparison() { m_comparison.reset(); }
    // Off: live events are not measured into the comparison (CapturePipeline
    // replays the store into it first, and the replay reaches them there).
    void setComparisonLive(bool live) { m_comparisonLive = live; }
    RouteComparison *comparison()
    {
        flush();
        return m_comparison.get();
    }
    const RouteComparison *comparison() const
    {
        Q_ASSERT_X(m_run.count == 0, "CaptureMeasurer", "flush() before reading the comparison");
        return m_comparison.get();
    }
    // A stream's state, for a compared route's stall clock; ignored otherwise.
    void applyStatus(StreamId stream, const SubscriptionStatus &status, qint64 steadyNs)
    {
        if (m_comparison)
            m_comparison->noteStatus(stream, status, steadyNs);
    }

    const CaptureStats &stats() const
    {
        Q_ASSERT_X(m_run.count == 0, "CaptureMeasurer", "flush() before reading stats");
        return *m_stats;
    }
    CaptureStats &stats()
    {
        flush();
        return *m_stats;
    }
    const std::vector<std::unique_ptr<RouteMatcher>> &routes() const { return m_routes; }
    // B's delay after A for routes()[index], as a StreamStats's "latency".
    const StreamStats &routeDelays(size_t index) const { return *m_routeDelays[index]; }

private:
    void offerToRoutes(const SseEventView &event);
    void offerToTokens(const SseEventView &event);
    static constexpr size_t kMaxRunLatencies = 4096;

    struct Run
    {
        StreamId stream = 0;
        qint64 steadyNs = 0;
        quint64 chunkIndex = 0;
        quint64 count = 0;
        quint64 wireBytes = 0;
    };
    Run m_run;
    std::vector<double> m_runLatencies; // the run's, in order; capacity reused
    bool m_wholeCapture;
    std::unique_ptr<CaptureStats> m_stats;
    std::vector<std::unique_ptr<RouteMatcher>> m_routes;
    std::vector<std::unique_ptr<StreamStats>> m_routeDelays;
    std::vector<EventWatch> m_watches;
    QHash<StreamId, quint64> m_latencyMissesSeen;
    QHash<StreamId, quint64> m_receivedBytesSeen; // SubscriptionCounters::bytes already counted
    std::unique_ptr<RouteComparison> m_comparison;
    struct TokenStream
    {
        StreamId stream;
        TokenDeltaReader reader;
    };
    std::vector<TokenStream> m_tokenStreams; // few: searched in order
    bool m_comparisonLive = true;
};

} // namespace ssescope
