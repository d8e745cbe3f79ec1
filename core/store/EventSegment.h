#pragma once

#include "core/sse/SseEvent.h"
#include "core/common/ByteBuffer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace ssescope {

// A stored event as consumers read it: views into the store's arenas, valid
// until the next append() or clear() (from a snapshot: while it lives); copy
// what must outlive that.
struct StoredEventView
{
    quint64 seq = 0; // stable, store-wide, from 1 (the per-stream number is streamSeq everywhere)
    StreamId stream = 0;
    quint32 streamSeq = 0;
    QByteArrayView id;
    QByteArrayView type;
    QByteArrayView data;
    qint64 arrivalSteadyNs = 0;
    qint64 arrivalWallNs = 0;
    quint32 chunkIndex = 0;
    quint32 wireBytes = 0;
    std::optional<double> latencyMs;
};
// Wall times are kept to the microsecond, the precision captures are written in.

// Up to EventStore::kSegmentEvents events: a 48-byte record each, their data
// in one arena, and each stream's last event ID once per change (it
// persists across events, so copying it per event multiplied a long id by
// the event count). Written by the store's owner while it is the
// newest segment; immutable once sealed, and then shared with snapshots.
struct EventSegment
{
    struct Record
    {
        StreamId stream;
        quint32 streamSeq;
        qint64 arrivalSteadyNs;
        quint32 chunkIndex;
        quint32 wireBytes;
        quint32 dataOffset; // in the arena; segments are sealed by bytes, so it fits
        quint32 dataLength;
        quint32 idAt; // offset in the arena, or index in sharedIds (kSharedId)
        quint16 type;
        quint8 idLength; // of an id in the arena: those are at most kInlineIdBytes
        quint8 flags;
        float latencyMs; // NaN when the event has no latency
        qint32 wallDeltaUs; // wall time, in µs, relative to steady time + the segment's offset
    };
    static_assert(sizeof(Record) == 48, "keep the record small");
    static constexpr quint8 kWallInSideTable = 1;
    static constexpr quint8 kSharedId = 2;

    // Where an event's id is: short ones in the arena, long ones shared with
    // the batches they came in (not copied). Held in the record itself, so an
    // id that changes with every event costs its bytes and nothing more.
    struct IdRef
    {
        quint32 at = 0;
        quint8 length = 0;
        bool shared = false;
    };
    static constexpr qsizetype kInlineIdBytes = 64;
    static_assert(kInlineIdBytes <= 255, "an inline id's length is a quint8");

    std::vector<Record> records;
    ByteBuffer arena { 0 };
    std::vector<QByteArray> sharedIds;
    qint64 idBytes = 0;
    quint64 firstSeq = 0; // store-wide sequence number of records[0]
    qint64 wallMinusSteadyNs = 0; // one clock relation per segment instead of 8 bytes per event
    QHash<quint32, qint64> wallOverflowUs; // by index in the segment
    // Appending only: the id each stream used last in this segment; a small
    // direct-mapped table for interleaved streams, a hash behind it.
    struct LastId
    {
        StreamId stream = 0;
        IdRef id;
        bool valid = false;
    };
    std::array<LastId, 16> recentIds {};
    QHash<StreamId, IdRef> olderIds;

    qint64 bytes() const
    {
        return qint64(
                   records.capacity() * sizeof(Record) + sharedIds.capacity() * sizeof(QByteArray))
            + arena.capacity() + idBytes;
    }
    quint64 endSeq() const { return firstSeq + records.size(); }

    // The id to record for the stream's next event: the last one when
    // unchanged, else a new copy (or share) of it.
    IdRef idFor(StreamId stream, QByteArrayView id, const QByteArray *shared);
    QByteArrayView idOf(const Record &record) const
    {
        return (record.flags & kSharedId)
            ? QByteArrayView(sharedIds[record.idAt])
            : QByteArrayView(arena.data() + record.idAt, record.idLength);
    }
    StoredEventView read(size_t index, const QList<QByteArray> &types) const;
    // Gives back spare capacity when sealing a segment that ended early.
    void shrink();
};

// The segment holding seq among segments ordered by firstSeq, or null.
template<typename Segments> const EventSegment *segmentOfSeq(const Segments &segments, quint64 seq)
{
    auto it = std::upper_bound(segments.begin(), segments.end(), seq,
        [](quint64 s, const auto &segment) { return s < segment->firstSeq; });
    if (it == segments.begin())
        return nullptr;
    const EventSegment *segment = &**(it - 1);
    return seq < segment->endSeq() ? segment : nullptr;
}

} // namespace ssescope
