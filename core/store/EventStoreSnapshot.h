#pragma once

#include "core/store/EventSegment.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace ssescope {

// The store as it was when EventStore::snapshot() was called: immutable, and
// safe to read on a worker thread while the owner goes on appending and the
// cap goes on dropping, because it shares the sealed segments it needs
// (and a copy of the newest one). Export and whole-capture analysis use it.
class EventStoreSnapshot final
{
public:
    EventStoreSnapshot() = default;

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    StoredEventView at(qint64 row) const; // 0 = oldest; views valid while the snapshot lives
    quint64 firstSeq() const { return m_firstSeq; }
    quint64 droppedEvents() const { return m_dropped; } // by the store, up to the snapshot
    QString streamName(StreamId stream) const;
    const QHash<StreamId, QString> &streamNames() const { return m_streamNames; }
    QByteArray typeName(quint16 index) const { return m_types.value(index); }

private:
    friend class EventStore;

    std::vector<std::shared_ptr<const EventSegment>> m_segments;
    QList<QByteArray> m_types;
    QHash<StreamId, QString> m_streamNames;
    quint64 m_firstSeq = 1;
    qint64 m_size = 0;
    quint64 m_dropped = 0;
};

} // namespace ssescope
