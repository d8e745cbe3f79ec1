#pragma once

#include "core/sse/SseParser.h"

namespace ssescope {

// Newline-delimited JSON (NDJSON, JSON Lines): each line is one event, its
// data the line itself (type "message", no id), delivered to the same sink
// as SseParser's events, so that the store, statistics and verdicts take
// them alike. LF ends a line, a CR before it is dropped; empty and blank
// lines are skipped; a line longer than SseParserLimits::maxLineBytes is
// reported as SseParseError::LineTooLong and skipped. The JSON itself is not
// checked: a monitor shows what came.
class NdjsonParser final
{
public:
    explicit NdjsonParser(StreamId stream, SseParserSink *sink, SseParserLimits limits = {},
        EventDelivery delivery = EventDelivery::Owned);
    Q_DISABLE_COPY_MOVE(NdjsonParser)

    void feed(QByteArrayView chunk, const ChunkStamp &stamp);
    // The body ended: a last line without its LF is still an event.
    void finish(const ChunkStamp &stamp);
    // A new connection: a half-received line is dropped; the sequence goes on.
    void resetConnection();
    bool midLine() const { return !m_line.isEmpty(); }

private:
    void appendPartial(QByteArrayView bytes);
    void completeLine(QByteArrayView line, int terminatorLength, const ChunkStamp &stamp);
    void dispatch(QByteArrayView line, quint64 wireBytes, const ChunkStamp &stamp);

    StreamId m_stream;
    SseParserSink *m_sink;
    SseParserLimits m_limits;
    EventDelivery m_delivery;
    QByteArray m_line; // a line split across reads, else empty
    QByteArray m_repaired; // reused for lines with invalid UTF-8
    QByteArrayView m_defaultType;
    quint64 m_seq = 0;
    bool m_skippingLine = false; // rest of an oversized line
    bool m_firstLine = true; // a BOM may open the body
};

} // namespace ssescope
