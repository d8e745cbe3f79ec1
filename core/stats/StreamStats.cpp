#include "StreamStats.h"

#include <QByteArrayView>

#include <algorithm>
#include <cmath>

namespace ssescope {

namespace {

constexpr qint64 kSecondNs = 1'000'000'000;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

Quantiles quantilesOf(const LogHistogram &histogram, double scale)
{
    Quantiles q;
    q.count = histogram.count();
    if (q.count == 0)
        return q;
    q.p50 = histogram.quantile(0.50) * scale;
    q.p90 = histogram.quantile(0.90) * scale;
    q.p99 = histogram.quantile(0.99) * scale;
    q.max = histogram.max() * scale;
    return q;
}

} // namespace

StreamStats::StreamStats(qint64 seriesResolutionNs, qsizetype seriesCapacity)
    : m_resolutionNs(std::max<qint64>(1, seriesResolutionNs))
    , m_seriesCapacity(std::max<qsizetype>(1, seriesCapacity))
{ }

StreamStats::Slot &StreamStats::slotFor(qint64 steadyNs)
{
    // Events come in runs within one second: no division for those.
    if (m_currentSlot >= 0 && steadyNs >= m_currentSlotStartNs
        && steadyNs < m_currentSlotStartNs + kSecondNs)
        return m_slots[size_t(m_currentSlot)];
    const qint64 second = floorDiv(steadyNs, kSecondNs);
    const int index = int(((second % kSlots) + kSlots) % kSlots);
    Slot &slot = m_slots[size_t(index)];
    if (slot.second != second) {
        slot.second = second;
        slot.events = 0;
        slot.bytes = 0;
        slot.chunks = 0;
        if (slot.interArrivalUs)
            slot.interArrivalUs->clear();
        if (slot.latencyUs)
            slot.latencyUs->clear();
    }
    m_currentSlot = index;
    m_currentSlotStartNs = second * kSecondNs;
    return slot;
}

void StreamStats::recordEvents(
    qint64 steadyNs, quint64 count, quint64 wireBytes, quint64 chunkIndex)
{
    if (count == 0)
        return;
    if (m_totals.events == 0 && m_totals.comments == 0)
        m_totals.firstNs = steadyNs;
    m_totals.lastNs = std::max(m_totals.lastNs, steadyNs);
    m_totals.events += count;
    m_eventBytes += wireBytes;
    m_totals.bytes = std::max(m_eventBytes, m_receivedBytes);
    const bool newChunk = !m_haveChunk || chunkIndex != m_lastChunk;
    if (newChunk) {
        ++m_totals.chunks;
        m_lastChunk = chunkIndex;
        m_haveChunk = true;
        m_eventsInChunk = 0;
    }
    m_eventsInChunk += quint32(count);

    Slot &slot = slotFor(steadyNs);
    slot.events += count;
    slot.bytes += wireBytes;
    slot.chunks += newChunk ? 1 : 0;
    // The first event's gap is to the event before it; the others' are 0.
    const bool firstHasGap = m_haveLastEvent;
    const quint64 zeroGaps = count - 1;
    if (firstHasGap || zeroGaps > 0) {
        if (!slot.interArrivalUs)
            slot.interArrivalUs = std::make_unique<LogHistogram>();
        if (firstHasGap) {
            const qint64 gapNs = std::max<qint64>(0, steadyNs - m_lastEventNs);
            const double gapUs = gapNs == 0 ? 0.0 : double(gapNs) / 1e3;
            slot.interArrivalUs->add(gapUs);
            if (m_lifetime)
                m_lifetime->interArrivalUs.add(gapUs);
        }
        slot.interArrivalUs->add(0.0, zeroGaps);
        if (m_lifetime)
            m_lifetime->interArrivalUs.add(0.0, zeroGaps);
    }
    m_lastEventNs = steadyNs;
    m_haveLastEvent = true;
    if (m_lifetime)
        m_lifetime->maxEventsPerChunk
            = std::max<quint64>(m_lifetime->maxEventsPerChunk, m_eventsInChunk);

    SeriesPoint &point = seriesPointFor(steadyNs);
    point.events += quint32(count);
    point.chunks += newChunk ? 1 : 0;
    point.bytes += wireBytes;
    point.maxEventsPerChunk = std::max(point.maxEventsPerChunk, m_eventsInChunk);
}

void StreamStats::recordLatency(qint64 steadyNs, double latencyMs)
{
    Slot &slot = slotFor(steadyNs);
    if (!slot.latencyUs)
        slot.latencyUs = std::make_unique<LogHistogram>();
    slot.latencyUs->add(latencyMs * 1e3);
    if (m_lifetime)
        m_lifetime->latencyUs.add(latencyMs * 1e3);
    SeriesPoint &point = seriesPointFor(steadyNs);
    point.latencyMaxMs = point.latencyCount == 0 ? float(latencyMs)
                                                 : std::max(point.latencyMaxMs, float(latencyMs));
    point.latencySumMs += float(latencyMs);
    ++point.latencyCount;
}

SeriesPoint &StreamStats::seriesPointFor(qint64 steadyNs)
{
    if (!m_series.empty() && steadyNs >= m_series.back().startNs
        && steadyNs < m_series.back().startNs + m_resolutionNs)
        return m_series.back();
    const qint64 start = floorDiv(steadyNs, m_resolutionNs) * m_resolutionNs;
    if (m_series.empty() || m_series.back().startNs < start) {
        m_series.push_back(SeriesPoint { start, 0, 0, 0, 0, 0, 0, 0 });
        if (qsizetype(m_series.size()) > m_seriesCapacity)
            m_series.pop_front();
    }
    return m_series.back(); // late arrivals of an older interval join the newest
}

void StreamStats::keepLifetime()
{
    if (!m_lifetime)
        m_lifetime = std::make_unique<LifetimeStats>();
}

void StreamStats::recordComment(qint64 steadyNs)
{
    if (m_totals.events == 0 && m_totals.comments == 0)
        m_totals.firstNs = steadyNs;
    m_totals.lastNs = std::max(m_totals.lastNs, steadyNs);
    ++m_totals.comments;
}

void StreamStats::recordId(QByteArrayView id, IdOrigin origin)
{
    m_ids.add(id, origin);
    m_totals.idGaps = m_ids.gaps();
    m_totals.idDuplicates = m_ids.duplicates();
    m_totals.idsCounted = m_ids.engaged();
}

void StreamStats::recordReceivedBytes(quint64 count)
{
    m_receivedBytes += count;
    m_totals.bytes = std::max(m_eventBytes, m_receivedBytes);
}

void StreamStats::setConnectionCounters(quint64 reconnections, quint64 errors, qint64 uptimeNs)
{
    m_totals.reconnections = reconnections;
    m_totals.errors = errors;
    m_totals.uptimeNs = uptimeNs;
}

WindowStats StreamStats::window(int seconds, qint64 nowSteadyNs) const
{
    WindowStats out;
    out.seconds = std::clamp(seconds, 1, kSlots);
    const qint64 lastFull = floorDiv(nowSteadyNs, kSecondNs) - 1;
    const qint64 firstIncluded = lastFull - out.seconds + 1;
    LogHistogram interArrival;
    LogHistogram latency;
    for (const Slot &slot : m_slots) {
        if (slot.second < firstIncluded || slot.second > lastFull)
            continue;
        out.events += slot.events;
        out.bytes += slot.bytes;
        out.chunks += slot.chunks;
        if (slot.interArrivalUs)
            interArrival.merge(*slot.interArrivalUs);
        if (slot.latencyUs)
            latency.merge(*slot.latencyUs);
    }
    out.eventsPerSecond = double(out.events) / out.seconds;
    out.bytesPerSecond = double(out.bytes) / out.seconds;
    out.chunksPerSecond = double(out.chunks) / out.seconds;
    out.eventsPerChunk = out.chunks ? double(out.events) / double(out.chunks) : 0;
    out.interArrivalMs = quantilesOf(interArrival, 1e-3);
    out.latencyMs = quantilesOf(latency, 1e-3);
    return out;
}

} // namespace ssescope
