#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/common/JsonWriter.h"

namespace ssescope {

// {"kind":"event","stream":...,"seq":...,"id":...,"type":...,"data":...,
//  "received":"2026-11-25T14:51:42.348123Z","mono_ns":...,"chunk":...,"bytes":...,"latency_ms":1.5|null}
// {"kind":"comment","stream":...,"text":...,"received":...,"mono_ns":...}
class JsonlWriter final : public CaptureWriter
{
public:
    using CaptureWriter::CaptureWriter;
    void write(const CaptureRecordView &record) override;
};

bool readJsonl(QIODevice *device, const RecordHandler &onRecord, const ReadErrorHandler &onError,
    QString *fatalError, qsizetype maxLineBytes = kMaxCaptureLineBytes,
    const CancelCheck &cancelled = {});

void appendLatency(ByteBuffer &out, const std::optional<double> &latencyMs, const char *none);

} // namespace ssescope
