#include "JsonlCodec.h"

#include "core/capture/BlockReader.h"
#include "core/common/JsonWriter.h"
#include "core/common/TimeValue.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// Events come many to a second: the date and time up to the second are
// formatted once per second, the microseconds per event.
void appendReceived(ByteBuffer &out, qint64 wallNs)
{
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local char cached[32];
    const qint64 micros = wallNs >= 0 ? wallNs / 1000 : -((-wallNs + 999) / 1000);
    const qint64 second = micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000);
    if (second != cachedSecond) {
        formatRfc3339Micros(second * 1'000'000'000, cached);
        cachedSecond = second;
    }
    char *at = out.reserve(29);
    at[0] = '"';
    std::memcpy(at + 1, cached, 20); // "YYYY-MM-DDTHH:MM:SS."
    qint64 fraction = micros - second * 1'000'000;
    for (int i = 26; i >= 21; --i) {
        at[i] = char('0' + fraction % 10);
        fraction /= 10;
    }
    at[27] = 'Z';
    at[28] = '"';
    out.commit(29);
}

} // namespace

void appendLatency(ByteBuffer &out, const std::optional<double> &latencyMs, const char *none)
{
    if (!latencyMs || !std::isfinite(*latencyMs) || std::abs(*latencyMs) > 9e12) {
        out.append(QByteArrayView(none));
        return;
    }
    // Three decimals by integer arithmetic: printf("%.3f") was a third of
    // the CLI's time with latency on.
    qint64 thousandths = std::llround(*latencyMs * 1000.0);
    if (thousandths < 0) {
        out.append('-');
        thousandths = -thousandths;
    }
    out.appendUInt(quint64(thousandths / 1000));
    char *o = out.reserve(4);
    const auto fraction = unsigned(thousandths % 1000);
    o[0] = '.';
    o[1] = char('0' + fraction / 100);
    o[2] = char('0' + fraction / 10 % 10);
    o[3] = char('0' + fraction % 10);
    out.commit(4);
}

void JsonlWriter::write(const CaptureRecordView &r)
{
    ByteBuffer &out = m_buffer;
    if (r.kind == CaptureRecordView::Kind::Comment) {
        out.appendLiteral("{\"kind\":\"comment\",\"stream\":");
        appendJsonString(out, r.stream);
        out.appendLiteral(",\"text\":");
        appendJsonString(out, r.data);
        out.appendLiteral(",\"received\":");
        appendReceived(out, r.receivedWallNs);
        out.appendLiteral(",\"mono_ns\":");
        out.appendInt(r.monoNs);
        out.appendLiteral("}\n");
        maybeFlush();
        return;
    }
    out.appendLiteral("{\"kind\":\"event\",\"stream\":");
    appendJsonString(out, r.stream);
    out.appendLiteral(",\"seq\":");
    out.appendUInt(r.streamSeq);
    out.appendLiteral(",\"id\":");
    appendJsonString(out, r.id);
    out.appendLiteral(",\"type\":");
    appendJsonString(out, r.type);
    out.appendLiteral(",\"data\":");
    appendJsonString(out, r.data);
    out.appendLiteral(",\"received\":");
    appendReceived(out, r.receivedWallNs);
    out.appendLiteral(",\"mono_ns\":");
    out.appendInt(r.monoNs);
    out.appendLiteral(",\"chunk\":");
    out.appendUInt(r.chunk);
    out.appendLiteral(",\"bytes\":");
    out.appendUInt(r.bytes);
    out.appendLiteral(",\"latency_ms\":");
    appendLatency(out, r.latencyMs, "null");
    out.appendLiteral("}\n");
    maybeFlush();
}

namespace {

bool toRecord(const QJsonObject &o, CaptureRecord *r, QString *why)
{
    const QString kind = o.value(u"kind"_s).toString();
    const auto text = [&](const QString &key, QByteArray *out) {
        const QJsonValue v = o.value(key);
        if (!v.isString()) {
            *why = QCoreApplication::translate("JsonlCodec", "\"%1\" must be a string").arg(key);
            return false;
        }
        *out = v.toString().toUtf8();
        return true;
    };
    const auto integer = [&](const QString &key, qint64 minimum, qint64 *out) {
        const QJsonValue v = o.value(key);
        // toInteger() gives its default for a fraction or for a number past
        // 64 bits (1e300): two different defaults tell that from a real value.
        const qint64 value = v.toInteger(0);
        if (!v.isDouble() || value != v.toInteger(1)) {
            *why = QCoreApplication::translate("JsonlCodec", "\"%1\" must be a whole number")
                       .arg(key);
            return false;
        }
        if (value < minimum) {
            *why = QCoreApplication::translate("JsonlCodec", "\"%1\" must not be negative: %2")
                       .arg(key)
                       .arg(value);
            return false;
        }
        *out = value;
        return true;
    };
    QByteArray received;
    if (!text(u"stream"_s, &r->stream) || !text(u"received"_s, &received))
        return false;
    const auto wall = epochNsFromRfc3339(received);
    if (!wall) {
        *why = QCoreApplication::translate(
            "JsonlCodec", "\"received\" is not an RFC 3339 time between %1 and %2: %3")
                   .arg(kFirstYear)
                   .arg(kLastYear)
                   .arg(QString::fromUtf8(received));
        return false;
    }
    r->receivedWallNs = *wall;
    if (!integer(u"mono_ns"_s, std::numeric_limits<qint64>::min(), &r->monoNs))
        return false;
    if (kind == u"comment") {
        r->kind = CaptureRecordView::Kind::Comment;
        return text(u"text"_s, &r->data);
    }
    if (kind != u"event") {
        *why = QCoreApplication::translate(
            "JsonlCodec", "\"kind\" must be \"event\" or \"comment\"");
        return false;
    }
    qint64 seq = 0, chunk = 0, bytes = 0;
    if (!integer(u"seq"_s, 0, &seq) || !text(u"id"_s, &r->id) || !text(u"type"_s, &r->type)
        || !text(u"data"_s, &r->data) || !integer(u"chunk"_s, 0, &chunk)
        || !integer(u"bytes"_s, 0, &bytes))
        return false;
    r->streamSeq = quint64(seq);
    r->chunk = quint64(chunk);
    r->bytes = quint64(bytes);
    const QJsonValue latency = o.value(u"latency_ms"_s);
    if (latency.isDouble())
        r->latencyMs = latency.toDouble();
    else if (!latency.isNull() && !latency.isUndefined()) {
        *why = QCoreApplication::translate("JsonlCodec", "\"latency_ms\" must be a number or null");
        return false;
    }
    return true;
}

} // namespace

namespace {

void readJsonlLine(QByteArrayView line, qint64 lineNumber, const RecordHandler &onRecord,
    const ReadErrorHandler &onError)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        onError({ lineNumber,
            parseError.error != QJsonParseError::NoError
                ? QCoreApplication::translate("JsonlCodec", "not valid JSON (%1 at column %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset + 1)
                : QCoreApplication::translate("JsonlCodec", "not a JSON object") });
        return;
    }
    CaptureRecord record;
    QString why;
    if (!toRecord(doc.object(), &record, &why)) {
        onError({ lineNumber, why });
        return;
    }
    onRecord(std::move(record));
}

} // namespace

bool readJsonl(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, qsizetype maxLineBytes, const CancelCheck &cancelled)
{
    QByteArray line; // a line that spans blocks; a whole one in a block is read in place
    qint64 lineNumber = 1;
    qint64 skipped = -1; // bytes of an over-long line being skipped, else -1
    const auto reportSkipped = [&] {
        onError({ lineNumber,
            QCoreApplication::translate(
                "JsonlCodec", "a line of %1 bytes, over the limit of %2: left out")
                .arg(skipped)
                .arg(maxLineBytes) });
        skipped = -1;
    };
    const auto feed = [&](QByteArrayView block) {
        const char *p = block.data();
        const char *end = p + block.size();
        while (p < end) {
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const qsizetype length = (lf ? lf : end) - p;
            // Never held whole: past the limit the rest of the line is only counted.
            if (skipped < 0 && line.size() + length > maxLineBytes) {
                skipped = line.size();
                line = QByteArray();
            }
            if (skipped >= 0)
                skipped += length;
            else if (lf && line.isEmpty())
                readJsonlLine(QByteArrayView(p, length), lineNumber, onRecord, onError);
            else
                line.append(p, length);
            if (!lf)
                break;
            if (skipped >= 0) {
                reportSkipped();
            } else if (!line.isEmpty()) {
                readJsonlLine(line, lineNumber, onRecord, onError);
                line.clear();
            }
            ++lineNumber;
            p = lf + 1;
        }
        return true;
    };
    if (!readCaptureBlocks(device, feed, fatalError, cancelled))
        return false;
    if (skipped >= 0)
        reportSkipped();
    else if (!line.isEmpty())
        readJsonlLine(line, lineNumber, onRecord, onError);
    return true;
}

} // namespace ssescope
