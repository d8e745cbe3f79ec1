#pragma once

#include "core/capture/CaptureFormat.h"

namespace ssescope {

// RFC 4180, UTF-8, CRLF records, header
//   stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms
// Events only: CSV has no place for comments. Text cells that a spreadsheet
// would run as a formula (leading = + - @ tab CR) get a leading apostrophe,
// and so do cells already starting with one, so reading back is exact.
class CsvWriter final : public CaptureWriter
{
public:
    explicit CsvWriter(QIODevice *device);
    void write(const CaptureRecordView &record) override;

private:
    bool m_headerWritten = false;
};

bool readCsv(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, qsizetype maxRecordBytes = kMaxCaptureLineBytes);

} // namespace ssescope
