#include "EventSegment.h"

#include "core/common/ByteBuffer.h"

#include <cmath>

namespace ssescope {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

EventSegment::IdRef EventSegment::idFor(
    StreamId stream, QByteArrayView id, const QByteArray *shared)
{
    LastId &recent = recentIds[stream & (recentIds.size() - 1)];
    const IdRef *last = nullptr;
    if (recent.valid && recent.stream == stream) {
        last = &recent.id;
    } else if (!olderIds.isEmpty()) {
        const auto it = olderIds.constFind(stream);
        if (it != olderIds.constEnd())
            last = &it.value();
    }
    if (last) {
        // A shared array is recognised by its data pointer; else compare bytes.
        const bool same = last->shared
            ? (shared && sharedIds[last->at].constData() == shared->constData()
                  && sharedIds[last->at].size() == shared->size())
                || QByteArrayView(sharedIds[last->at]) == id
            : sameBytes(QByteArrayView(arena.data() + last->at, last->length), id);
        if (same) {
            const IdRef found = *last;
            if (!(recent.valid && recent.stream == stream)) {
                if (recent.valid)
                    olderIds.insert(recent.stream, recent.id);
                recent = LastId { stream, found, true };
            }
            return found;
        }
    }
    IdRef ref;
    if (id.size() > kInlineIdBytes) {
        ref.shared = true;
        ref.at = quint32(sharedIds.size());
        sharedIds.push_back(shared ? *shared : id.toByteArray());
        idBytes += id.size();
    } else {
        ref.at = quint32(arena.size());
        ref.length = quint8(id.size());
        arena.append(id);
    }
    if (recent.valid && recent.stream != stream)
        olderIds.insert(recent.stream, recent.id);
    recent = LastId { stream, ref, true };
    return ref;
}

StoredEventView EventSegment::read(size_t index, const QList<QByteArray> &types) const
{
    const Record &record = records[index];
    StoredEventView out;
    out.seq = firstSeq + index;
    out.stream = record.stream;
    out.streamSeq = record.streamSeq;
    out.id = idOf(record);
    out.data = QByteArrayView(arena.data() + record.dataOffset, record.dataLength);
    out.type = types.at(record.type);
    out.arrivalSteadyNs = record.arrivalSteadyNs;
    const qint64 wallUs = (record.flags & kWallInSideTable)
        ? wallOverflowUs.value(quint32(index))
        : floorDiv(record.arrivalSteadyNs + wallMinusSteadyNs, 1000) + record.wallDeltaUs;
    out.arrivalWallNs = wallUs * 1000;
    out.chunkIndex = record.chunkIndex;
    out.wireBytes = record.wireBytes;
    if (!std::isnan(record.latencyMs))
        out.latencyMs = double(record.latencyMs);
    return out;
}

void EventSegment::shrink()
{
    if (records.capacity() > records.size() + records.size() / 4)
        records.shrink_to_fit();
    if (arena.capacity() > arena.size() + arena.size() / 4)
        arena.shrinkToFit();
    recentIds = {};
    olderIds = {};
}

} // namespace ssescope
