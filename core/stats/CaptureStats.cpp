#include "CaptureStats.h"

#include <algorithm>

namespace ssescope {

CaptureStats::CaptureStats(bool keepLifetime)
    : m_keepLifetime(keepLifetime)
{
    if (keepLifetime)
        m_total.keepLifetime();
}

StreamStats &CaptureStats::stream(StreamId stream)
{
    // Events come in runs of one stream: skip the lookup for the same one.
    if (m_last && m_lastId == stream)
        return *m_last;
    auto it = m_streams.find(stream);
    if (it == m_streams.end()) {
        it = m_streams.insert(stream, std::make_shared<StreamStats>());
        if (m_keepLifetime)
            (*it)->keepLifetime();
    }
    m_lastId = stream;
    m_last = it->get(); // owned by a shared_ptr: stays put when the hash grows
    return *m_last;
}

const StreamStats *CaptureStats::find(StreamId stream) const
{
    const auto it = m_streams.constFind(stream);
    return it == m_streams.constEnd() ? nullptr : it->get();
}

QList<StreamId> CaptureStats::streams() const
{
    QList<StreamId> ids = m_streams.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

TokenStats &CaptureStats::tokenStream(StreamId stream)
{
    std::shared_ptr<TokenStats> &tokens = m_tokens[stream];
    if (!tokens)
        tokens = std::make_shared<TokenStats>();
    return *tokens;
}

const TokenStats *CaptureStats::findTokens(StreamId stream) const
{
    const auto it = m_tokens.constFind(stream);
    return it == m_tokens.cend() ? nullptr : it->get();
}

void CaptureStats::recordEvent(StreamId id, qint64 steadyNs, quint64 wireBytes, quint64 chunkIndex,
    std::optional<double> latencyMs)
{
    recordEvents(id, steadyNs, 1, wireBytes, chunkIndex);
    if (latencyMs)
        recordLatency(id, steadyNs, *latencyMs);
}

void CaptureStats::recordEvents(
    StreamId id, qint64 steadyNs, quint64 count, quint64 wireBytes, quint64 chunkIndex)
{
    if (count == 0)
        return; // not even the stream's entry
    stream(id).recordEvents(steadyNs, count, wireBytes, chunkIndex);
    // Chunk numbers are per stream; the stream id keeps them apart in the total.
    m_total.recordEvents(steadyNs, count, wireBytes, (quint64(id) << 40) ^ chunkIndex);
}

void CaptureStats::recordLatency(StreamId id, qint64 steadyNs, double latencyMs)
{
    stream(id).recordLatency(steadyNs, latencyMs);
    m_total.recordLatency(steadyNs, latencyMs);
}

void CaptureStats::recordLatencyMiss(StreamId id)
{
    stream(id).recordLatencyMiss();
    m_total.recordLatencyMiss();
}

void CaptureStats::recordLatencyMisses(StreamId id, quint64 count)
{
    stream(id).recordLatencyMisses(count);
    m_total.recordLatencyMisses(count);
}

void CaptureStats::recordReceivedBytes(StreamId id, quint64 count)
{
    stream(id).recordReceivedBytes(count);
    m_total.recordReceivedBytes(count);
}

void CaptureStats::recordComment(StreamId id, qint64 steadyNs)
{
    stream(id).recordComment(steadyNs);
    m_total.recordComment(steadyNs);
}

void CaptureStats::recordId(StreamId id, QByteArrayView eventId, IdOrigin origin)
{
    if (origin == IdOrigin::CarriedOver)
        return; // the checker would not look at it: spare the lookup
    StreamStats &s = stream(id);
    const quint64 gaps = s.totals().idGaps;
    const quint64 duplicates = s.totals().idDuplicates;
    const bool counted = s.totals().idsCounted;
    s.recordId(eventId, origin);
    const StatsTotals &after = s.totals();
    if (after.idGaps != gaps || after.idDuplicates != duplicates || after.idsCounted != counted)
        m_total.addIdCounts(after.idGaps - gaps, after.idDuplicates - duplicates, after.idsCounted);
}

void CaptureStats::setConnectionCounters(
    StreamId id, quint64 reconnections, quint64 errors, qint64 uptimeNs)
{
    stream(id).setConnectionCounters(reconnections, errors, uptimeNs);
    m_connectionCounters.insert(id, { reconnections, errors, uptimeNs });
    quint64 r = 0, e = 0;
    qint64 up = 0;
    for (const ConnectionCounters &c : std::as_const(m_connectionCounters)) {
        r += c.reconnections;
        e += c.errors;
        up = std::max(up, c.uptimeNs); // the total's uptime: the longest stream's
    }
    m_total.setConnectionCounters(r, e, up);
}

} // namespace ssescope
