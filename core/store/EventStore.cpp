#include "EventStore.h"

#include "core/common/ByteBuffer.h"
#include "core/common/Prefault.h"
#include "core/store/StoreLogging.h"

#include <QThread>

#include <limits>

namespace ssescope {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Big enough that segments fill by count with ordinary events, small enough
// that one segment is a small part of the byte cap.
qint64 sealBytesFor(const EventStoreLimits &limits)
{
    return std::clamp<qint64>(limits.maxBytes / 8, 64 * 1024, 4 * 1024 * 1024);
}

} // namespace

EventStore::EventStore(EventStoreLimits limits)
    : m_limits(limits)
    , m_sealBytes(sealBytesFor(limits))
    , m_arenaReserve(std::min<qint64>(m_sealBytes, 1 << 20))
    , m_owner(QThread::currentThread())
{
    internType("message");
}

EventStore::~EventStore() = default;

void EventStore::assertOwner() const
{
    Q_ASSERT_X(QThread::currentThread() == m_owner, "EventStore",
        "the store belongs to one thread; other threads read a snapshot()");
}

quint16 EventStore::internType(QByteArrayView type)
{
    // Events come in runs of one type; m_lastTypeView views our own copy.
    if (sameBytes(type, m_lastTypeView))
        return m_lastType;
    // fromRawData: a lookup key without an allocation.
    const QByteArray key = QByteArray::fromRawData(type.data(), type.size());
    auto it = m_typeIndex.constFind(key);
    if (it != m_typeIndex.constEnd()) {
        m_lastTypeView = m_types.at(it.value());
        return m_lastType = it.value();
    }
    if (m_types.size() >= std::numeric_limits<quint16>::max())
        return 0; // absurdly many types: fall back rather than overflow
    const auto index = quint16(m_types.size());
    const QByteArray owned = type.toByteArray();
    m_types.append(owned);
    m_typeIndex.insert(owned, index);
    m_lastTypeView = owned; // shares the array m_types holds
    return m_lastType = index;
}

void EventStore::seal()
{
    if (!m_lastIsOpen)
        return;
    EventSegment &open = *m_segments.back();
    // The next segment is likely to hold what this one held: its arena
    // starts that big, so it neither regrows (a copy and fresh pages) nor
    // is shrunk (another copy) when sealed.
    m_arenaReserve = std::clamp<qint64>(
        qint64(open.arena.size()) + qint64(open.arena.size()) / 16, 64 * 1024, m_sealBytes);
    const qint64 before = open.bytes();
    open.shrink();
    m_bytes += open.bytes() - before;
    m_lastIsOpen = false;
}

EventSegment &EventStore::segmentFor(const SseEventView &event)
{
    if (m_lastIsOpen) {
        const EventSegment &open = *m_segments.back();
        if (open.records.size() >= kSegmentEvents
            || (!open.records.empty()
                && qint64(open.arena.size()) + event.data.size() > m_sealBytes))
            seal();
    }
    if (!m_lastIsOpen) {
        auto segment = std::make_shared<EventSegment>();
        // Reserved whole: regrowth copies and faults in fresh pages, which
        // measured several times slower. A segment sealed early gives back
        // what it did not use.
        segment->records.reserve(kSegmentEvents);
        segment->arena.ensureCapacity(std::max<qint64>(event.data.size(), m_arenaReserve));
        prefaultForWriting(
            segment->records.data(), segment->records.capacity() * sizeof(EventSegment::Record));
        prefaultForWriting(segment->arena.data(), size_t(segment->arena.capacity()));
        segment->firstSeq = m_firstSeq + quint64(m_size);
        segment->wallMinusSteadyNs = event.arrivalWallNs - event.arrivalSteadyNs;
        m_bytes += segment->bytes();
        m_segments.push_back(std::move(segment));
        m_lastIsOpen = true;
        m_lastStamp.valid = false; // its delta is relative to this segment's clock relation
    }
    return *m_segments.back();
}

quint64 EventStore::append(const SseEvent &event, std::optional<double> latencyMs)
{
    const SseEventView view { event.stream, event.streamSeq, event.id, event.type, event.data,
        event.arrivalSteadyNs, event.arrivalWallNs, event.chunkIndex, event.wireBytes };
    return append(view, latencyMs, &event.id);
}

quint64 EventStore::append(
    const SseEventView &event, std::optional<double> latencyMs, const QByteArray *sharedId)
{
    assertOwner();
    EventSegment &segment = segmentFor(event);
    const qint64 before = segment.bytes();
    EventSegment::Record record {};
    record.stream = event.stream;
    record.streamSeq = quint32(event.streamSeq);
    record.arrivalSteadyNs = event.arrivalSteadyNs;
    record.chunkIndex = quint32(event.chunkIndex);
    record.wireBytes = quint32(event.wireBytes);
    const EventSegment::IdRef id
        = segment.idFor(event.stream, event.id, sharedId); // may add to the arena
    record.idAt = id.at;
    record.idLength = id.length;
    record.flags = id.shared ? EventSegment::kSharedId : 0;
    record.dataOffset = quint32(segment.arena.size());
    record.dataLength
        = quint32(std::min<qsizetype>(event.data.size(), std::numeric_limits<quint32>::max()));
    record.type = internType(event.type);
    record.latencyMs = latencyMs ? float(*latencyMs) : std::numeric_limits<float>::quiet_NaN();
    // Live events share one wall/steady relation per segment, so the delta is
    // 0; imported or merged captures may differ, and a delta beyond ±35 min
    // goes to a side table. The events of a read share their stamp: the two
    // divisions are done once per stamp.
    if (event.arrivalSteadyNs != m_lastStamp.steadyNs || event.arrivalWallNs != m_lastStamp.wallNs
        || !m_lastStamp.valid) {
        m_lastStamp.steadyNs = event.arrivalSteadyNs;
        m_lastStamp.wallNs = event.arrivalWallNs;
        m_lastStamp.valid = true;
        m_lastStamp.deltaUs = floorDiv(event.arrivalWallNs, 1000)
            - floorDiv(event.arrivalSteadyNs + segment.wallMinusSteadyNs, 1000);
    }
    const qint64 deltaUs = m_lastStamp.deltaUs;
    if (deltaUs >= std::numeric_limits<qint32>::min()
        && deltaUs <= std::numeric_limits<qint32>::max()) {
        record.wallDeltaUs = qint32(deltaUs);
    } else {
        record.flags |= EventSegment::kWallInSideTable;
        segment.wallOverflowUs.insert(
            quint32(segment.records.size()), floorDiv(event.arrivalWallNs, 1000));
    }
    segment.arena.append(event.data.first(record.dataLength));
    segment.records.push_back(record);
    m_bytes += segment.bytes() - before;
    ++m_size;
    const quint64 seq = m_firstSeq + quint64(m_size) - 1;
    if (m_size > m_limits.maxEvents || m_bytes > m_limits.maxBytes)
        enforceLimits();
    return seq;
}

void EventStore::enforceLimits()
{
    while (!m_segments.empty()) {
        const bool overEvents = m_size > m_limits.maxEvents;
        const bool overBytes = m_bytes > m_limits.maxBytes;
        // The newest segment goes only when it alone passes the byte cap: an
        // event cap that keeps one segment is still a cap, a byte cap is not.
        const bool mayDrop = m_segments.size() > 1 || overBytes;
        if (!(overEvents || overBytes) || !mayDrop)
            break;
        const EventSegment &oldest = *m_segments.front();
        const auto count = qint64(oldest.records.size());
        m_bytes -= oldest.bytes();
        m_size -= count;
        m_firstSeq += quint64(count);
        m_dropped += quint64(count);
        qCDebug(lcStore, "cap reached: dropped %lld events, %lld held in %lld bytes",
            static_cast<long long>(count), static_cast<long long>(m_size),
            static_cast<long long>(m_bytes));
        m_segments.pop_front();
        if (m_segments.empty())
            m_lastIsOpen = false;
    }
}

StoredEventView EventStore::at(qint64 row) const
{
    if (row < 0 || row >= m_size)
        return {};
    const quint64 seq = m_firstSeq + quint64(row);
    const EventSegment *segment = segmentOfSeq(m_segments, seq);
    return segment ? segment->read(size_t(seq - segment->firstSeq), m_types) : StoredEventView {};
}

qint64 EventStore::rowOfSeq(quint64 seq) const
{
    if (seq < m_firstSeq || seq > lastSeq() || m_size == 0)
        return -1;
    return qint64(seq - m_firstSeq);
}

void EventStore::setLimits(const EventStoreLimits &limits)
{
    assertOwner();
    m_limits = limits;
    m_sealBytes = sealBytesFor(limits);
    m_arenaReserve = std::min(m_arenaReserve, m_sealBytes);
    enforceLimits();
}

void EventStore::clear()
{
    assertOwner();
    // Cleared on purpose, so not counted as dropped; sequence numbers go on.
    m_firstSeq += quint64(m_size);
    m_size = 0;
    m_bytes = 0;
    m_segments.clear();
    m_lastIsOpen = false;
}

EventStoreSnapshot EventStore::snapshot() const
{
    assertOwner();
    EventStoreSnapshot out;
    out.m_segments.reserve(m_segments.size());
    for (size_t i = 0; i < m_segments.size(); ++i) {
        if (i + 1 == m_segments.size() && m_lastIsOpen)
            // The open segment is still written: the snapshot gets a copy,
            // bounded by one segment's size.
            out.m_segments.push_back(std::make_shared<const EventSegment>(*m_segments[i]));
        else
            out.m_segments.push_back(m_segments[i]);
    }
    out.m_types = m_types;
    out.m_streamNames = m_streamNames;
    out.m_firstSeq = m_firstSeq;
    out.m_size = m_size;
    out.m_dropped = m_dropped;
    return out;
}

void EventStore::setStreamName(StreamId stream, const QString &name)
{
    assertOwner();
    m_streamNames.insert(stream, name);
}

QString EventStore::streamName(StreamId stream) const
{
    return m_streamNames.value(stream, QString::number(stream));
}

} // namespace ssescope
