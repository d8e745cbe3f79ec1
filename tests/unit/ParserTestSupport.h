#pragma once

#include "core/sse/SseParser.h"

#include <QByteArrayList>
#include <QTest>

#include <functional>

namespace ssescope::test {

// A byte-exact literal, NULs included.
template<size_t N> QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, static_cast<qsizetype>(N - 1));
}

// Records what the parser reports as one line per item:
//   "E type|id|data", "C text", "R ms", "X error".
class ParserRecorder final : public SseParserSink
{
public:
    QByteArrayList items;
    SseEventList events;

    void handleEvent(SseEvent &&event) override
    {
        items.append("E " + event.type + '|' + event.id + '|' + event.data);
        events.push_back(std::move(event));
    }
    void handleEventView(const SseEventView &view) override
    {
        SseEvent event;
        event.stream = view.stream;
        event.streamSeq = view.streamSeq;
        event.id = view.id.toByteArray();
        event.type = view.type.toByteArray();
        event.data = view.data.toByteArray();
        event.arrivalSteadyNs = view.arrivalSteadyNs;
        event.arrivalWallNs = view.arrivalWallNs;
        event.chunkIndex = view.chunkIndex;
        event.wireBytes = view.wireBytes;
        handleEvent(std::move(event));
    }
    void handleComment(QByteArrayView text, const ChunkStamp &) override
    {
        items.append("C " + text.toByteArray());
    }
    void handleRetry(qint64 ms) override { items.append("R " + QByteArray::number(ms)); }
    void handleParseError(SseParseError error, qsizetype) override
    {
        items.append(error == SseParseError::LineTooLong ? "X line" : "X event");
    }
};

// Feeds input in pieces cut at the given offsets (sorted, inside the input).
inline QByteArrayList parsePieces(const QByteArray &input, const QList<qsizetype> &cuts,
    SseParserLimits limits = {}, EventDelivery delivery = EventDelivery::Owned)
{
    ParserRecorder recorder;
    SseParser parser(1, &recorder, limits, delivery);
    qsizetype from = 0;
    quint64 chunk = 0;
    for (qsizetype cut : cuts) {
        parser.feed(QByteArrayView(input).sliced(from, cut - from), ChunkStamp { 0, 0, ++chunk });
        from = cut;
    }
    parser.feed(QByteArrayView(input).sliced(from), ChunkStamp { 0, 0, ++chunk });
    return recorder.items;
}

inline QByteArrayList parseWhole(
    const QByteArray &input, EventDelivery delivery = EventDelivery::Owned)
{
    return parsePieces(input, {}, {}, delivery);
}

// The spec cases, WHATWG HTML §9.2.5 and §9.2.6, shared by the table-driven
// parser test and the chunking property test.
inline void addSpecCases()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("expected");
    using L = QByteArrayList;
    const auto row = [](const char *name, const QByteArray &input, const L &expected) {
        QTest::newRow(name) << input << expected;
    };
    // Dispatch and data
    row("simple data", "data: hello\n\n", L { "E message||hello" });
    row("no space after colon", "data:hello\n\n", L { "E message||hello" });
    row("only one space stripped", "data:  hello\n\n", L { "E message|| hello" });
    row("tab is not stripped", "data:\thello\n\n", L { "E message||\thello" });
    row("trailing spaces kept", "data: x  \n\n", L { "E message||x  " });
    row("multi-line data joined with LF", "data: a\ndata: b\n\n", L { "E message||a\nb" });
    row("empty data line in the middle", "data: a\ndata:\ndata: b\n\n", L { "E message||a\n\nb" });
    row("data without colon dispatches empty", "data\n\n", L { "E message||" });
    row("data with empty value", "data:\n\n", L { "E message||" });
    row("data with single space value", "data: \n\n", L { "E message||" });
    row("two empty data lines give one LF", "data\ndata\n\n", L { "E message||\n" });
    row("colon inside value", "data: a:b\n\n", L { "E message||a:b" });
    row("NUL allowed in data", bytes("data: a\0b\n\n"), L { bytes("E message||a\0b") });
    row("multiple blank lines", "data: a\n\n\n\ndata: b\n\n", L { "E message||a", "E message||b" });
    row("empty stream", "", L {});
    row("only blank lines", "\n\n\n", L {});
    row("unterminated event discarded", "data: x\n", L {});
    row("unterminated line discarded", "data: x", L {});
    row("event after unterminated tail", "data: a\n\ndata: b", L { "E message||a" });
    // Event type
    row("event type", "event: add\ndata: x\n\n", L { "E add||x" });
    row("event type resets after dispatch", "event: add\ndata: 1\n\ndata: 2\n\n",
        L { "E add||1", "E message||2" });
    row("empty event type means message", "event:\ndata: x\n\n", L { "E message||x" });
    row("event without colon means message", "event\ndata: x\n\n", L { "E message||x" });
    row("event without data not dispatched", "event: add\n\n", L {});
    row("type reset by undispatched event", "event: add\n\ndata: x\n\n", L { "E message||x" });
    row("explicit message type", "event: message\ndata: x\n\n", L { "E message||x" });
    row("last event field wins", "event: a\nevent: b\ndata: x\n\n", L { "E b||x" });
    row("unicode event type", "event: caf\xC3\xA9\ndata: x\n\n", L { "E caf\xC3\xA9||x" });
    // Last event ID
    row("id", "id: 1\ndata: x\n\n", L { "E message|1|x" });
    row("id persists across events", "id: 1\ndata: a\n\ndata: b\n\n",
        L { "E message|1|a", "E message|1|b" });
    row("empty id resets", "id: 1\ndata: a\n\nid\ndata: b\n\n",
        L { "E message|1|a", "E message||b" });
    row("id with empty value resets", "id: 1\ndata: a\n\nid:\ndata: b\n\n",
        L { "E message|1|a", "E message||b" });
    row("id containing NUL ignored",
        bytes("id: 1\ndata: a\n\nid: 2\0"
              "3\ndata: b\n\n"),
        L { "E message|1|a", "E message|1|b" });
    row("id without data still updates", "id: 5\n\ndata: x\n\n", L { "E message|5|x" });
    row("id set after data in same event", "data: x\nid: 7\n\n", L { "E message|7|x" });
    row("id keeps leading extra space", "id:  7\ndata: x\n\n", L { "E message| 7|x" });
    row("id with colon", "id: a:b\ndata: x\n\n", L { "E message|a:b|x" });
    row("id without space", "id:abc\ndata:x\n\n", L { "E message|abc|x" });
    row("id in unterminated event not applied", "id: 1\ndata: a\n\nid: 9\ndata: b",
        L { "E message|1|a" });
    // Retry
    row("retry digits", "retry: 1000\n\n", L { "R 1000" });
    row("retry zero", "retry: 0\n", L { "R 0" });
    row("retry with letters ignored", "retry: 10a\n\n", L {});
    row("retry negative ignored", "retry: -1\n\n", L {});
    row("retry extra space ignored", "retry:  100\n\n", L {});
    row("retry empty ignored", "retry:\n\n", L {});
    row("retry without colon ignored", "retry\n\n", L {});
    row("retry decimal ignored", "retry: 1.5\n\n", L {});
    row("retry with data", "retry: 50\ndata: x\n\n", L { "R 50", "E message||x" });
    row("retry huge clamps", "retry: 99999999999999999999\n", L { "R 2147483647" });
    // Comments
    // Comments are verbatim: everything after the colon.
    row("comment keeps its leading space", ": hello\n", L { "C  hello" });
    row("comment without space", ":hello\n", L { "C hello" });
    row("comment with two spaces", ":  two\n", L { "C   two" });
    row("empty comment", ":\n", L { "C " });
    row("comment inside event", "data: a\n: c\ndata: b\n\n", L { "C  c", "E message||a\nb" });
    row("comment with CRLF", ": hi\r\n", L { "C  hi" });
    // Field names
    row("unknown field ignored", "foo: bar\ndata: x\n\n", L { "E message||x" });
    row("field names are case-sensitive", "Data: x\n\n", L {});
    row("Event is not event", "Event: x\ndata: y\n\n", L { "E message||y" });
    row("leading space makes another field", " data: x\n\n", L {});
    // Line ends
    row("CR line ends", "data: a\rdata: b\r\r", L { "E message||a\nb" });
    row("CRLF line ends", "data: a\r\ndata: b\r\n\r\n", L { "E message||a\nb" });
    row("mixed line ends", "data: a\r\ndata: b\rdata: c\n\n", L { "E message||a\nb\nc" });
    row("LF then CR is two line ends", "data: a\n\r", L { "E message||a" });
    row("CRLF data without colon", "data\r\n\r\n", L { "E message||" });
    // BOM and UTF-8
    row("leading BOM skipped",
        "\xEF\xBB\xBF"
        "data: x\n\n",
        L { "E message||x" });
    row("second BOM is content",
        "\xEF\xBB\xBF\xEF\xBB\xBF"
        "data: x\n\n",
        L {});
    row("BOM prefix that is not a BOM",
        "\xEF\xBB"
        "data: x\n\ndata: y\n\n",
        L { "E message||y" });
    row("BOM inside data kept",
        "data: \xEF\xBB\xBF"
        "x\n\n",
        L { "E message||\xEF\xBB\xBF"
            "x" });
    row("valid multibyte", "data: h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\n\n",
        L { "E message||h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80" });
    row("invalid byte replaced", "data: \xFF\n\n", L { "E message||\xEF\xBF\xBD" });
    row("truncated sequence is one U+FFFD", "data: \xE2\x82\n\n", L { "E message||\xEF\xBF\xBD" });
    row("overlong is two U+FFFD", "data: \xC0\xAF\n\n",
        L { "E message||\xEF\xBF\xBD\xEF\xBF\xBD" });
    row("surrogate is three U+FFFD", "data: \xED\xA0\x80\n\n",
        L { "E message||\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" });
    row("invalid then ASCII", "data: \xC3(x\n\n", L { "E message||\xEF\xBF\xBD(x" });
    row("invalid id replaced", "id: \xFF\ndata: x\n\n", L { "E message|\xEF\xBF\xBD|x" });
}

} // namespace ssescope::test
