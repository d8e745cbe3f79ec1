#pragma once

#include "core/capture/CaptureFormat.h"

#include <vector>

namespace ssescope {

// RFC 4180, UTF-8, CRLF records, header
//   stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms
// and any custom columns after it (a reader ignores them).
// Events only: CSV has no place for comments. Text cells that a spreadsheet
// would run as a formula (leading = + - @ tab CR) get a leading apostrophe,
// and so do cells already starting with one, so reading back is exact.
class CsvWriter final : public CaptureWriter
{
public:
    // columns: custom columns written after the standard ones, each the
    // value at its JSON Pointer in the data, headed by its name.
    explicit CsvWriter(QIODevice *device, const QList<JsonColumn> &columns = {});
    void write(const CaptureRecordView &record) override;

private:
    QList<JsonColumn> m_columns;
    std::vector<JsonColumnReader> m_readers;
    bool m_headerWritten = false;
};

bool readCsv(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, qsizetype maxRecordBytes = kMaxCaptureLineBytes,
    const CancelCheck &cancelled = {});

} // namespace ssescope
