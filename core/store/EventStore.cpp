#include "EventStore.h"

#include <cstring>
#include <limits>

namespace ssescope {

namespace {

constexpr quint16 kWallInSideTable = 1;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

struct EventStore::Record
{
    StreamId stream;
    quint32 streamSeq;
    qint64 arrivalSteadyNs;
    quint32 chunkIndex;
    quint32 wireBytes;
    quint32 offset; // of the id bytes in the arena; the data follows them
    quint32 idLength;
    quint32 dataLength;
    quint16 type;
    quint16 flags;
    float latencyMs; // NaN when the event has no latency
    qint32 wallDeltaUs; // wall time, in µs, relative to steady time + the segment's offset
};

// Wall time is steady time plus the segment's offset: one clock reading per
// segment instead of eight bytes per event.
struct EventStore::Segment
{
    static_assert(sizeof(Record) == 48, "keep the record small");
    std::vector<Record> records;
    std::vector<char> arena;
    qint64 wallMinusSteadyNs = 0;
    QHash<quint32, qint64> wallOverflowUs; // by index in the segment

    qint64 bytes() const { return qint64(records.capacity() * sizeof(Record) + arena.capacity()); }
};

EventStore::EventStore(EventStoreLimits limits)
    : m_limits(limits)
{
    internType(QByteArrayLiteral("message"));
}

EventStore::~EventStore() = default;

quint16 EventStore::internType(const QByteArray &type)
{
    auto it = m_typeIndex.constFind(type);
    if (it != m_typeIndex.constEnd())
        return it.value();
    if (m_types.size() >= std::numeric_limits<quint16>::max())
        return 0; // absurdly many types: fall back rather than overflow
    const auto index = quint16(m_types.size());
    m_types.append(type);
    m_typeIndex.insert(type, index);
    return index;
}

quint64 EventStore::append(const SseEvent &event, std::optional<double> latencyMs)
{
    if (m_segments.empty() || m_segments.back()->records.size() == kSegmentEvents) {
        auto segment = std::make_unique<Segment>();
        segment->records.reserve(kSegmentEvents);
        segment->arena.reserve(kSegmentEvents * 64);
        segment->wallMinusSteadyNs = event.arrivalWallNs - event.arrivalSteadyNs;
        m_bytes += segment->bytes();
        m_segments.push_back(std::move(segment));
    }
    Segment &segment = *m_segments.back();
    const qint64 before = segment.bytes();
    const auto offset = quint32(segment.arena.size());
    segment.arena.insert(segment.arena.end(), event.id.begin(), event.id.end());
    segment.arena.insert(segment.arena.end(), event.data.begin(), event.data.end());
    Record record {};
    record.stream = event.stream;
    record.streamSeq = quint32(event.seq);
    record.arrivalSteadyNs = event.arrivalSteadyNs;
    record.chunkIndex = quint32(event.chunkIndex);
    record.wireBytes = event.wireBytes;
    record.offset = offset;
    record.idLength = quint32(event.id.size());
    record.dataLength = quint32(event.data.size());
    record.type = internType(event.type);
    record.latencyMs = latencyMs ? float(*latencyMs) : std::numeric_limits<float>::quiet_NaN();
    // Live events share one wall/steady relation per segment, so the delta is
    // 0; imported or merged captures may differ, and a delta beyond ±35 min
    // goes to a side table.
    const qint64 deltaUs = floorDiv(event.arrivalWallNs, 1000)
        - floorDiv(event.arrivalSteadyNs + segment.wallMinusSteadyNs, 1000);
    if (deltaUs >= std::numeric_limits<qint32>::min()
        && deltaUs <= std::numeric_limits<qint32>::max()) {
        record.wallDeltaUs = qint32(deltaUs);
    } else {
        record.flags |= kWallInSideTable;
        segment.wallOverflowUs.insert(
            quint32(segment.records.size()), floorDiv(event.arrivalWallNs, 1000));
    }
    segment.records.push_back(record);
    m_bytes += segment.bytes() - before;
    ++m_size;
    const quint64 seq = m_firstSeq + quint64(m_size) - 1;
    enforceLimits();
    return seq;
}

void EventStore::enforceLimits()
{
    // The newest segment stays: dropping what was just appended helps no one.
    while (m_segments.size() > 1 && (m_size > m_limits.maxEvents || m_bytes > m_limits.maxBytes)) {
        const Segment &oldest = *m_segments.front();
        const auto count = qint64(oldest.records.size());
        m_bytes -= oldest.bytes();
        m_size -= count;
        m_firstSeq += quint64(count);
        m_dropped += quint64(count);
        m_segments.pop_front();
    }
}

StoredEvent EventStore::at(qint64 row) const
{
    StoredEvent out;
    if (row < 0 || row >= m_size)
        return out;
    // Every segment but the last holds exactly kSegmentEvents, and dropping
    // removes whole segments, so the division is exact.
    const Segment &segment = *m_segments[size_t(row / kSegmentEvents)];
    const Record &record = segment.records[size_t(row % kSegmentEvents)];
    const char *base = segment.arena.data() + record.offset;
    out.seq = m_firstSeq + quint64(row);
    out.stream = record.stream;
    out.streamSeq = record.streamSeq;
    out.id = QByteArrayView(base, record.idLength);
    out.data = QByteArrayView(base + record.idLength, record.dataLength);
    out.type = m_types.at(record.type);
    out.arrivalSteadyNs = record.arrivalSteadyNs;
    const qint64 wallUs = (record.flags & kWallInSideTable)
        ? segment.wallOverflowUs.value(quint32(row % kSegmentEvents))
        : floorDiv(record.arrivalSteadyNs + segment.wallMinusSteadyNs, 1000) + record.wallDeltaUs;
    out.arrivalWallNs = wallUs * 1000;
    out.chunkIndex = record.chunkIndex;
    out.wireBytes = record.wireBytes;
    if (!std::isnan(record.latencyMs))
        out.latencyMs = double(record.latencyMs);
    return out;
}

qint64 EventStore::rowOfSeq(quint64 seq) const
{
    if (seq < m_firstSeq || seq > lastSeq() || m_size == 0)
        return -1;
    return qint64(seq - m_firstSeq);
}

void EventStore::setLimits(const EventStoreLimits &limits)
{
    m_limits = limits;
    enforceLimits();
}

void EventStore::clear()
{
    // Cleared on purpose, so not counted as dropped; sequence numbers go on.
    m_firstSeq += quint64(m_size);
    m_size = 0;
    m_bytes = 0;
    m_segments.clear();
}

} // namespace ssescope

namespace ssescope {

void EventStore::setStreamName(StreamId stream, const QString &name)
{
    m_streamNames.insert(stream, name);
}

QString EventStore::streamName(StreamId stream) const
{
    return m_streamNames.value(stream, QString::number(stream));
}

} // namespace ssescope
