#include "RawSseCodec.h"

#include "core/capture/BlockReader.h"
#include "core/capture/JsonlCodec.h"
#include "core/common/TimeValue.h"
#include "core/sse/SseParser.h"
#include "core/sse/Utf8.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// Comments are read verbatim, so these are matched with the space that
// follows the colon.
constexpr char kEventMeta[] = " ssescope stream=";
constexpr char kCommentMeta[] = " ssescope-comment stream=";
constexpr char kRefusedMeta[] = " ssescope-refused stream=";

bool hasLineBreak(QByteArrayView text)
{
    return text.contains('\n') || text.contains('\r');
}

// Why a record cannot be written as text/event-stream without changing what
// a parser reads back, or nullptr. A line break in an id or type would start
// a field of the sender's choosing; a NUL makes a parser drop the whole id.
const char *unwritableReason(const CaptureRecordView &r)
{
    if (r.kind == CaptureRecordView::Kind::Comment)
        return hasLineBreak(r.data) ? "the comment holds a line break" : nullptr;
    if (r.id.contains('\0') || hasLineBreak(r.id))
        return "the id holds a CR, LF or NUL, which an event stream cannot carry";
    if (hasLineBreak(r.type))
        return "the type holds a line break, which an event stream cannot carry";
    return nullptr;
}

QByteArray encodeName(QByteArrayView name)
{
    return QUrl::toPercentEncoding(QString::fromUtf8(name.toByteArray()));
}

void appendMeta(ByteBuffer &out, const char *prefix, const CaptureRecordView &r, bool event)
{
    out.append(':');
    out.append(QByteArrayView(prefix));
    out.append(encodeName(r.stream));
    if (event) {
        out.appendLiteral(" seq=");
        out.appendUInt(r.streamSeq);
    }
    char received[32];
    out.appendLiteral(" received=");
    out.append(received, formatRfc3339Micros(r.receivedWallNs, received));
    out.appendLiteral(" mono_ns=");
    out.appendInt(r.monoNs);
    if (event) {
        out.appendLiteral(" chunk=");
        out.appendUInt(r.chunk);
        out.appendLiteral(" bytes=");
        out.appendUInt(r.bytes);
        out.appendLiteral(" latency_ms=");
        appendLatency(out, r.latencyMs, "-");
    }
    out.append('\n');
}

// Turns parser output plus the metadata comments back into records.
class RawSseReader final : public SseParserSink
{
public:
    RawSseReader(const RecordHandler &onRecord, const ReadErrorHandler &onError)
        : m_onRecord(onRecord)
        , m_onError(onError)
    { }

    qint64 line = 1;

    void handleEvent(SseEvent &&event) override
    {
        CaptureRecord record;
        if (m_meta) {
            record = std::move(*m_meta);
            m_meta.reset();
        } else {
            record.stream = "raw";
            record.streamSeq = event.streamSeq;
            record.bytes = event.wireBytes;
        }
        record.kind = CaptureRecordView::Kind::Event;
        record.id = std::move(event.id);
        record.type = std::move(event.type);
        record.data = std::move(event.data);
        m_onRecord(std::move(record));
    }

    void handleComment(QByteArrayView text, const ChunkStamp &) override
    {
        if (m_commentMeta) {
            CaptureRecord record = std::move(*m_commentMeta);
            m_commentMeta.reset();
            record.data = utf8::sanitized(text);
            m_onRecord(std::move(record));
            return;
        }
        if (text.startsWith(kRefusedMeta)) {
            m_onError({ line,
                QCoreApplication::translate("RawSseCodec", "the export left a record out here: %1")
                    .arg(QString::fromUtf8(text.sliced(qstrlen(kRefusedMeta) - 7))) });
            return;
        }
        const bool event = text.startsWith(kEventMeta);
        if (!event && !text.startsWith(kCommentMeta))
            return; // an ordinary comment of a foreign capture
        CaptureRecord meta;
        QString why;
        if (!parseMeta(text, event, &meta, &why)) {
            m_onError({ line, why });
            return;
        }
        if (event)
            m_meta = std::move(meta);
        else
            m_commentMeta = std::move(meta);
    }

    void handleRetry(qint64) override { }
    void handleParseError(SseParseError error, qsizetype bytes) override
    {
        m_onError({ line,
            error == SseParseError::LineTooLong
                ? QCoreApplication::translate("RawSseCodec", "a line of %1 bytes is over the limit")
                      .arg(bytes)
                : QCoreApplication::translate(
                    "RawSseCodec", "an event of %1 bytes is over the limit")
                      .arg(bytes) });
    }

private:
    static bool parseMeta(QByteArrayView text, bool event, CaptureRecord *r, QString *why)
    {
        r->kind = event ? CaptureRecordView::Kind::Event : CaptureRecordView::Kind::Comment;
        const QByteArrayView fields = text.sliced(qstrlen(event ? kEventMeta : kCommentMeta) - 7);
        for (const QByteArray &pair : fields.toByteArray().split(' ')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq <= 0)
                continue;
            const QByteArray key = pair.left(eq);
            const QByteArray value = pair.mid(eq + 1);
            bool ok = true;
            if (key == "stream") {
                r->stream = QUrl::fromPercentEncoding(value).toUtf8();
            } else if (key == "seq") {
                r->streamSeq = value.toULongLong(&ok);
            } else if (key == "received") {
                const auto wall = epochNsFromRfc3339(value);
                ok = wall.has_value();
                r->receivedWallNs = wall.value_or(0);
            } else if (key == "mono_ns") {
                r->monoNs = value.toLongLong(&ok);
            } else if (key == "chunk") {
                r->chunk = value.toULongLong(&ok);
            } else if (key == "bytes") {
                r->bytes = value.toULongLong(&ok);
            } else if (key == "latency_ms" && value != "-") {
                r->latencyMs = value.toDouble(&ok);
            }
            if (!ok) {
                *why = QCoreApplication::translate(
                    "RawSseCodec", "bad %1 in the ssescope comment: %2")
                           .arg(QString::fromLatin1(key), QString::fromUtf8(value));
                return false;
            }
        }
        return true;
    }

    const RecordHandler &m_onRecord;
    const ReadErrorHandler &m_onError;
    std::optional<CaptureRecord> m_meta;
    std::optional<CaptureRecord> m_commentMeta;
};

} // namespace

void RawSseWriter::write(const CaptureRecordView &r)
{
    ByteBuffer &out = m_buffer;
    if (const char *reason = unwritableReason(r)) {
        // Said where the record would have been, so that an import names it.
        out.append(':');
        out.append(QByteArrayView(kRefusedMeta));
        out.append(encodeName(r.stream));
        if (r.kind == CaptureRecordView::Kind::Event) {
            out.appendLiteral(" seq=");
            out.appendUInt(r.streamSeq);
        }
        out.appendLiteral(": ");
        out.append(QByteArrayView(reason));
        out.append('\n');
        refuse();
        maybeFlush();
        return;
    }
    if (r.kind == CaptureRecordView::Kind::Comment) {
        appendMeta(out, kCommentMeta, r, false);
        out.append(':'); // the text is verbatim, its leading space included
        out.append(r.data.data(), r.data.size());
        out.append('\n');
        maybeFlush();
        return;
    }
    appendMeta(out, kEventMeta, r, true);
    if (r.type != "message") {
        out.appendLiteral("event: ");
        out.append(r.type.data(), r.type.size());
        out.append('\n');
    }
    if (r.id.isEmpty()) {
        out.appendLiteral("id\n");
    } else {
        out.appendLiteral("id: ");
        out.append(r.id.data(), r.id.size());
        out.append('\n');
    }
    // Parsed data holds LF only between its lines, but an imported record may
    // hold CR too: CR, LF and CRLF each end a data line, as a parser reads them.
    const char *p = r.data.data();
    const char *end = p + r.data.size();
    while (true) {
        const char *lineEnd = std::find_if(p, end, [](char c) { return c == '\n' || c == '\r'; });
        out.appendLiteral("data: ");
        out.append(p, lineEnd - p);
        out.append('\n');
        if (lineEnd == end)
            break;
        p = lineEnd + (*lineEnd == '\r' && lineEnd + 1 < end && lineEnd[1] == '\n' ? 2 : 1);
    }
    out.append('\n');
    maybeFlush();
}

bool readRawSse(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, const CancelCheck &cancelled)
{
    RawSseReader reader(onRecord, onError);
    SseParser parser(0, &reader);
    quint64 chunk = 0;
    // Fed line by line, so that an error names the line it is on.
    const auto feed = [&](QByteArrayView block) {
        qsizetype start = 0;
        while (start < block.size()) {
            const qsizetype lf = block.indexOf('\n', start);
            const qsizetype end = lf < 0 ? block.size() : lf + 1;
            parser.feed(block.sliced(start, end - start), ChunkStamp { 0, 0, ++chunk });
            if (lf >= 0)
                ++reader.line;
            start = end;
        }
        return true;
    };
    return readCaptureBlocks(device, feed, fatalError, cancelled);
}

} // namespace ssescope
