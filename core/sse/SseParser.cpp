#include "SseParser.h"

#include "core/sse/Utf8.h"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// A field name against a literal of up to eight bytes: one load and one
// comparison, no call.
template<size_t N> bool isName(const char *name, const char (&literal)[N]) noexcept
{
    static_assert(N - 1 <= 8);
    quint64 a = 0;
    quint64 b = 0;
    std::memcpy(&a, name, N - 1);
    std::memcpy(&b, literal, N - 1);
    return a == b;
}

// No NUL and no byte above 0x7F: an id that is used as it is. Ids are short,
// so the usual case is two word tests.
bool isPlainAscii(QByteArrayView value) noexcept
{
    const char *p = value.data();
    const qsizetype n = value.size();
    if (n > 16)
        return !value.contains('\0') && utf8::isAscii(value);
    // Two overlapping words, tested at once. A byte that is 0 borrows into
    // its high bit; one above 0x7F has it set.
    if (n >= 8) {
        constexpr quint64 kOnes = 0x0101010101010101ULL;
        const auto a = loadWord<quint64>(p);
        const auto b = loadWord<quint64>(p + n - 8);
        return (((a - kOnes) | a | (b - kOnes) | b) & (kOnes << 7)) == 0;
    }
    if (n >= 4) {
        constexpr quint32 kOnes = 0x01010101U;
        const auto a = loadWord<quint32>(p);
        const auto b = loadWord<quint32>(p + n - 4);
        return (((a - kOnes) | a | (b - kOnes) | b) & (kOnes << 7)) == 0;
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (p[i] == 0 || uchar(p[i]) >= 0x80)
            return false;
    }
    return true;
}

// The first CR or LF in [p, end), else end: two library searches, LF and
// then CR before it, each as wide as the machine allows.
const char *findLineEndLong(const char *p, const char *end) noexcept
{
    const void *lf = std::memchr(p, '\n', size_t(end - p));
    const char *stop = lf ? static_cast<const char *>(lf) : end;
    const void *cr = std::memchr(p, '\r', size_t(stop - p));
    return cr ? static_cast<const char *>(cr) : stop;
}

// The same, for the usual short line (an id, a type, small JSON): two calls
// to memchr per line cost more than the search, so SSE2 tests the first 64
// bytes sixteen at a time for both bytes, inline. A longer line goes on with
// memchr, which is faster per byte.
const char *findLineEnd(const char *p, const char *end) noexcept
{
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    for (int block = 0; block < 4 && end - p >= 16; ++block, p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const auto mask = unsigned(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))));
        if (mask != 0)
            return p + __builtin_ctz(mask);
    }
    if (end - p >= 16)
        return findLineEndLong(p, end);
    for (; p < end; ++p) {
        if (*p == '\n' || *p == '\r')
            return p;
    }
    return end;
#else
    return findLineEndLong(p, end);
#endif
}

} // namespace

SseParser::SseParser(
    StreamId stream, SseParserSink *sink, SseParserLimits limits, EventDelivery delivery)
    : m_stream(stream)
    , m_sink(sink)
    , m_limits(limits)
    , m_delivery(delivery)
    , m_defaultType(defaultEventType())
{ }

const QByteArray &SseParser::defaultEventType()
{
    static const QByteArray type("message");
    return type;
}

void SseParser::setLastEventId(const QByteArray &id)
{
    m_ids[m_lastIdIndex].assign(id);
    m_idPending = false;
}

void SseParser::resetConnection()
{
    m_line.clear();
    discardEvent();
    m_idPending = false; // the unterminated event's id is not applied
    m_idInEvent = false;
    m_wireBytes = 0;
    m_pendingLfCounts = false;
    m_lastLineEndCrlf = false;
    m_bomMatched = 0;
    m_bomChecked = false;
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
    while (p < end) {
        const char *terminator = findLineEnd(p, end);
        if (terminator == end) {
            keepData();
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
    keepData();
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
    QByteArrayView line(begin, end - begin);
    // The usual line lies whole in the read; one split across reads is joined
    // in m_line first.
    const bool joined = !m_line.isEmpty() || line.size() > m_limits.maxLineBytes;
    if (joined) {
        if (!joinLine(line))
            return;
        line = m_line;
    }
    processLine(line, terminatorLength, stamp);
    if (joined)
        m_line.resize(0); // keeps the capacity for the next long line
}

bool SseParser::joinLine(QByteArrayView tail)
{
    const qsizetype total = m_line.size() + tail.size();
    if (total > m_limits.maxLineBytes) {
        m_sink->handleParseError(SseParseError::LineTooLong, total);
        m_line = QByteArray();
        discardEvent();
        m_skippingEvent = true;
        return false;
    }
    m_line.append(tail);
    return true;
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
    // The names this parser knows are at most five bytes long, so only the
    // first six can hold the colon that ends one of them: no search of the
    // whole line.
    const char *text = line.data();
    const qsizetype scan = std::min<qsizetype>(line.size(), 6);
    qsizetype colon = 1; // text[0] is not ':'
    while (colon < scan && text[colon] != ':')
        ++colon;
    if (colon == scan) {
        if (line.size() < 6) // the whole line is the name
            processField(line, QByteArrayView());
        return;
    }
    QByteArrayView value = line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    processField(line.first(colon), value);
}

void SseParser::processField(QByteArrayView name, QByteArrayView value)
{
    switch (name.size()) {
    case 4:
        if (isName(name.data(), "data"))
            appendData(value);
        break;
    case 5:
        if (isName(name.data(), "event")) {
            if (!sameBytes(value, m_lastType))
                m_lastType = utf8::sanitized(value);
            m_hasType = !m_lastType.isEmpty();
        } else if (isName(name.data(), "retry") && isAsciiDigits(value)) {
            m_sink->handleRetry(parseRetry(value));
        }
        break;
    case 2:
        if (isName(name.data(), "id"))
            setIdBuffer(value);
        break;
    default:
        break;
    }
}

void SseParser::setIdBuffer(QByteArrayView value)
{
    const bool plain = isPlainAscii(value);
    if (!plain && value.contains('\0'))
        return; // the spec ignores the field
    m_idInEvent = true;
    if (sameBytes(value, lastId())) {
        m_idPending = false;
        return;
    }
    ByteBuffer &buffer = m_ids[m_lastIdIndex ^ 1];
    if (plain)
        buffer.assign(value);
    else
        buffer.assign(utf8::sanitized(value));
    m_idPending = true;
}

void SseParser::appendData(QByteArrayView value)
{
    if (m_skippingEvent)
        return;
    const qsizetype held = m_dataBorrowed ? m_dataInRead.size() : m_data.size();
    const qsizetype total = held + value.size() + (m_hasData ? 1 : 0);
    if (total > m_limits.maxEventBytes) {
        m_sink->handleParseError(SseParseError::EventTooLarge, total);
        discardEvent();
        m_skippingEvent = true;
        return;
    }
    if (!m_hasData) {
        m_dataInRead = value;
        m_dataBorrowed = true;
        m_hasData = true;
        return;
    }
    keepData();
    m_data.append('\n');
    m_data.append(value);
}

// The borrowed data line is about to become invalid (the read ends, or
// m_line is reused) or to grow: copy it into the parser's own buffer.
void SseParser::keepData()
{
    if (!m_dataBorrowed)
        return;
    m_data.assign(m_dataInRead);
    m_dataBorrowed = false;
}

void SseParser::discardEvent()
{
    m_data.clear();
    m_dataBorrowed = false;
    m_hasData = false;
    m_hasType = false;
}

void SseParser::dispatch(const ChunkStamp &stamp)
{
    if (m_idPending) { // the buffer becomes the last event ID string
        m_lastIdIndex ^= 1;
        m_idPending = false;
    }
    m_eventIdOrigin = m_idInEvent ? IdOrigin::Own : IdOrigin::CarriedOver;
    m_idInEvent = false;
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
    if (!sameBytes(m_lastIdShared, lastId()))
        m_lastIdShared = lastId().toByteArray();
    SseEvent event;
    event.stream = m_stream;
    event.streamSeq = ++m_seq;
    event.id = m_lastIdShared;
    event.type = m_hasType ? m_lastType : defaultEventType();
    event.data = utf8::sanitized(dataView());
    event.arrivalSteadyNs = stamp.steadyNs;
    event.arrivalWallNs = stamp.wallNs;
    event.chunkIndex = stamp.chunkIndex;
    event.wireBytes = wireBytes;
    event.idOrigin = m_eventIdOrigin;
    discardEvent();
    m_sink->handleEvent(std::move(event));
}

} // namespace ssescope

namespace ssescope {

void SseParser::dispatchView(const ChunkStamp &stamp, quint64 wireBytes)
{
    const QByteArrayView data = dataView();
    if (Q_LIKELY(utf8::isAscii(data))) {
        deliverView(stamp, wireBytes, data);
    } else {
        const QByteArray repaired = utf8::sanitized(data);
        deliverView(stamp, wireBytes, repaired);
    }
}

void SseParser::deliverView(const ChunkStamp &stamp, quint64 wireBytes, QByteArrayView data)
{
    // Every member given, in order: member by member, GCC 12 zero-filled the
    // whole view first (rep stos), a tenth of the time spent per event.
    const SseEventView event { m_stream, ++m_seq, lastId(),
        m_hasType ? QByteArrayView(m_lastType) : m_defaultType, data, stamp.steadyNs, stamp.wallNs,
        stamp.chunkIndex, wireBytes, m_eventIdOrigin };
    m_sink->handleEventView(event);
    discardEvent();
}

} // namespace ssescope
