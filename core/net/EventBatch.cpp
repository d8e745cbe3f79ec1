#include "EventBatch.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace ssescope {

SseEventView EventBatch::event(qsizetype index) const
{
    const Record &record = m_records[size_t(index)];
    SseEventView view;
    view.stream = record.stream;
    view.seq = record.seq;
    view.id = m_texts[record.idIndex];
    view.type = m_texts[record.typeIndex];
    view.data = QByteArrayView(m_arena.data() + record.dataOffset, record.dataLength);
    view.arrivalSteadyNs = record.arrivalSteadyNs;
    view.arrivalWallNs = record.arrivalWallNs;
    view.chunkIndex = record.chunkIndex;
    view.wireBytes = record.wireBytes;
    return view;
}

std::optional<double> EventBatch::latencyMs(qsizetype index) const
{
    const float latency = m_records[size_t(index)].latencyMs;
    if (std::isnan(latency))
        return std::nullopt;
    return double(latency);
}

qint64 EventBatch::bytes() const
{
    return qint64(m_records.size() * sizeof(Record) + m_arena.size()) + m_textBytes
        + qint64(comments.size() * sizeof(SseComment));
}

quint32 EventBatch::textIndex(const QByteArray &text)
{
    // The last id and type are the usual hit; a shared array is recognised by
    // its data pointer, else by its bytes.
    for (const quint32 last : m_lastText) {
        if (last < m_texts.size()
            && (m_texts[last].constData() == text.constData() || m_texts[last] == text)
            && m_texts[last].size() == text.size())
            return last;
    }
    const auto found = m_textByData.constFind(text.constData());
    if (found != m_textByData.constEnd() && m_texts[found.value()].size() == text.size())
        return found.value();
    const auto index = quint32(m_texts.size());
    m_texts.push_back(text);
    m_textByData.insert(text.constData(), index);
    m_textBytes += text.size() + qint64(sizeof(QByteArray));
    return index;
}

void EventBatch::append(const SseEventView &event, const QByteArray &id, const QByteArray &type,
    std::optional<double> latencyMs)
{
    Record record;
    record.arrivalSteadyNs = event.arrivalSteadyNs;
    record.arrivalWallNs = event.arrivalWallNs;
    record.seq = event.seq;
    record.chunkIndex = event.chunkIndex;
    record.dataOffset = m_arena.size();
    record.stream = event.stream;
    record.dataLength = quint32(event.data.size()); // events are far below 4 GiB (parser limits)
    record.wireBytes = event.wireBytes;
    record.idIndex = m_lastText[0] = textIndex(id);
    record.typeIndex = m_lastText[1] = textIndex(type);
    record.latencyMs = latencyMs ? float(*latencyMs) : std::numeric_limits<float>::quiet_NaN();
    m_arena.insert(m_arena.end(), event.data.begin(), event.data.end());
    m_records.push_back(record);
}

void EventBatch::takeFrom(EventBatch &other)
{
    if (m_records.empty() && m_texts.empty() && comments.empty() && counters.isEmpty()) {
        // The common case: nothing pending yet. Swap, so that other keeps our
        // (empty) capacity and nothing is copied.
        std::swap(*this, other);
        return;
    }
    std::vector<quint32> remap(other.m_texts.size());
    for (size_t i = 0; i < other.m_texts.size(); ++i)
        remap[i] = textIndex(other.m_texts[i]);
    const quint64 base = m_arena.size();
    m_arena.insert(m_arena.end(), other.m_arena.begin(), other.m_arena.end());
    m_records.reserve(m_records.size() + other.m_records.size());
    for (Record record : other.m_records) {
        record.dataOffset += base;
        record.idIndex = remap[record.idIndex];
        record.typeIndex = remap[record.typeIndex];
        m_records.push_back(record);
    }
    comments.insert(comments.end(), std::make_move_iterator(other.comments.begin()),
        std::make_move_iterator(other.comments.end()));
    for (auto it = other.counters.cbegin(); it != other.counters.cend(); ++it)
        counters.insert(it.key(), it.value());
    other.clear();
}

void EventBatch::clear()
{
    m_records.clear();
    m_arena.clear();
    m_texts.clear();
    m_textByData.clear();
    m_textBytes = 0;
    m_lastText[0] = m_lastText[1] = 0;
    comments.clear();
    counters.clear();
}

} // namespace ssescope
