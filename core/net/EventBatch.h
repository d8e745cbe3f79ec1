#pragma once

#include "net/SubscriptionStatus.h"
#include "sse/SseEvent.h"

#include <QByteArray>
#include <QHash>

#include <optional>
#include <vector>

namespace ssescope {

// Events on their way from the network thread to the owner, flat: one
// fixed-size record per event and one arena for all data bytes, so a batch
// costs a few allocations however many events it holds (the owned path used
// to allocate per field of every event). Ids and types are byte arrays shared
// with the subscription, one per change: a long last event ID that persists
// across events is held once, not once per event (issue 6, item 12).
class EventBatch final
{
public:
    EventBatch() = default;
    EventBatch(EventBatch &&) noexcept = default;
    EventBatch &operator=(EventBatch &&) noexcept = default;
    Q_DISABLE_COPY(EventBatch)

    qsizetype eventCount() const { return qsizetype(m_records.size()); }
    bool isEmpty() const { return m_records.empty() && comments.empty() && counters.isEmpty(); }
    // Views into this batch, valid while it lives.
    SseEventView event(qsizetype index) const;
    std::optional<double> latencyMs(qsizetype index) const;
    // The shared arrays behind event(index).id and .type, for keepers that
    // share rather than copy them (the store).
    const QByteArray &sharedId(qsizetype index) const { return m_texts[m_records[size_t(index)].idIndex]; }
    const QByteArray &sharedType(qsizetype index) const
    {
        return m_texts[m_records[size_t(index)].typeIndex];
    }
    // Memory held: records, data arena, and each distinct id and type once.
    qint64 bytes() const;

    // Building, on the network thread. id and type are arrays the caller
    // shares across events while they stay the same.
    void append(const SseEventView &event, const QByteArray &id, const QByteArray &type,
        std::optional<double> latencyMs);
    // Appends other's events, comments and counters; other is left empty,
    // with its capacity, ready for reuse.
    void takeFrom(EventBatch &other);
    void clear();

    std::vector<SseComment> comments;
    QHash<StreamId, SubscriptionCounters> counters; // latest, for streams that changed

private:
    struct Record
    {
        qint64 arrivalSteadyNs;
        qint64 arrivalWallNs;
        quint64 seq;
        quint64 chunkIndex;
        quint64 dataOffset;
        StreamId stream;
        quint32 dataLength;
        quint32 wireBytes;
        quint32 idIndex;
        quint32 typeIndex;
        float latencyMs; // NaN when the event has none
    };
    static_assert(sizeof(Record) == 64, "keep the record small");

    quint32 textIndex(const QByteArray &text);

    std::vector<Record> m_records;
    std::vector<char> m_arena;
    std::vector<QByteArray> m_texts; // ids and types, each distinct array once
    QHash<const char *, quint32> m_textByData; // shared arrays are recognised by their data
    qint64 m_textBytes = 0;
    quint32 m_lastText[2] = { 0, 0 }; // the last id's and type's index: the usual hit
};

} // namespace ssescope
