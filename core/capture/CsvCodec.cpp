#include "CsvCodec.h"

#include "capture/JsonlCodec.h"
#include "latency/TimeValue.h"

#include <QIODevice>

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

QByteArray restoreTextCell(QByteArray cell)
{
    if (cell.size() >= 2 && cell.front() == '\'' && isFormulaLead(cell.at(1)))
        cell.remove(0, 1);
    return cell;
}

// Splits one RFC 4180 record off the front of text; false if it is incomplete.
bool takeRecord(const QByteArray &text, qsizetype *pos, QList<QByteArray> *fields, qint64 *newlines)
{
    fields->clear();
    QByteArray field;
    bool quoted = false;
    bool fieldStarted = false;
    qsizetype i = *pos;
    while (i < text.size()) {
        const char c = text.at(i);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text.at(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (i + 1 >= text.size())
                    return false; // need more to know
                quoted = false;
                ++i;
                continue;
            }
            if (c == '\n')
                ++*newlines;
            field.append(c);
            ++i;
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            ++i;
            continue;
        }
        if (c == ',') {
            fields->append(field);
            field.clear();
            fieldStarted = false;
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (c == '\r') {
                if (i + 1 >= text.size())
                    return false;
                if (text.at(i + 1) == '\n')
                    ++i;
            }
            ++*newlines;
            fields->append(field);
            *pos = i + 1;
            return true;
        }
        field.append(c);
        fieldStarted = true;
        ++i;
    }
    return false;
}

bool toRecord(const QList<QByteArray> &f, CaptureRecord *r, QString *why)
{
    if (f.size() != kColumns) {
        *why = u"expected %1 columns, found %2"_s.arg(kColumns).arg(f.size());
        return false;
    }
    bool ok = true;
    const auto number = [&](int column, const char *name) -> qint64 {
        bool good = false;
        const qint64 v = f.at(column).toLongLong(&good);
        if (!good && ok) {
            ok = false;
            *why = u"\"%1\" is not a whole number: %2"_s.arg(
                QLatin1String(name), QString::fromUtf8(f.at(column)));
        }
        return v;
    };
    r->stream = restoreTextCell(f.at(0));
    r->seq = quint64(number(1, "seq"));
    r->id = restoreTextCell(f.at(2));
    r->type = restoreTextCell(f.at(3));
    r->data = restoreTextCell(f.at(4));
    r->monoNs = number(6, "mono_ns");
    r->chunk = quint64(number(7, "chunk"));
    r->bytes = quint32(number(8, "bytes"));
    if (!ok)
        return false;
    const auto wall = epochNsFromRfc3339(f.at(5));
    if (!wall) {
        *why = u"\"received\" is not an RFC 3339 time: %1"_s.arg(QString::fromUtf8(f.at(5)));
        return false;
    }
    r->receivedWallNs = *wall;
    if (!f.at(9).isEmpty()) {
        bool good = false;
        r->latencyMs = f.at(9).toDouble(&good);
        if (!good) {
            *why = u"\"latency_ms\" is not a number: %1"_s.arg(QString::fromUtf8(f.at(9)));
            return false;
        }
    }
    return true;
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device)
    : CaptureWriter(device)
{ }

void CsvWriter::write(const CaptureRecordView &r)
{
    if (r.kind != CaptureRecordView::Kind::Event)
        return;
    ByteBuffer &out = m_buffer;
    if (!m_headerWritten) {
        out.appendLiteral(kHeader);
        m_headerWritten = true;
    }
    appendTextCell(out, r.stream);
    out.append(',');
    out.appendUInt(r.seq);
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
    out.appendLiteral("\r\n");
    maybeFlush();
}

bool readCsv(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError)
{
    QByteArray text;
    qsizetype pos = 0;
    qint64 line = 1;
    bool header = true;
    bool eof = false;
    bool paddedEnd = false;
    QList<QByteArray> fields;
    while (true) {
        const qint64 recordLine = line;
        if (!takeRecord(text, &pos, &fields, &line)) {
            if (eof) {
                if (pos < text.size() && !paddedEnd) { // a last record without a line end
                    text.append("\r\n");
                    paddedEnd = true;
                    continue;
                }
                if (pos < text.size())
                    onError({ recordLine, u"a quoted cell is never closed"_s });
                break;
            }
            text.remove(0, pos);
            pos = 0;
            const QByteArray more = device->read(1024 * 1024);
            if (more.isEmpty()) {
                if (!device->atEnd() && fatalError) {
                    *fatalError = device->errorString();
                    return false;
                }
                eof = true;
            }
            text.append(more);
            line = recordLine;
            continue;
        }
        if (header) {
            header = false;
            if (fields.join(',') + "\r\n" != kHeader) {
                onError({ recordLine,
                    u"the header is not %1"_s.arg(QString::fromLatin1(kHeader).trimmed()) });
            }
            continue;
        }
        if (fields.size() == 1 && fields.front().isEmpty())
            continue; // blank line
        CaptureRecord record;
        QString why;
        if (!toRecord(fields, &record, &why)) {
            onError({ recordLine, why });
            continue;
        }
        onRecord(std::move(record));
    }
    return true;
}

} // namespace ssescope
