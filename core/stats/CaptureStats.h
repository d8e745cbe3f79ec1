#pragma once

#include "core/sse/SseEvent.h"
#include "core/stats/StreamStats.h"
#include "core/stats/TokenStats.h"

#include <QHash>

#include <memory>

namespace ssescope {

// Statistics of every stream, and of all of them together.
class CaptureStats final
{
public:
    // keepLifetime: every stream also keeps LifetimeStats (whole captures).
    explicit CaptureStats(bool keepLifetime = false);
    Q_DISABLE_COPY_MOVE(CaptureStats)

    void recordEvent(StreamId stream, qint64 steadyNs, quint64 wireBytes, quint64 chunkIndex,
        std::optional<double> latencyMs);
    void recordEvent(const SseEvent &event, std::optional<double> latencyMs)
    {
        recordEvent(
            event.stream, event.arrivalSteadyNs, event.wireBytes, event.chunkIndex, latencyMs);
    }
    // As StreamStats::recordEvents and recordLatency, for the stream and the total.
    void recordEvents(
        StreamId stream, qint64 steadyNs, quint64 count, quint64 wireBytes, quint64 chunkIndex);
    void recordLatency(StreamId stream, qint64 steadyNs, double latencyMs);
    void recordLatencyMiss(StreamId stream);
    void recordLatencyMisses(StreamId stream, quint64 count);
    void recordReceivedBytes(StreamId stream, quint64 count);
    void recordComment(StreamId stream, qint64 steadyNs);
    // One event's last event ID, in the stream's order (id gaps and duplicates).
    void recordId(StreamId stream, QByteArrayView id, IdOrigin origin);
    void setConnectionCounters(
        StreamId stream, quint64 reconnections, quint64 errors, qint64 uptimeNs = 0);

    StreamStats &stream(StreamId stream);
    const StreamStats *find(StreamId stream) const;
    const StreamStats &total() const { return m_total; }
    QList<StreamId> streams() const;
    // Token streams' figures (CaptureMeasurer creates them); null for other streams.
    TokenStats &tokenStream(StreamId stream);
    const TokenStats *findTokens(StreamId stream) const;

private:
    QHash<StreamId, std::shared_ptr<StreamStats>> m_streams;
    StreamStats *m_last = nullptr; // the stream looked up last
    StreamId m_lastId = 0;
    bool m_keepLifetime;
    StreamStats m_total;
    struct ConnectionCounters
    {
        quint64 reconnections;
        quint64 errors;
        qint64 uptimeNs;
    };
    QHash<StreamId, ConnectionCounters> m_connectionCounters;
    QHash<StreamId, std::shared_ptr<TokenStats>> m_tokens;
};

} // namespace ssescope
