#pragma once

#include "core/capture/CaptureRecord.h"
#include "core/common/ByteBuffer.h"
#include "core/store/JsonColumn.h"

#include <QHash>

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace ssescope {

// Har is written only (an export, or convert's output): it is not a capture
// that can be read back or appended to.
enum class CaptureFormat { JsonLines, Csv, RawSse, Har };

std::optional<CaptureFormat> captureFormatFromName(const QString &name); // jsonl, csv, sse, har
std::optional<CaptureFormat> captureFormatFromPath(const QString &path); // by extension
QString captureFormatName(CaptureFormat format);

struct HarRequest;

// What some formats write besides the records.
struct WriterOptions
{
    QList<JsonColumn> columns; // CSV: custom columns after the standard ones
    const QHash<QByteArray, HarRequest> *requests = nullptr; // HAR: by stream name; may be null
};

// Formats records into a device through one reused buffer, flushed in 256 KiB
// writes. The device's write errors are reported by errorString().
class CaptureWriter
{
public:
    explicit CaptureWriter(QIODevice *device);
    virtual ~CaptureWriter();
    Q_DISABLE_COPY_MOVE(CaptureWriter)

    virtual void write(const CaptureRecordView &record) = 0;
    bool flush();
    // After the last record: what a format holds until the end (a HAR's
    // one document) is written, then flushed.
    virtual bool finish() { return flush(); }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // Records the format cannot carry faithfully (an id with a line break in
    // raw SSE, say): each left out, with its reason written in its place.
    qint64 refusedRecords() const { return m_refused; }

    static std::unique_ptr<CaptureWriter> create(
        CaptureFormat format, QIODevice *device, const WriterOptions &options = {});

protected:
    void maybeFlush();
    void refuse() { ++m_refused; }
    ByteBuffer m_buffer;

private:
    QIODevice *m_device;
    QString m_error;
    qint64 m_refused = 0;
};

// A record read back, or the reason a line could not be.
struct CaptureReadError
{
    qint64 line = 0;
    QString message;
};

// The longest JSON Lines line or CSV record a reader holds: an event carries
// at most 128 MiB of data (SseParserLimits), which fits unless most of it
// needs escaping. Past it a reader names the line and skips it (JSON Lines)
// or stops (CSV, which cannot find the next record inside an open quote).
constexpr qsizetype kMaxCaptureLineBytes = 256 * 1024 * 1024;

// Reads a capture, record by record; a corrupt record is reported with its
// line number and skipped, and reading goes on.
using RecordHandler = std::function<void(CaptureRecord &&record)>;
using ReadErrorHandler = std::function<void(const CaptureReadError &error)>;
// Asked before each block read: true stops reading (readCapture() returns
// false and leaves fatalError alone), so that a huge capture read on a worker
// does not hold up its owner's cancel.
using CancelCheck = std::function<bool()>;
bool readCapture(CaptureFormat format, QIODevice *device, const RecordHandler &onRecord,
    const ReadErrorHandler &onError, QString *fatalError, const CancelCheck &cancelled = {});

} // namespace ssescope
