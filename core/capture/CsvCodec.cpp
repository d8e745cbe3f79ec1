#include "CsvCodec.h"

#include "core/capture/BlockReader.h"
#include "core/capture/JsonlCodec.h"
#include "core/common/TimeValue.h"

#include "core/sse/Utf8.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

constexpr char kHeader[] = "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms\r\n";
constexpr int kColumns = 10;

bool isFormulaLead(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'';
}

void appendTextCell(ByteBuffer &out, QByteArrayView cell)
{
    const bool neutralise = !cell.isEmpty() && isFormulaLead(cell.front());
    bool quote = neutralise && cell.front() == '\r';
    for (const char c : cell) {
        if (c == '"' || c == ',' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (quote)
        out.append('"');
    if (neutralise)
        out.append('\'');
    if (!quote) {
        out.append(cell);
        return;
    }
    for (const char c : cell) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

// A CSV file may come from anywhere: its text is repaired as the parser
// repairs a stream's, so that no writer ever passes on invalid UTF-8.
QByteArray restoreTextCell(QByteArray cell)
{
    if (cell.size() >= 2 && cell.front() == '\'' && isFormulaLead(cell.at(1)))
        cell.remove(0, 1);
    return utf8::isAscii(cell) ? cell : utf8::sanitized(cell);
}

bool toRecord(const QList<QByteArray> &f, qsizetype columns, CaptureRecord *r, QString *why)
{
    if (f.size() != columns) {
        *why = QCoreApplication::translate("CsvCodec", "expected %1 columns, found %2")
                   .arg(columns)
                   .arg(f.size());
        return false;
    }
    bool ok = true;
    const auto number = [&](int column, const char *name, bool mayBeNegative) -> qint64 {
        bool good = false;
        const qint64 v = f.at(column).toLongLong(&good);
        if ((!good || (v < 0 && !mayBeNegative)) && ok) {
            ok = false;
            *why = QCoreApplication::translate("CsvCodec", "\"%1\" is not a whole number%2: %3")
                       .arg(QLatin1String(name), good ? u" of zero or more"_s : QString(),
                           QString::fromUtf8(f.at(column)));
        }
        return v;
    };
    r->stream = restoreTextCell(f.at(0));
    r->streamSeq = quint64(number(1, "seq", false));
    r->id = restoreTextCell(f.at(2));
    r->type = restoreTextCell(f.at(3));
    r->data = restoreTextCell(f.at(4));
    r->monoNs = number(6, "mono_ns", true);
    r->chunk = quint64(number(7, "chunk", false));
    r->bytes = quint64(number(8, "bytes", false));
    if (!ok)
        return false;
    const auto wall = epochNsFromRfc3339(f.at(5));
    if (!wall) {
        *why = QCoreApplication::translate(
            "CsvCodec", "\"received\" is not an RFC 3339 time between %1 and %2: %3")
                   .arg(kFirstYear)
                   .arg(kLastYear)
                   .arg(QString::fromUtf8(f.at(5)));
        return false;
    }
    r->receivedWallNs = *wall;
    if (!f.at(9).isEmpty()) {
        bool good = false;
        r->latencyMs = f.at(9).toDouble(&good);
        if (!good) {
            *why = QCoreApplication::translate("CsvCodec", "\"latency_ms\" is not a number: %1")
                       .arg(QString::fromUtf8(f.at(9)));
            return false;
        }
    }
    return true;
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, const QList<JsonColumn> &columns)
    : CaptureWriter(device)
    , m_columns(columns)
{
    m_readers.reserve(std::size_t(columns.size()));
    for (const JsonColumn &column : columns)
        m_readers.emplace_back(column);
}

void CsvWriter::write(const CaptureRecordView &r)
{
    if (r.kind != CaptureRecordView::Kind::Event)
        return;
    ByteBuffer &out = m_buffer;
    if (!m_headerWritten) {
        if (m_columns.isEmpty()) {
            out.appendLiteral(kHeader);
        } else {
            out.append(QByteArrayView(kHeader, qsizetype(sizeof kHeader) - 3));
            for (const JsonColumn &column : m_columns) {
                out.append(',');
                appendTextCell(out, column.name.toUtf8());
            }
            out.appendLiteral("\r\n");
        }
        m_headerWritten = true;
    }
    appendTextCell(out, r.stream);
    out.append(',');
    out.appendUInt(r.streamSeq);
    out.append(',');
    appendTextCell(out, r.id);
    out.append(',');
    appendTextCell(out, r.type);
    out.append(',');
    appendTextCell(out, r.data);
    out.append(',');
    char received[32];
    out.append(received, formatRfc3339Micros(r.receivedWallNs, received));
    out.append(',');
    out.appendInt(r.monoNs);
    out.append(',');
    out.appendUInt(r.chunk);
    out.append(',');
    out.appendUInt(r.bytes);
    out.append(',');
    appendLatency(out, r.latencyMs, "");
    for (const JsonColumnReader &reader : m_readers) {
        out.append(',');
        appendTextCell(out, reader.valueIn(r.data));
    }
    out.appendLiteral("\r\n");
    maybeFlush();
}

namespace {

// RFC 4180 records from blocks in any cut, each byte looked at once: the
// state of a record carries over from block to block, never rescanned.
class CsvReader final
{
public:
    CsvReader(
        const RecordHandler &onRecord, const ReadErrorHandler &onError, qsizetype maxRecordBytes)
        : m_onRecord(onRecord)
        , m_onError(onError)
        , m_maxRecordBytes(maxRecordBytes)
    { }

    bool feed(const char *p, const char *end, QString *fatalError);
    void finish();

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    void endField();
    void endRecord();

    const RecordHandler &m_onRecord;
    const ReadErrorHandler &m_onError;
    qsizetype m_maxRecordBytes;
    State m_state = State::FieldStart;
    QList<QByteArray> m_fields;
    QByteArray m_field;
    qsizetype m_recordBytes = 0;
    qint64 m_line = 1; // the line being read
    qint64 m_recordLine = 1; // the line the record started on
    bool m_header = true;
    qsizetype m_columns = kColumns; // the header's: custom columns follow the standard ones
    bool m_skipLf = false; // the record ended in CR: a LF next is part of that line end
};

// Anything longer without a line end is not a header of ours: /dev/zero, say.
constexpr qsizetype kMaxHeaderBytes = 4096;

bool CsvReader::feed(const char *p, const char *end, QString *fatalError)
{
    while (p < end) {
        if (m_skipLf) {
            m_skipLf = false;
            if (*p == '\n') {
                ++p;
                continue;
            }
        }
        const char *from = p;
        switch (m_state) {
        case State::Quoted: {
            const auto *quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
            const char *stop = quote ? quote : end;
            m_line += std::count(p, stop, '\n');
            m_field.append(p, stop - p);
            p = stop;
            if (quote) {
                m_state = State::QuoteInQuoted;
                ++p;
            }
            break;
        }
        case State::QuoteInQuoted:
            if (*p == '"') { // an escaped quote
                m_field.append('"');
                m_state = State::Quoted;
                ++p;
                break;
            }
            m_state = State::Unquoted; // closed; anything up to the comma is kept as it is
            break;
        case State::FieldStart:
            if (*p == '"') {
                m_state = State::Quoted;
                ++p;
                break;
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted: {
            const char *stop
                = std::find_if(p, end, [](char c) { return c == ',' || c == '\n' || c == '\r'; });
            m_field.append(p, stop - p);
            p = stop;
            if (p == end)
                break;
            const char c = *p++;
            endField();
            if (c == ',')
                break;
            ++m_line;
            m_skipLf = c == '\r';
            m_recordBytes += p - from;
            endRecord();
            continue;
        }
        }
        m_recordBytes += p - from;
        const qsizetype limit = m_header ? kMaxHeaderBytes : m_maxRecordBytes;
        if (m_recordBytes > limit) {
            if (fatalError) {
                *fatalError = m_header
                    ? QCoreApplication::translate(
                        "CsvCodec", "no CSV header in the first %1 bytes: this is not a capture")
                          .arg(limit)
                    : QCoreApplication::translate(
                        "CsvCodec", "line %1: a record of over %2 bytes (a quote never closed?)")
                          .arg(m_recordLine)
                          .arg(limit);
            }
            return false;
        }
    }
    return true;
}

void CsvReader::finish()
{
    switch (m_state) {
    case State::Quoted:
        m_onError({ m_recordLine,
            QCoreApplication::translate("CsvCodec", "a quoted cell is never closed") });
        return;
    case State::FieldStart:
        if (m_fields.isEmpty())
            return; // ended cleanly after a line end
        [[fallthrough]];
    case State::QuoteInQuoted:
    case State::Unquoted:
        endField(); // a last record without a line end
        endRecord();
        return;
    }
}

void CsvReader::endField()
{
    m_fields.append(m_field);
    m_field.clear();
    m_state = State::FieldStart;
}

void CsvReader::endRecord()
{
    const qint64 line = m_recordLine;
    m_recordLine = m_line;
    m_recordBytes = 0;
    QList<QByteArray> fields;
    fields.swap(m_fields);
    if (m_header) {
        m_header = false;
        // Custom columns after the standard ones are read past.
        if (fields.size() > kColumns && fields.first(kColumns).join(',') + "\r\n" == kHeader) {
            m_columns = fields.size();
            return;
        }
        if (fields.join(',') + "\r\n" != kHeader) {
            m_onError({ line,
                QCoreApplication::translate("CsvCodec", "the header is not %1")
                    .arg(QString::fromLatin1(kHeader).trimmed()) });
        }
        return;
    }
    if (fields.size() == 1 && fields.front().isEmpty())
        return; // a blank line
    CaptureRecord record;
    QString why;
    if (!toRecord(fields, m_columns, &record, &why)) {
        m_onError({ line, why });
        return;
    }
    m_onRecord(std::move(record));
}

} // namespace

bool readCsv(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, qsizetype maxRecordBytes, const CancelCheck &cancelled)
{
    CsvReader reader(onRecord, onError, maxRecordBytes);
    const auto feed = [&](QByteArrayView block) {
        return reader.feed(block.data(), block.data() + block.size(), fatalError);
    };
    if (!readCaptureBlocks(device, feed, fatalError, cancelled))
        return false;
    reader.finish();
    return true;
}

} // namespace ssescope
