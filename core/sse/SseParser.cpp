#include "SseParser.h"

#include "sse/Utf8.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace ssescope {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

bool isAsciiDigits(QByteArrayView value) noexcept
{
    if (value.isEmpty())
        return false;
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

qint64 parseRetry(QByteArrayView digits) noexcept
{
    constexpr qint64 cap = std::numeric_limits<qint32>::max();
    qint64 value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
        if (value > cap)
            return cap;
    }
    return value;
}

template<size_t N> bool equals(QByteArrayView view, const char (&literal)[N]) noexcept
{
    return view.size() == qsizetype(N - 1) && std::memcmp(view.data(), literal, N - 1) == 0;
}

bool equals(QByteArrayView a, QByteArrayView b) noexcept
{
    return a.size() == b.size()
        && (a.isEmpty() || std::memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

const char *findByte(const char *p, const char *end, char byte) noexcept
{
    const void *hit = std::memchr(p, byte, static_cast<size_t>(end - p));
    return hit ? static_cast<const char *>(hit) : end;
}

} // namespace

SseParser::SseParser(
    StreamId stream, SseParserSink *sink, SseParserLimits limits, EventDelivery delivery)
    : m_stream(stream)
    , m_sink(sink)
    , m_limits(limits)
    , m_delivery(delivery)
{ }

const QByteArray &SseParser::defaultEventType()
{
    static const QByteArray type("message");
    return type;
}

void SseParser::setLastEventId(const QByteArray &id)
{
    m_lastId.assign(id);
    m_idBuffer.assign(id);
}

void SseParser::resetConnection()
{
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_idBuffer.assign(m_lastId.view());
    m_wireBytes = 0;
    m_pendingLfCounts = false;
    m_lastLineEndCrlf = false;
    m_bomMatched = 0;
    m_bomChecked = false;
    m_hasData = false;
    m_pendingCR = false;
    m_skippingLine = false;
    m_skippingEvent = false;
}

void SseParser::feed(QByteArrayView chunk, const ChunkStamp &stamp)
{
    const char *p = chunk.data();
    const char *end = p + chunk.size();

    // Exactly one leading BOM is skipped, even when it arrives byte by byte.
    while (!m_bomChecked && p < end) {
        if (*p == kBom[m_bomMatched]) {
            ++p;
            if (++m_bomMatched == 3)
                m_bomChecked = true;
            continue;
        }
        m_bomChecked = true;
        if (m_bomMatched > 0) // a BOM prefix that was content after all
            feedBody(kBom, kBom + m_bomMatched, stamp);
    }
    if (!m_bomChecked)
        return;

    if (m_pendingCR && p < end) {
        m_pendingCR = false;
        m_lastLineEndCrlf = *p == '\n';
        if (m_lastLineEndCrlf) {
            ++p;
            if (m_pendingLfCounts)
                ++m_wireBytes;
        }
        m_pendingLfCounts = false;
    }
    feedBody(p, end, stamp);
}

void SseParser::feedBody(const char *p, const char *end, const ChunkStamp &stamp)
{
    // The next CR and LF are searched once each with memchr and reused until
    // passed, so every byte is scanned a bounded number of times.
    const char *nextLF = nullptr;
    const char *nextCR = nullptr;
    while (p < end) {
        if (!nextLF || nextLF < p)
            nextLF = findByte(p, end, '\n');
        if (!nextCR || nextCR < p)
            nextCR = findByte(p, end, '\r');
        const char *terminator = std::min(nextLF, nextCR);
        if (terminator == end) {
            appendPartialLine(p, end);
            return;
        }
        const char *next = terminator + 1;
        int terminatorLength = 1;
        if (*terminator == '\r') {
            if (next < end) {
                if (*next == '\n') {
                    ++next;
                    terminatorLength = 2;
                }
            } else {
                m_pendingCR = true;
            }
        }
        if (!m_pendingCR)
            m_lastLineEndCrlf = terminatorLength == 2;
        completeLine(p, terminator, terminatorLength, stamp);
        p = next;
    }
}

void SseParser::appendPartialLine(const char *begin, const char *end)
{
    if (m_skippingLine)
        return;
    const qsizetype length = end - begin;
    if (m_line.size() + length > m_limits.maxLineBytes) {
        m_sink->handleParseError(SseParseError::LineTooLong, m_line.size() + length);
        m_line = QByteArray();
        m_skippingLine = true;
        discardEvent();
        m_skippingEvent = true;
        return;
    }
    m_line.append(begin, length);
}

void SseParser::completeLine(
    const char *begin, const char *end, int terminatorLength, const ChunkStamp &stamp)
{
    m_pendingLfCounts = false;
    if (m_skippingLine) {
        m_skippingLine = false;
        return;
    }
    const qsizetype total = m_line.size() + (end - begin);
    if (m_line.isEmpty() && total <= m_limits.maxLineBytes) {
        processLine(QByteArrayView(begin, end - begin), terminatorLength, stamp);
        return;
    }
    if (total > m_limits.maxLineBytes) {
        m_sink->handleParseError(SseParseError::LineTooLong, total);
        m_line = QByteArray();
        discardEvent();
        m_skippingEvent = true;
        return;
    }
    m_line.append(begin, end - begin);
    processLine(m_line, terminatorLength, stamp);
    m_line.resize(0); // keeps the capacity for the next long line
}

void SseParser::processLine(QByteArrayView line, int terminatorLength, const ChunkStamp &stamp)
{
    if (line.isEmpty()) {
        // A CR that ends a read may be half of a CRLF. Waiting for the next
        // read to know would hold the event back, so it is taken to end the
        // line as the line before it ended: streams keep one style.
        m_wireBytes += quint64(m_pendingCR && m_lastLineEndCrlf ? 2 : terminatorLength);
        dispatch(stamp);
        return;
    }
    if (line.front() == ':') {
        // Verbatim, leading space included (as eventsource-parser reports it):
        // a monitor shows what was on the wire, and a raw export gives it back.
        m_sink->handleComment(line.sliced(1), stamp);
        return;
    }
    m_wireBytes += quint64(line.size() + terminatorLength);
    m_pendingLfCounts = m_pendingCR; // the LF of a split CRLF belongs to this event
    const char *colon = static_cast<const char *>(std::memchr(line.data(), ':', line.size()));
    if (!colon) {
        processField(line, QByteArrayView());
        return;
    }
    const qsizetype nameLength = colon - line.data();
    QByteArrayView value = line.sliced(nameLength + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    processField(line.first(nameLength), value);
}

void SseParser::processField(QByteArrayView name, QByteArrayView value)
{
    switch (name.size()) {
    case 4:
        if (equals(name, "data"))
            appendData(value);
        break;
    case 5:
        if (equals(name, "event")) {
            if (!equals(value, m_lastType))
                m_lastType = utf8::sanitized(value);
            m_type = m_lastType;
        } else if (equals(name, "retry") && isAsciiDigits(value)) {
            m_sink->handleRetry(parseRetry(value));
        }
        break;
    case 2:
        if (equals(name, "id") && !value.contains('\0') && !equals(value, m_idBuffer.view())) {
            if (utf8::isAscii(value))
                m_idBuffer.assign(value);
            else
                m_idBuffer.assign(utf8::sanitized(value));
        }
        break;
    default:
        break;
    }
}

void SseParser::appendData(QByteArrayView value)
{
    if (m_skippingEvent)
        return;
    const qsizetype total = m_data.size() + value.size() + (m_hasData ? 1 : 0);
    if (total > m_limits.maxEventBytes) {
        m_sink->handleParseError(SseParseError::EventTooLarge, total);
        discardEvent();
        m_skippingEvent = true;
        return;
    }
    if (m_hasData)
        m_data.append('\n');
    m_data.append(value);
    m_hasData = true;
}

void SseParser::discardEvent()
{
    m_data.clear();
    m_hasData = false;
    m_type.clear();
}

void SseParser::dispatch(const ChunkStamp &stamp)
{
    m_lastId.assign(m_idBuffer.view());
    const quint64 wireBytes = m_wireBytes;
    m_wireBytes = 0;
    if (m_skippingEvent || !m_hasData) {
        m_skippingEvent = false;
        discardEvent();
        return;
    }
    if (m_delivery == EventDelivery::Views) {
        dispatchView(stamp, wireBytes);
        return;
    }
    // Owned events share one id array for as long as the id stays the same.
    if (!equals(m_lastIdShared, m_lastId.view()))
        m_lastIdShared = m_lastId.toByteArray();
    SseEvent event;
    event.stream = m_stream;
    event.seq = ++m_seq;
    event.id = m_lastIdShared;
    event.type = m_type.isEmpty() ? defaultEventType() : m_type;
    event.data = utf8::sanitized(m_data.view());
    event.arrivalSteadyNs = stamp.steadyNs;
    event.arrivalWallNs = stamp.wallNs;
    event.chunkIndex = stamp.chunkIndex;
    event.wireBytes = wireBytes;
    discardEvent();
    m_sink->handleEvent(std::move(event));
}

} // namespace ssescope

namespace ssescope {

void SseParser::dispatchView(const ChunkStamp &stamp, quint64 wireBytes)
{
    QByteArray repaired; // only for data that is not valid UTF-8
    QByteArrayView data = m_data.view();
    if (!utf8::isAscii(data)) {
        repaired = utf8::sanitized(data);
        data = repaired;
    }
    SseEventView event;
    event.stream = m_stream;
    event.seq = ++m_seq;
    event.id = m_lastId.view();
    event.type = m_type.isEmpty() ? QByteArrayView(defaultEventType()) : QByteArrayView(m_type);
    event.data = data;
    event.arrivalSteadyNs = stamp.steadyNs;
    event.arrivalWallNs = stamp.wallNs;
    event.chunkIndex = stamp.chunkIndex;
    event.wireBytes = wireBytes;
    m_sink->handleEventView(event);
    discardEvent();
}

} // namespace ssescope
