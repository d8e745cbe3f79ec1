#pragma once

#include "sse/SseEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <cmath>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace ssescope {

// A stored event as consumers read it: views into the store's arenas, valid
// until the next append() or clear(); copy what must outlive that.
struct StoredEvent
{
    quint64 seq = 0; // stable, store-wide, from 1
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

struct EventStoreLimits
{
    qint64 maxEvents = 5'000'000;
    qint64 maxBytes = 1024LL * 1024 * 1024;
};

// Append-only capture shared read-only by the table, charts, export and the
// CLI. Events live in fixed-count segments: a 48-byte record each plus their
// id and data bytes in the segment's arena, so row -> event is O(1). When a
// cap is passed, the oldest whole segments go, and every event in them is
// counted in droppedEvents(): nothing is dropped silently.
class EventStore final
{
public:
    static constexpr quint32 kSegmentEvents = 16384;

    explicit EventStore(EventStoreLimits limits = {});
    ~EventStore();
    Q_DISABLE_COPY_MOVE(EventStore)

    // Returns the stored event's sequence number.
    quint64 append(const SseEvent &event, std::optional<double> latencyMs = std::nullopt);

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    StoredEvent at(qint64 row) const; // 0 = oldest retained
    qint64 rowOfSeq(quint64 seq) const; // -1 if dropped or unknown
    quint64 firstSeq() const { return m_firstSeq; }
    quint64 lastSeq() const { return m_firstSeq + quint64(m_size) - 1; }
    quint64 droppedEvents() const { return m_dropped; }
    qint64 bytesUsed() const { return m_bytes; }
    const EventStoreLimits &limits() const { return m_limits; }
    void setLimits(const EventStoreLimits &limits);
    void clear();

    // Names of streams, for display and export ("stream" in a capture).
    void setStreamName(StreamId stream, const QString &name);
    QString streamName(StreamId stream) const;
    const QHash<StreamId, QString> &streamNames() const { return m_streamNames; }

    QByteArray typeName(quint16 index) const { return m_types.value(index); }

private:
    struct Record;
    struct Segment;

    quint16 internType(const QByteArray &type);
    void enforceLimits();

    EventStoreLimits m_limits;
    std::deque<std::unique_ptr<Segment>> m_segments;
    QList<QByteArray> m_types;
    QHash<QByteArray, quint16> m_typeIndex;
    QHash<StreamId, QString> m_streamNames;
    quint64 m_firstSeq = 1; // of the oldest retained event
    qint64 m_size = 0;
    qint64 m_bytes = 0;
    quint64 m_dropped = 0;
};

} // namespace ssescope
