#include "JsonlCodec.h"

#include "latency/TimeValue.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

void appendUInt(QByteArray &out, quint64 value)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value);
    const qsizetype at = out.size();
    out.resize(at + n);
    for (int i = 0; i < n; ++i)
        out[at + i] = digits[n - 1 - i];
}

void appendInt(QByteArray &out, qint64 value)
{
    if (value < 0) {
        out.append('-');
        appendUInt(out, quint64(-(value + 1)) + 1);
    } else {
        appendUInt(out, quint64(value));
    }
}

void appendReceived(QByteArray &out, qint64 wallNs)
{
    char text[32];
    const int n = formatRfc3339Micros(wallNs, text);
    out.append('"');
    out.append(text, n);
    out.append('"');
}

} // namespace

void appendJsonString(QByteArray &out, QByteArrayView s)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const char *p = s.data();
    const char *end = p + s.size();
    const char *run = p;
    for (; p < end; ++p) {
        const auto c = uchar(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        default: {
            const char escaped[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            out.append(escaped, 6);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

void appendLatency(QByteArray &out, const std::optional<double> &latencyMs, const char *none)
{
    if (!latencyMs || !std::isfinite(*latencyMs)) {
        out.append(none);
        return;
    }
    char text[48];
    const int n = std::snprintf(text, sizeof text, "%.3f", *latencyMs);
    out.append(text, n);
}

void JsonlWriter::write(const CaptureRecordView &r)
{
    QByteArray &out = m_buffer;
    if (r.kind == CaptureRecordView::Kind::Comment) {
        out.append("{\"kind\":\"comment\",\"stream\":");
        appendJsonString(out, r.stream);
        out.append(",\"text\":");
        appendJsonString(out, r.data);
        out.append(",\"received\":");
        appendReceived(out, r.receivedWallNs);
        out.append(",\"mono_ns\":");
        appendInt(out, r.monoNs);
        out.append("}\n");
        maybeFlush();
        return;
    }
    out.append("{\"kind\":\"event\",\"stream\":");
    appendJsonString(out, r.stream);
    out.append(",\"seq\":");
    appendUInt(out, r.seq);
    out.append(",\"id\":");
    appendJsonString(out, r.id);
    out.append(",\"type\":");
    appendJsonString(out, r.type);
    out.append(",\"data\":");
    appendJsonString(out, r.data);
    out.append(",\"received\":");
    appendReceived(out, r.receivedWallNs);
    out.append(",\"mono_ns\":");
    appendInt(out, r.monoNs);
    out.append(",\"chunk\":");
    appendUInt(out, r.chunk);
    out.append(",\"bytes\":");
    appendUInt(out, r.bytes);
    out.append(",\"latency_ms\":");
    appendLatency(out, r.latencyMs, "null");
    out.append("}\n");
    maybeFlush();
}

namespace {

bool toRecord(const QJsonObject &o, CaptureRecord *r, QString *why)
{
    const QString kind = o.value(u"kind"_s).toString();
    const auto text = [&](const QString &key, QByteArray *out) {
        const QJsonValue v = o.value(key);
        if (!v.isString()) {
            *why = u"\"%1\" must be a string"_s.arg(key);
            return false;
        }
        *out = v.toString().toUtf8();
        return true;
    };
    const auto integer = [&](const QString &key, qint64 *out) {
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble())) {
            *why = u"\"%1\" must be a whole number"_s.arg(key);
            return false;
        }
        *out = v.toInteger();
        return true;
    };
    QByteArray received;
    if (!text(u"stream"_s, &r->stream) || !text(u"received"_s, &received))
        return false;
    const auto wall = epochNsFromRfc3339(received);
    if (!wall) {
        *why = u"\"received\" is not an RFC 3339 time: %1"_s.arg(QString::fromUtf8(received));
        return false;
    }
    r->receivedWallNs = *wall;
    if (!integer(u"mono_ns"_s, &r->monoNs))
        return false;
    if (kind == u"comment") {
        r->kind = CaptureRecordView::Kind::Comment;
        return text(u"text"_s, &r->data);
    }
    if (kind != u"event") {
        *why = u"\"kind\" must be \"event\" or \"comment\""_s;
        return false;
    }
    qint64 seq = 0, chunk = 0, bytes = 0;
    if (!integer(u"seq"_s, &seq) || !text(u"id"_s, &r->id) || !text(u"type"_s, &r->type)
        || !text(u"data"_s, &r->data) || !integer(u"chunk"_s, &chunk) || !integer(u"bytes"_s, &bytes))
        return false;
    r->seq = quint64(seq);
    r->chunk = quint64(chunk);
    r->bytes = quint32(bytes);
    const QJsonValue latency = o.value(u"latency_ms"_s);
    if (latency.isDouble())
        r->latencyMs = latency.toDouble();
    else if (!latency.isNull() && !latency.isUndefined()) {
        *why = u"\"latency_ms\" must be a number or null"_s;
        return false;
    }
    return true;
}

} // namespace

bool readJsonl(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
               QString *fatalError)
{
    qint64 lineNumber = 0;
    while (!device->atEnd()) {
        QByteArray line = device->readLine();
        if (line.isEmpty() && !device->atEnd()) {
            if (fatalError)
                *fatalError = device->errorString();
            return false;
        }
        ++lineNumber;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            onError({ lineNumber, parseError.error != QJsonParseError::NoError
                              ? u"not valid JSON (%1 at column %2)"_s.arg(parseError.errorString()).arg(parseError.offset + 1)
                              : u"not a JSON object"_s });
            continue;
        }
        CaptureRecord record;
        QString why;
        if (!toRecord(doc.object(), &record, &why)) {
            onError({ lineNumber, why });
            continue;
        }
        onRecord(std::move(record));
    }
    return true;
}

} // namespace ssescope
