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
    std::optional<quint32> last;
    if (hasLast && stream == lastStream) {
        last = lastIdIndex;
    } else {
        const auto it = lastIdOfStream.constFind(stream);
        if (it != lastIdOfStream.constEnd())
            last = it.value();
    }
    if (last) {
        const QByteArray &known = ids[*last];
        // A shared array is recognised by its data pointer; else compare bytes.
        if ((shared && known.constData() == shared->constData() && known.size() == shared->size())
            || QByteArrayView(known) == id) {
            lastStream = stream;
            lastIdIndex = *last;
            hasLast = true;
            return *last;
        }
    }
    const auto index = quint32(ids.size());
    ids.push_back(shared ? *shared : id.toByteArray());
    idBytes += id.size();
    lastIdOfStream.insert(stream, index);
    lastStream = stream;
    lastIdIndex = index;
    hasLast = true;
    return index;
}

StoredEvent EventSegment::read(size_t index, const QList<QByteArray> &types) const
{
    const Record &record = records[index];
    StoredEvent out;
    out.seq = firstSeq + index;
    out.stream = record.stream;
    out.streamSeq = record.streamSeq;
    out.id = ids[record.idIndex];
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
    lastIdOfStream = {};
}

} // namespace ssescope
