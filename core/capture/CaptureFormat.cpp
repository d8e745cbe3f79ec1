#include "CaptureFormat.h"

#include "core/capture/CsvCodec.h"
#include "core/capture/HarWriter.h"
#include "core/capture/JsonlCodec.h"
#include "core/capture/RawSseCodec.h"
#include "core/capture/SequentialSource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {
constexpr qsizetype kFlushBytes = 256 * 1024;
}

std::optional<CaptureFormat> captureFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == u"jsonl" || n == u"json" || n == u"ndjson")
        return CaptureFormat::JsonLines;
    if (n == u"csv")
        return CaptureFormat::Csv;
    if (n == u"sse" || n == u"raw" || n == u"text/event-stream")
        return CaptureFormat::RawSse;
    if (n == u"har")
        return CaptureFormat::Har;
    return std::nullopt;
}

std::optional<CaptureFormat> captureFormatFromPath(const QString &path)
{
    return captureFormatFromName(QFileInfo(path).suffix());
}

QString captureFormatName(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::JsonLines:
        return u"jsonl"_s;
    case CaptureFormat::Csv:
        return u"csv"_s;
    case CaptureFormat::RawSse:
        return u"sse"_s;
    case CaptureFormat::Har:
        return u"har"_s;
    }
    return {};
}

CaptureWriter::CaptureWriter(QIODevice *device)
    : m_buffer(2 * kFlushBytes)
    , m_device(device)
{ }

CaptureWriter::~CaptureWriter() = default;

std::unique_ptr<CaptureWriter> CaptureWriter::create(
    CaptureFormat format, QIODevice *device, const WriterOptions &options)
{
    switch (format) {
    case CaptureFormat::JsonLines:
        return std::make_unique<JsonlWriter>(device);
    case CaptureFormat::Csv:
        return std::make_unique<CsvWriter>(device, options.columns);
    case CaptureFormat::RawSse:
        return std::make_unique<RawSseWriter>(device);
    case CaptureFormat::Har:
        return std::make_unique<HarWriter>(
            device, options.requests ? *options.requests : QHash<QByteArray, HarRequest>());
    }
    return nullptr;
}

void CaptureWriter::maybeFlush()
{
    if (m_buffer.size() >= kFlushBytes)
        flush();
}

bool CaptureWriter::flush()
{
    if (hasError()) {
        m_buffer.clear(); // after a write error, formatting goes on into nothing
        return false;
    }
    if (m_buffer.isEmpty())
        return true;
    const char *p = m_buffer.data();
    qint64 left = m_buffer.size();
    while (left > 0) {
        const qint64 n = m_device->write(p, left);
        if (n <= 0) {
            m_error = m_device->errorString().isEmpty()
                ? QCoreApplication::translate("CaptureFormat", "the output refused the data")
                : m_device->errorString();
            m_buffer.clear();
            return false;
        }
        p += n;
        left -= n;
    }
    m_buffer.clear();
    return true;
}

bool readCapture(CaptureFormat format, QIODevice *device, const RecordHandler &onRecord,
    const ReadErrorHandler &onError, QString *fatalError, const CancelCheck &cancelled)
{
    if (!device || !device->isReadable()) {
        if (fatalError)
            *fatalError = device && !device->errorString().isEmpty()
                    && device->errorString() != u"Unknown error"_s
                ? device->errorString()
                : QCoreApplication::translate(
                    "CaptureFormat", "the capture is not open for reading");
        return false;
    }
    // The readers loop on atEnd(), which a pipe or FIFO says at once.
    if (device->isSequential() && !qobject_cast<SequentialSource *>(device)) {
        SequentialSource source(device);
        return readCapture(format, &source, onRecord, onError, fatalError, cancelled);
    }
    switch (format) {
    case CaptureFormat::JsonLines:
        return readJsonl(device, onRecord, onError, fatalError, kMaxCaptureLineBytes, cancelled);
    case CaptureFormat::Csv:
        return readCsv(device, onRecord, onError, fatalError, kMaxCaptureLineBytes, cancelled);
    case CaptureFormat::RawSse:
        return readRawSse(device, onRecord, onError, fatalError, cancelled);
    case CaptureFormat::Har:
        if (fatalError)
            *fatalError = QCoreApplication::translate("CaptureFormat",
                "HAR is an export format: open a JSON Lines, CSV or text/event-stream capture");
        return false;
    }
    return false;
}

} // namespace ssescope
