#pragma once

#include "core/common/ByteBuffer.h"
#include "core/net/SubscriptionStatus.h"
#include "core/sse/SseEvent.h"

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
// across events is held once, not once per event.
class EventBatch final
{
public:
    // Ids up to this long are copied into the arena when they change; longer
    // ones are shared arrays, so a long id that persists is never copied.
    static constexpr qsizetype kInlineIdBytes = 64;

    // What a publisher keeps from batch to batch: the arrays its events share
    // while a long id, or the type, stays the same.
    struct SharedTexts
    {
        QByteArray id;
        QByteArray type;
    };

    EventBatch() = default;
    EventBatch(EventBatch &&) noexcept = default;
    EventBatch &operator=(EventBatch &&) noexcept = default;
    Q_DISABLE_COPY(EventBatch)

    qsizetype eventCount() const { return m_count; }
    bool isEmpty() const { return m_count == 0 && comments.empty() && counters.isEmpty(); }
    // Views into this batch, valid while it lives.
    SseEventView event(qsizetype index) const;
    std::optional<double> latencyMs(qsizetype index) const;
    // The shared array behind a long event(index).id, else null: keepers
    // (the store) share it rather than copy it.
    const QByteArray *sharedId(qsizetype index) const;
    // Calls f(view, latencyMs, sharedId) for every event in order: the fast
    // way through a batch, with no lookup per event.
    template<typename F> void forEachEvent(F &&f) const
    {
        for (const Part &part : m_parts) {
            for (const Record &record : part.records)
                f(viewOf(part, record), latencyOf(record),
                    record.idText == kInline ? nullptr : &part.texts[record.idText]);
        }
    }
    // Memory held: records, arena, and each distinct shared array once.
    qint64 bytes() const;

    // Building, on the network thread.
    void append(const SseEventView &event, SharedTexts &texts, std::optional<double> latencyMs);
    // Appends other's events, comments and counters; other is left empty,
    // ready for reuse.
    void takeFrom(EventBatch &other);
    void clear();

    std::vector<SseComment> comments;
    QHash<StreamId, SubscriptionCounters> counters; // latest, for streams that changed

private:
    static constexpr quint32 kInline = 0xffffffffu;
    struct Record
    {
        qint64 arrivalSteadyNs;
        qint64 arrivalWallNs;
        quint64 streamSeq;
        quint64 chunkIndex;
        quint64 dataOffset;
        quint64 idOffset; // in the arena, for an inline id
        StreamId stream;
        quint32 dataLength;
        quint32 wireBytes;
        quint32 idLength;
        quint32 idText; // index in m_texts, or kInline
        quint32 typeIndex; // index in m_texts
        float latencyMs; // NaN when the event has none
        quint32 idOrigin; // an IdOrigin

        // Left unset: append() writes every member, in place.
        Record() { } // NOLINT(modernize-use-equals-default): "= default" would zero-fill
    };
    static_assert(sizeof(Record) == 80, "keep the record small");

    // What one publisher wrote in one go. Handing over moves parts, never
    // copies events.
    struct Part
    {
        std::vector<Record> records;
        ByteBuffer arena { 0 }; // reserved by append() from the last part's size
        std::vector<QByteArray> texts; // types and long ids, each distinct array once
        qint64 textBytes = 0; // of texts not already counted in the part before
        quint32 lastText[2] = { 0, 0 }; // the last long id's and type's index: the usual hit
    };

    static inline quint32 textIndex(Part &part, const QByteArray &text, int slot);
    static quint32 findText(Part &part, const QByteArray &text, int slot);
    static SseEventView viewOf(const Part &part, const Record &record);
    static std::optional<double> latencyOf(const Record &record);
    const Part &partOf(qsizetype &index) const;

    std::vector<Part> m_parts; // append() writes the last
    std::vector<qsizetype> m_partStart; // index of each part's first event
    qsizetype m_count = 0;
    size_t m_reserveRecords = 256; // what the last part built held, to reserve the next
    size_t m_reserveArena = 16 * 1024;
};

} // namespace ssescope
