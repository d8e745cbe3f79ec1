#include "EventBatch.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace ssescope {

const EventBatch::Part &EventBatch::partOf(qsizetype &index) const
{
    size_t part = 0;
    if (m_parts.size() > 1) {
        const auto it = std::upper_bound(m_partStart.begin(), m_partStart.end(), index);
        part = size_t(it - m_partStart.begin()) - 1;
    }
    index -= m_partStart[part];
    return m_parts[part];
}

SseEventView EventBatch::viewOf(const Part &part, const Record &record)
{
    SseEventView view;
    view.stream = record.stream;
    view.streamSeq = record.streamSeq;
    view.id = record.idText == kInline
        ? QByteArrayView(part.arena.data() + record.idOffset, record.idLength)
        : QByteArrayView(part.texts[record.idText]);
    view.type = part.texts[record.typeIndex];
    view.data = QByteArrayView(part.arena.data() + record.dataOffset, record.dataLength);
    view.arrivalSteadyNs = record.arrivalSteadyNs;
    view.arrivalWallNs = record.arrivalWallNs;
    view.chunkIndex = record.chunkIndex;
    view.idOrigin = IdOrigin(record.idOrigin);
    view.wireBytes = record.wireBytes;
    return view;
}

std::optional<double> EventBatch::latencyOf(const Record &record)
{
    if (std::isnan(record.latencyMs))
        return std::nullopt;
    return double(record.latencyMs);
}

SseEventView EventBatch::event(qsizetype index) const
{
    const Part &part = partOf(index);
    return viewOf(part, part.records[size_t(index)]);
}

std::optional<double> EventBatch::latencyMs(qsizetype index) const
{
    const Part &part = partOf(index);
    return latencyOf(part.records[size_t(index)]);
}

const QByteArray *EventBatch::sharedId(qsizetype index) const
{
    const Part &part = partOf(index);
    const Record &record = part.records[size_t(index)];
    return record.idText == kInline ? nullptr : &part.texts[record.idText];
}

qint64 EventBatch::bytes() const
{
    qint64 total = qint64(comments.size() * sizeof(SseComment));
    for (const Part &part : m_parts)
        total += qint64(sizeof(Part) + part.records.capacity() * sizeof(Record)
                     + size_t(part.arena.capacity()) + part.texts.capacity() * sizeof(QByteArray))
            + part.textBytes;
    return total;
}

quint32 EventBatch::textIndex(Part &part, const QByteArray &text, int slot)
{
    // The usual hit: the same array as the last time, recognised by its data.
    const quint32 last = part.lastText[slot];
    if (Q_LIKELY(last < part.texts.size()) && part.texts[last].constData() == text.constData()
        && part.texts[last].size() == text.size())
        return last;
    return findText(part, text, slot);
}

quint32 EventBatch::findText(Part &part, const QByteArray &text, int slot)
{
    for (size_t i = 0; i < part.texts.size(); ++i) { // few: types and long ids that changed
        if (part.texts[i].constData() == text.constData() && part.texts[i].size() == text.size())
            return part.lastText[slot] = quint32(i);
    }
    const auto index = quint32(part.texts.size());
    part.texts.push_back(text);
    part.textBytes += text.size();
    return part.lastText[slot] = index;
}

void EventBatch::append(
    const SseEventView &event, SharedTexts &texts, std::optional<double> latencyMs)
{
    if (m_parts.empty()) {
        m_parts.emplace_back();
        m_partStart.push_back(m_count);
        // As much as the publisher's last part held: no regrowth per read for
        // a steady stream, little waste for a slow one.
        m_parts.back().records.reserve(m_reserveRecords);
        m_parts.back().arena.reserve(qsizetype(m_reserveArena));
    }
    Part &part = m_parts.back();
    if (!sameBytes(texts.type, event.type))
        texts.type = event.type.toByteArray();
    const quint32 typeIndex = textIndex(part, texts.type, 1);
    quint32 idText = kInline;
    quint64 idOffset = 0;
    bool copyId = false;
    if (event.id.size() <= kInlineIdBytes) {
        const Record *previous = part.records.empty() ? nullptr : &part.records.back();
        if (previous && previous->stream == event.stream && previous->idText == kInline
            && sameBytes(QByteArrayView(part.arena.data() + previous->idOffset, previous->idLength),
                event.id)) {
            idOffset = previous->idOffset; // unchanged: one copy per change
        } else {
            idOffset = quint64(part.arena.size());
            copyId = true;
        }
    } else {
        if (!sameBytes(texts.id, event.id))
            texts.id = event.id.toByteArray();
        idText = textIndex(part, texts.id, 0);
    }
    // The id, when it changed, and the data go into the arena in one step.
    const qsizetype idBytes = copyId ? event.id.size() : 0;
    char *at = part.arena.reserve(idBytes + event.data.size());
    copyBytes(at, event.id.data(), idBytes);
    copyBytes(at + idBytes, event.data.data(), event.data.size());
    const auto dataOffset = quint64(part.arena.size() + idBytes);
    part.arena.commit(idBytes + event.data.size());

    // Written in place, member by member: a record built aside and then
    // copied in was read back before its stores had landed.
    Record &record = part.records.emplace_back();
    record.arrivalSteadyNs = event.arrivalSteadyNs;
    record.arrivalWallNs = event.arrivalWallNs;
    record.streamSeq = event.streamSeq;
    record.chunkIndex = event.chunkIndex;
    record.dataOffset = dataOffset;
    record.idOffset = idOffset;
    record.stream = event.stream;
    record.dataLength = quint32(event.data.size()); // events are far below 4 GiB (parser limits)
    record.wireBytes = quint32(event.wireBytes);
    record.idLength = quint32(event.id.size());
    record.idText = idText;
    record.typeIndex = typeIndex;
    record.latencyMs = latencyMs ? float(*latencyMs) : std::numeric_limits<float>::quiet_NaN();
    record.idOrigin = quint32(event.idOrigin);
    ++m_count;
}

void EventBatch::takeFrom(EventBatch &other)
{
    for (Part &part : other.m_parts) {
        if (part.records.empty())
            continue;
        if (!m_parts.empty()) {
            // A long id that persists across parts is one shared array:
            // count its bytes once.
            for (const QByteArray &text : part.texts) {
                for (const QByteArray &known : m_parts.back().texts) {
                    if (known.constData() == text.constData() && known.size() == text.size()) {
                        part.textBytes -= text.size();
                        break;
                    }
                }
            }
        }
        m_partStart.push_back(m_count);
        m_count += qsizetype(part.records.size());
        // With an eighth more: reads of a steady stream vary a little, and
        // one event past the reserve would copy the whole part to regrow it.
        other.m_reserveRecords = part.records.size() + part.records.size() / 8;
        other.m_reserveArena = size_t(part.arena.size() + part.arena.size() / 8);
        m_parts.push_back(std::move(part));
    }
    comments.insert(comments.end(), std::make_move_iterator(other.comments.begin()),
        std::make_move_iterator(other.comments.end()));
    for (auto it = other.counters.cbegin(); it != other.counters.cend(); ++it)
        counters.insert(it.key(), it.value());
    other.clear();
}

void EventBatch::clear()
{
    m_parts.clear();
    m_partStart.clear();
    m_count = 0;
    comments.clear();
    counters.clear();
}

} // namespace ssescope
