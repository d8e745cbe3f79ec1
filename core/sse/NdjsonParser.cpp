#include "NdjsonParser.h"

#include "core/sse/Utf8.h"

#include <cstring>

namespace ssescope {

namespace {

bool isBlank(QByteArrayView line) noexcept
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

} // namespace

NdjsonParser::NdjsonParser(
    StreamId stream, SseParserSink *sink, SseParserLimits limits, EventDelivery delivery)
    : m_stream(stream)
    , m_sink(sink)
    , m_limits(limits)
    , m_delivery(delivery)
    , m_defaultType(SseParser::defaultEventType())
{ }

void NdjsonParser::resetConnection()
{
    m_line.clear();
    m_skippingLine = false;
    m_firstLine = true;
}

void NdjsonParser::feed(QByteArrayView chunk, const ChunkStamp &stamp)
{
    const char *p = chunk.data();
    const char *end = p + chunk.size();
    while (p < end) {
        const void *found = std::memchr(p, '\n', size_t(end - p));
        if (!found) {
            appendPartial(QByteArrayView(p, end - p));
            return;
        }
        const char *lf = static_cast<const char *>(found);
        QByteArrayView line(p, lf - p);
        p = lf + 1;
        if (m_skippingLine) { // the end of a line too long to keep
            m_skippingLine = false;
            continue;
        }
        if (!m_line.isEmpty()) {
            const qsizetype total = m_line.size() + line.size();
            if (total > m_limits.maxLineBytes) {
                m_sink->handleParseError(SseParseError::LineTooLong, total);
                m_line = QByteArray();
                continue;
            }
            m_line.append(line);
            completeLine(m_line, 1, stamp);
            m_line.resize(0); // keeps the capacity for the next long line
            continue;
        }
        if (line.size() > m_limits.maxLineBytes) {
            m_sink->handleParseError(SseParseError::LineTooLong, line.size());
            continue;
        }
        completeLine(line, 1, stamp);
    }
}

void NdjsonParser::finish(const ChunkStamp &stamp)
{
    m_skippingLine = false;
    if (m_line.isEmpty())
        return;
    completeLine(m_line, 0, stamp);
    m_line.clear();
}

void NdjsonParser::appendPartial(QByteArrayView bytes)
{
    if (m_skippingLine)
        return;
    const qsizetype total = m_line.size() + bytes.size();
    if (total > m_limits.maxLineBytes) {
        m_sink->handleParseError(SseParseError::LineTooLong, total);
        m_line = QByteArray();
        m_skippingLine = true;
        return;
    }
    m_line.append(bytes);
}

void NdjsonParser::completeLine(QByteArrayView line, int terminatorLength, const ChunkStamp &stamp)
{
    quint64 wireBytes = quint64(line.size() + terminatorLength);
    if (m_firstLine) {
        m_firstLine = false;
        if (line.startsWith("\xEF\xBB\xBF")) {
            line = line.sliced(3);
            wireBytes -= 3;
        }
    }
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty() || isBlank(line))
        return;
    dispatch(line, wireBytes, stamp);
}

void NdjsonParser::dispatch(QByteArrayView line, quint64 wireBytes, const ChunkStamp &stamp)
{
    QByteArrayView data = line;
    if (Q_UNLIKELY(!utf8::isAscii(line))) {
        m_repaired = utf8::sanitized(line);
        data = m_repaired;
    }
    if (m_delivery == EventDelivery::Views) {
        const SseEventView event { m_stream, ++m_seq, QByteArrayView(), m_defaultType, data,
            stamp.steadyNs, stamp.wallNs, stamp.chunkIndex, wireBytes };
        m_sink->handleEventView(event);
        return;
    }
    SseEvent event;
    event.stream = m_stream;
    event.streamSeq = ++m_seq;
    event.type = SseParser::defaultEventType();
    event.data = data.toByteArray();
    event.arrivalSteadyNs = stamp.steadyNs;
    event.arrivalWallNs = stamp.wallNs;
    event.chunkIndex = stamp.chunkIndex;
    event.wireBytes = wireBytes;
    m_sink->handleEvent(std::move(event));
}

} // namespace ssescope
