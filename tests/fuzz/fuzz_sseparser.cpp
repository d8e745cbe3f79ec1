// The SSE parser, fed one input in a chunking chosen by the input's first
// bytes, against the same input fed whole. The events, comments, retries and
// errors must not depend on where the reads split (the parser's contract);
// no event's data can be longer than the stream that carried it; owned and
// view delivery must agree.
#include "FuzzSupport.h"

#include "core/sse/SseParser.h"

#include <QByteArrayList>

#include <cstdio>
#include <vector>

using namespace ssescope;

namespace {

class Recorder final : public SseParserSink
{
public:
    QByteArrayList items;
    qsizetype longestData = 0;
    quint64 wireBytes = 0;
    quint64 lastSeq = 0;
    quint64 events = 0;

    void handleEvent(SseEvent &&event) override
    {
        record(event.streamSeq, event.type, event.id, event.data, event.wireBytes);
    }
    void handleEventView(const SseEventView &event) override
    {
        record(event.streamSeq, event.type, event.id, event.data, event.wireBytes);
    }
    void handleComment(QByteArrayView text, const ChunkStamp &) override
    {
        items.append("C " + text.toByteArray());
    }
    void handleRetry(qint64 ms) override
    {
        SSESCOPE_FUZZ_CHECK(ms >= 0);
        items.append("R " + QByteArray::number(ms));
    }
    void handleParseError(SseParseError error, qsizetype) override
    {
        items.append(error == SseParseError::LineTooLong ? "X line" : "X event");
    }

private:
    void record(
        quint64 seq, QByteArrayView type, QByteArrayView id, QByteArrayView data, quint64 bytes)
    {
        // Sequence numbers count events from 1 without gaps.
        SSESCOPE_FUZZ_CHECK(seq == lastSeq + 1);
        lastSeq = seq;
        longestData = std::max(longestData, data.size());
        wireBytes += bytes;
        // wireBytes is left out of the comparison: a blank line's CR that ends
        // a read is counted as the previous line ended (CR or CRLF) before the
        // next read can tell, by design, so it may differ by one byte per event.
        items.append("E " + type.toByteArray() + '|' + id.toByteArray() + '|' + data.toByteArray());
        ++events;
    }
};

struct Run
{
    QByteArrayList items;
    qsizetype longestData = 0;
    quint64 wireBytes = 0;
    quint64 events = 0;
    bool midEvent = false;
    QByteArray lastId;
};

Run parse(QByteArrayView input, const std::vector<qsizetype> &cuts, SseParserLimits limits,
    EventDelivery delivery)
{
    Recorder recorder;
    SseParser parser(1, &recorder, limits, delivery);
    qsizetype from = 0;
    quint64 chunk = 0;
    for (qsizetype cut : cuts) {
        // Each piece in its own buffer, so a view kept past its read is caught by ASan.
        const QByteArray piece = input.sliced(from, cut - from).toByteArray();
        parser.feed(piece, ChunkStamp { 0, 0, ++chunk });
        from = cut;
    }
    const QByteArray rest = input.sliced(from).toByteArray();
    parser.feed(rest, ChunkStamp { 0, 0, ++chunk });
    return { recorder.items, recorder.longestData, recorder.wireBytes, recorder.events,
        parser.midEvent(), parser.lastEventId() };
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::ensureApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Header: byte 0 picks the limits and delivery, bytes 1..8 the piece lengths
    // (cycled); the rest is the stream.
    if (size < 9)
        return 0;
    const uint8_t mode = data[0];
    const uint8_t *lengths = data + 1;
    const QByteArray input = fuzz::rawInput(data + 9, size - 9);

    SseParserLimits limits;
    if (mode & 1) {
        // Small limits, so the oversized-line and oversized-event paths run too.
        limits.maxLineBytes = 16 + (mode >> 2) % 32;
        limits.maxEventBytes = 32 + (mode >> 4) * 4;
    }
    const EventDelivery delivery = (mode & 2) ? EventDelivery::Views : EventDelivery::Owned;

    std::vector<qsizetype> cuts;
    qsizetype at = 0;
    for (int i = 0; cuts.size() < 4096; ++i) {
        at += lengths[i % 8] % 17; // 0-length pieces too: a read of nothing
        if (at >= input.size())
            break;
        cuts.push_back(at);
    }

    const Run whole = parse(input, {}, limits, delivery);
    const Run split = parse(input, cuts, limits, delivery);
    if (whole.items != split.items) {
        // What differs, for whoever turns the crash into a regression test.
        for (const QByteArray &item : whole.items)
            std::fprintf(stderr, "whole: %s\n", item.toHex(' ').constData());
        for (const QByteArray &item : split.items)
            std::fprintf(stderr, "split: %s\n", item.toHex(' ').constData());
        for (qsizetype cut : cuts)
            std::fprintf(stderr, "cut at %lld\n", static_cast<long long>(cut));
    }
    SSESCOPE_FUZZ_CHECK(whole.items == split.items);
    SSESCOPE_FUZZ_CHECK(whole.midEvent == split.midEvent);
    SSESCOPE_FUZZ_CHECK(whole.lastId == split.lastId);
    // Invalid UTF-8 becomes U+FFFD: three bytes for each byte at most.
    SSESCOPE_FUZZ_CHECK(whole.longestData <= 3 * input.size());
    // The CR guess above is at most one byte per event off.
    SSESCOPE_FUZZ_CHECK(whole.wireBytes <= quint64(input.size()) + whole.events);
    SSESCOPE_FUZZ_CHECK(split.wireBytes <= quint64(input.size()) + split.events);

    // One byte per read: the worst chunking, on a bounded prefix to keep runs fast.
    if (input.size() <= 512) {
        std::vector<qsizetype> everyByte;
        for (qsizetype i = 1; i < input.size(); ++i)
            everyByte.push_back(i);
        const Run bytes = parse(input, everyByte, limits, delivery);
        SSESCOPE_FUZZ_CHECK(whole.items == bytes.items);
    }

    // The other delivery gives the same events (the error paths aside, which differ
    // only in what they report, never in what they dispatch).
    const EventDelivery other
        = delivery == EventDelivery::Views ? EventDelivery::Owned : EventDelivery::Views;
    const Run otherRun = parse(input, cuts, limits, other);
    SSESCOPE_FUZZ_CHECK(whole.items == otherRun.items);
    return 0;
}
