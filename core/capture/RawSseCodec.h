#pragma once

#include "core/capture/CaptureFormat.h"

namespace ssescope {

// Plain text/event-stream that any SSE parser reads back as the same events.
// What SSE cannot carry (stream, times, chunk, size, latency) rides in a
// comment before each record, which other parsers ignore:
//   : ssescope stream=ticker seq=5 received=2026-...Z mono_ns=... chunk=3 bytes=71 latency_ms=1.250
//   id: 5
//   data: {...}
// Every event states its id, so interleaved streams keep exact ids. A file
// without these comments (say, saved with curl) imports as stream "raw".
class RawSseWriter final : public CaptureWriter
{
public:
    using CaptureWriter::CaptureWriter;
    void write(const CaptureRecordView &record) override;
};

bool readRawSse(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, const CancelCheck &cancelled = {});

} // namespace ssescope
