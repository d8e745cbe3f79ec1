#pragma once

#include "core/common/ByteBuffer.h"
#include "core/common/Clock.h"
#include "core/sse/SseEvent.h"

#include <QByteArray>
#include <QByteArrayView>

namespace ssescope {

enum class SseParseError {
    LineTooLong, // one line exceeded SseParserLimits::maxLineBytes
    EventTooLarge, // an event's data exceeded SseParserLimits::maxEventBytes
};

struct SseParserLimits
{
    qsizetype maxLineBytes = 64 * 1024 * 1024;
    qsizetype maxEventBytes = 128 * 1024 * 1024;
};

// Receives what the parser finds. A plain interface, not signals: the parser
// is the hot path and runs once per network read.
class SseParserSink
{
public:
    virtual ~SseParserSink() = default;
    virtual void handleEvent(SseEvent &&event) = 0;
    // Only for a parser made with EventDelivery::Views.
    virtual void handleEventView(const SseEventView &event) { Q_UNUSED(event); }
    virtual void handleComment(QByteArrayView text, const ChunkStamp &stamp) = 0;
    virtual void handleRetry(qint64 milliseconds) = 0;
    virtual void handleParseError(SseParseError error, qsizetype bytes) = 0;
};

enum class EventDelivery {
    Owned, // SseEvent with its own (shared) byte arrays: to keep or hand to another thread
    Views, // SseEventView into reused buffers: no allocation per event
};

// Incremental text/event-stream parser, WHATWG HTML §9.2.5–9.2.6. Feed it
// bytes in any chunking: the events come out the same, in linear time.
class SseParser final
{
public:
    explicit SseParser(StreamId stream, SseParserSink *sink, SseParserLimits limits = {},
        EventDelivery delivery = EventDelivery::Owned);
    Q_DISABLE_COPY_MOVE(SseParser)

    void feed(QByteArrayView chunk, const ChunkStamp &stamp);

    // A new connection: line state and any half-received event are dropped
    // (the spec discards an unterminated event), while the last event ID and
    // the sequence counter carry over, as browsers keep lastEventId.
    void resetConnection();

    void setLastEventId(const QByteArray &id);
    // Bytes of an event (or of a line) arrived that no blank line has ended yet:
    // a connection ending now was cut off.
    bool midEvent() const { return !m_line.isEmpty() || m_hasData || m_hasType; }
    QByteArray lastEventId() const { return lastId().toByteArray(); }
    static const QByteArray &defaultEventType();

private:
    void feedBody(const char *p, const char *end, const ChunkStamp &stamp);
    void appendPartialLine(const char *begin, const char *end);
    void completeLine(
        const char *begin, const char *end, int terminatorLength, const ChunkStamp &stamp);
    bool joinLine(QByteArrayView tail);
    void processLine(QByteArrayView line, int terminatorLength, const ChunkStamp &stamp);
    void processField(QByteArrayView name, QByteArrayView value);
    void appendData(QByteArrayView value);
    void setIdBuffer(QByteArrayView value);
    void keepData();
    QByteArrayView lastId() const { return m_ids[m_lastIdIndex].view(); }
    QByteArrayView dataView() const { return m_dataBorrowed ? m_dataInRead : m_data.view(); }
    void dispatch(const ChunkStamp &stamp);
    void discardEvent();
    void dispatchView(const ChunkStamp &stamp, quint64 wireBytes);
    void deliverView(const ChunkStamp &stamp, quint64 wireBytes, QByteArrayView data);

    StreamId m_stream;
    SseParserSink *m_sink;
    SseParserLimits m_limits;
    EventDelivery m_delivery;

    QByteArray m_line; // a line split across reads, else empty
    // The buffers are reused from event to event: no allocation while parsing.
    ByteBuffer m_data; // data buffer, without the trailing LF
    // An event's first data line is not copied: it stays where feed() found it
    // (the caller's read, or m_line) until a second data line comes or the
    // read ends. Most events have one data line and end in the read that
    // holds it, so their data is never copied before the sink sees it.
    QByteArrayView m_dataInRead;
    bool m_dataBorrowed = false; // the data is m_dataInRead, not m_data
    // The last event ID string, and the last event ID buffer while an id
    // field waits for its event's end: dispatch flips m_lastIdIndex instead of
    // copying, so a new id is copied once.
    ByteBuffer m_ids[2] = { ByteBuffer(64), ByteBuffer(64) };
    int m_lastIdIndex = 0;
    bool m_idInEvent = false; // the event being read had an id field
    IdOrigin m_eventIdOrigin = IdOrigin::CarriedOver; // of the event being dispatched
    bool m_idPending = false; // the buffer is m_ids[m_lastIdIndex ^ 1]
    QByteArray m_lastIdShared; // the same, shared by owned events; re-made only when it changes
    QByteArray m_lastType; // last type seen, shared to avoid re-allocating
    QByteArrayView m_defaultType; // defaultEventType(), without its guard per event
    bool m_hasType = false; // the event type buffer is m_lastType, else empty
    quint64 m_seq = 0;
    quint64 m_wireBytes = 0; // 64 bits: unknown fields make an event's lines unbounded
    int m_bomMatched = 0;
    bool m_bomChecked = false;
    bool m_hasData = false;
    bool m_pendingCR = false; // the last read ended in CR; skip a leading LF
    bool m_pendingLfCounts = false; // that CR ended a field line: its LF is the event's too
    bool m_lastLineEndCrlf = false; // the last decided line end was CRLF
    bool m_skippingLine = false; // rest of an oversized line
    bool m_skippingEvent = false; // rest of an oversized event
};

} // namespace ssescope
