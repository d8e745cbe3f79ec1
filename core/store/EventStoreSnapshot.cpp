#include "EventStoreSnapshot.h"

namespace ssescope {

StoredEventView EventStoreSnapshot::at(qint64 row) const
{
    if (row < 0 || row >= m_size)
        return {};
    const quint64 seq = m_firstSeq + quint64(row);
    const EventSegment *segment = segmentOfSeq(m_segments, seq);
    return segment ? segment->read(size_t(seq - segment->firstSeq), m_types) : StoredEventView {};
}

QString EventStoreSnapshot::streamName(StreamId stream) const
{
    return m_streamNames.value(stream, QString::number(stream));
}

} // namespace ssescope
