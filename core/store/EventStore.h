#pragma once

#include "core/store/EventSegment.h"
#include "core/store/EventStoreSnapshot.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <deque>
#include <memory>
#include <optional>

class QThread;

namespace ssescope {

struct EventStoreLimits
{
    qint64 maxEvents = 5'000'000;
    qint64 maxBytes = 1024LL * 1024 * 1024;
};

// Append-only capture, owned by one thread (asserted): the table, charts and
// the CLI read it there; workers read a snapshot(). Events live in segments of
// at most kSegmentEvents, sealed early when their arena passes a byte size, so
// the byte cap holds whatever the events' size. When a cap is passed the
// oldest whole segments go (the newest too, when it alone passes the byte
// cap), and every event in them is counted in droppedEvents(): nothing is
// dropped silently.
class EventStore final
{
public:
    static constexpr quint32 kSegmentEvents = 16384;

    explicit EventStore(EventStoreLimits limits = {});
    ~EventStore();
    Q_DISABLE_COPY_MOVE(EventStore)

    // Each returns the stored event's sequence number.
    quint64 append(const SseEvent &event, std::optional<double> latencyMs = std::nullopt);
    // sharedId, when given, holds the same bytes as event.id and is kept by
    // reference count instead of being copied when the id changes.
    quint64 append(const SseEventView &event, std::optional<double> latencyMs,
        const QByteArray *sharedId = nullptr);

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    StoredEventView at(qint64 row) const; // 0 = oldest retained
    qint64 rowOfSeq(quint64 seq) const; // -1 if dropped or unknown
    quint64 firstSeq() const { return m_firstSeq; }
    quint64 lastSeq() const { return m_firstSeq + quint64(m_size) - 1; }
    quint64 droppedEvents() const { return m_dropped; }
    qint64 bytesUsed() const { return m_bytes; }
    const EventStoreLimits &limits() const { return m_limits; }
    void setLimits(const EventStoreLimits &limits);
    void clear();

    // An immutable view of everything stored now, for another thread.
    EventStoreSnapshot snapshot() const;

    // Names of streams, for display and export ("stream" in a capture).
    void setStreamName(StreamId stream, const QString &name);
    QString streamName(StreamId stream) const;
    const QHash<StreamId, QString> &streamNames() const { return m_streamNames; }

    QByteArray typeName(quint16 index) const { return m_types.value(index); }

private:
    quint16 internType(QByteArrayView type);
    EventSegment &segmentFor(const SseEventView &event);
    void seal();
    void enforceLimits();
    void assertOwner() const;

    EventStoreLimits m_limits;
    qint64 m_sealBytes = 0; // an arena this full is sealed
    qint64 m_arenaReserve; // what the next segment's arena starts with
    // Sealed segments are never written again; only the last may be open.
    std::deque<std::shared_ptr<EventSegment>> m_segments;
    bool m_lastIsOpen = false;
    QList<QByteArray> m_types;
    QHash<QByteArray, quint16> m_typeIndex;
    quint16 m_lastType = 0;
    QByteArrayView m_lastTypeView; // of m_types[m_lastType]
    struct LastStamp
    {
        qint64 steadyNs = 0;
        qint64 wallNs = 0;
        qint64 deltaUs = 0; // wall relative to the open segment's clock relation
        bool valid = false;
    };
    LastStamp m_lastStamp;
    QHash<StreamId, QString> m_streamNames;
    quint64 m_firstSeq = 1; // of the oldest retained event
    qint64 m_size = 0;
    qint64 m_bytes = 0;
    quint64 m_dropped = 0;
    QThread *m_owner;
};

} // namespace ssescope
