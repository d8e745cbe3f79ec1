#include "EventSegment.h"

#include <cmath>

namespace ssescope {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

quint32 EventSegment::idIndexFor(StreamId stream, QByteArrayView id, const QByteArray *shared)
{
    LastId &recent = recentIds[stream & (recentIds.size() - 1)];
    std::optional<quint32> last;
    if (recent.valid && recent.stream == stream) {
        last = recent.index;
    } else if (!olderIds.isEmpty()) {
        const auto it = olderIds.constFind(stream);
        if (it != olderIds.constEnd())
            last = it.value();
    }
    if (last) {
        const IdSpan &span = ids[*last];
        // A shared array is recognised by its data pointer; else compare bytes.
        const bool same = (shared && span.shared
                              && sharedIds[span.at].constData() == shared->constData()
                              && sharedIds[span.at].size() == shared->size())
            || idAt(*last) == id;
        if (same) {
            if (!(recent.valid && recent.stream == stream)) {
                if (recent.valid)
                    olderIds.insert(recent.stream, recent.index);
                recent = LastId { stream, *last, true };
            }
            return *last;
        }
    }
    IdSpan span { 0, quint32(id.size()), id.size() > kInlineIdBytes };
    if (span.shared) {
        span.at = quint32(sharedIds.size());
        sharedIds.push_back(shared ? *shared : id.toByteArray());
        idBytes += id.size();
    } else {
        span.at = quint32(arena.size());
        arena.insert(arena.end(), id.begin(), id.end());
    }
    const auto index = quint32(ids.size());
    ids.push_back(span);
    if (recent.valid && recent.stream != stream)
        olderIds.insert(recent.stream, recent.index);
    recent = LastId { stream, index, true };
    return index;
}

StoredEvent EventSegment::read(size_t index, const QList<QByteArray> &types) const
{
    const Record &record = records[index];
    StoredEvent out;
    out.seq = firstSeq + index;
    out.stream = record.stream;
    out.streamSeq = record.streamSeq;
    out.id = idAt(record.idIndex);
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
        arena.shrink_to_fit();
    recentIds = {};
    olderIds = {};
}

} // namespace ssescope
