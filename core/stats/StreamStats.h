#pragma once

#include "core/stats/IdSequenceChecker.h"
#include "core/stats/LogHistogram.h"

#include <array>
#include <deque>
#include <memory>
#include <optional>

namespace ssescope {

struct Quantiles
{
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
    quint64 count = 0;
};

// Figures over a rolling window of whole seconds ending at the last full second.
struct WindowStats
{
    int seconds = 0;
    quint64 events = 0;
    quint64 bytes = 0;
    quint64 chunks = 0; // network reads that completed at least one event
    double eventsPerSecond = 0;
    double bytesPerSecond = 0;
    double chunksPerSecond = 0;
    double eventsPerChunk = 0; // burstiness: proxy buffering drives it up
    Quantiles interArrivalMs;
    Quantiles latencyMs; // count 0 when the stream has no latency
};

struct StatsTotals
{
    quint64 events = 0;
    quint64 bytes = 0;
    quint64 chunks = 0;
    quint64 comments = 0;
    quint64 reconnections = 0;
    quint64 errors = 0;
    quint64 latencyMisses = 0;
    qint64 uptimeNs = 0; // time connected (live streams)
    qint64 firstNs = 0; // steady time of the first event or comment
    qint64 lastNs = 0;
    // Ids skipped and ids seen again (IdSequenceChecker); idsCounted: the
    // ids count up, so these mean something (for a total: any stream's do).
    quint64 idGaps = 0;
    quint64 idDuplicates = 0;
    bool idsCounted = false;
};

// Figures over everything a stream delivered, kept only on request (whole
// captures: `ssescope-cli stats`); a live view needs the windows alone.
struct LifetimeStats
{
    LogHistogram interArrivalUs;
    LogHistogram latencyUs;
    quint64 maxEventsPerChunk = 0;
};

// One point of a chart series: what arrived in one interval.
struct SeriesPoint
{
    qint64 startNs = 0;
    quint32 events = 0;
    quint32 chunks = 0;
    quint64 bytes = 0;
    float latencyMaxMs = 0;
    float latencySumMs = 0;
    quint32 latencyCount = 0;
    quint32 maxEventsPerChunk = 0;
};

// Rolling statistics of one stream (or of all of them). 60 one-second slots
// hold counts and histograms, so a 1 s, 10 s or 60 s window is a merge of
// slots, never a sort of events. A histogram is allocated only for a second
// that had values: a busy stream costs up to about 130 KB.
class StreamStats final
{
public:
    static constexpr int kSlots = 60;

    explicit StreamStats(qint64 seriesResolutionNs = 250'000'000, qsizetype seriesCapacity = 3600);

    void recordEvent(
        qint64 steadyNs, quint64 wireBytes, quint64 chunkIndex, std::optional<double> latencyMs)
    {
        recordEvents(steadyNs, 1, wireBytes, chunkIndex);
        if (latencyMs)
            recordLatency(steadyNs, *latencyMs);
    }
    // Exactly what `count` recordEvent() calls without latency would do for
    // events stamped alike (one network read: same time, same chunk), with
    // wireBytes their sum, at the cost of one. Events of a read share their
    // stamp, so this is how the pipeline measures.
    void recordEvents(qint64 steadyNs, quint64 count, quint64 wireBytes, quint64 chunkIndex);
    // The latency of one event recorded last, at steadyNs.
    void recordLatency(qint64 steadyNs, double latencyMs);
    void recordLatencyMiss() { ++m_totals.latencyMisses; }
    void recordLatencyMisses(quint64 count) { m_totals.latencyMisses += count; }
    // Bytes the network read, events or not: a stream stuck in an endless line
    // still shows what it received. totals().bytes is the
    // larger of these and the events' own bytes (an opened capture has only those).
    void recordReceivedBytes(quint64 count);
    void recordComment(qint64 steadyNs);
    // The last event ID of one event, in order: gaps and duplicates.
    void recordId(QByteArrayView id, IdOrigin origin);
    // A total's share of another stream's id counts.
    void addIdCounts(quint64 gaps, quint64 duplicates, bool counted)
    {
        m_totals.idGaps += gaps;
        m_totals.idDuplicates += duplicates;
        m_totals.idsCounted = m_totals.idsCounted || counted;
    }
    const IdSequenceChecker &idSequence() const { return m_ids; }
    void setConnectionCounters(quint64 reconnections, quint64 errors, qint64 uptimeNs = 0);
    void keepLifetime(); // from now on, also LifetimeStats
    const LifetimeStats *lifetime() const { return m_lifetime.get(); } // null unless kept

    WindowStats window(int seconds, qint64 nowSteadyNs) const;
    const StatsTotals &totals() const { return m_totals; }
    const std::deque<SeriesPoint> &series() const { return m_series; }
    qint64 seriesResolutionNs() const { return m_resolutionNs; }

private:
    struct Slot
    {
        qint64 second = -1;
        quint64 events = 0;
        quint64 bytes = 0;
        quint64 chunks = 0;
        std::unique_ptr<LogHistogram> interArrivalUs;
        std::unique_ptr<LogHistogram> latencyUs;
    };

    Slot &slotFor(qint64 steadyNs);
    SeriesPoint &seriesPointFor(qint64 steadyNs);

    std::array<Slot, kSlots> m_slots;
    int m_currentSlot = -1; // the slot of the second that started at m_currentSlotStartNs
    qint64 m_currentSlotStartNs = 0;
    StatsTotals m_totals;
    quint64 m_eventBytes = 0;
    quint64 m_receivedBytes = 0;
    qint64 m_lastEventNs = 0;
    bool m_haveLastEvent = false; // imported captures may carry negative steady times
    quint64 m_lastChunk = 0;
    bool m_haveChunk = false;
    quint32 m_eventsInChunk = 0;
    qint64 m_resolutionNs;
    qsizetype m_seriesCapacity;
    std::deque<SeriesPoint> m_series;
    std::unique_ptr<LifetimeStats> m_lifetime;
    IdSequenceChecker m_ids;
};

} // namespace ssescope
