#include "CaptureIO.h"

#include <QIODevice>

namespace ssescope {

namespace {
constexpr qint64 kProgressEvery = 4096;
}

bool ExportFilter::accepts(const StoredEvent &event, const QString &streamName) const
{
    if (!streams.isEmpty() && !streams.contains(streamName))
        return false;
    if (!types.isEmpty() && !types.contains(event.type.toByteArray()))
        return false;
    if (fromWallNs && event.arrivalWallNs < *fromWallNs)
        return false;
    if (toWallNs && event.arrivalWallNs >= *toWallNs)
        return false;
    if (!text.isEmpty() && !QString::fromUtf8(event.data).contains(text, Qt::CaseInsensitive))
        return false;
    return true;
}

ExportResult exportStore(const EventStore &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter, const ExportProgress &progress)
{
    return exportStore(store.snapshot(), format, device, filter, progress);
}

ExportResult exportStore(const EventStoreSnapshot &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter, const ExportProgress &progress)
{
    ExportResult result;
    auto writer = CaptureWriter::create(format, device);
    QHash<StreamId, QByteArray> names;
    const qint64 total = store.size();
    for (qint64 row = 0; row < total; ++row) {
        const StoredEvent event = store.at(row);
        auto name = names.find(event.stream);
        if (name == names.end())
            name = names.insert(event.stream, store.streamName(event.stream).toUtf8());
        if (!filter.accepts(event, QString::fromUtf8(*name)))
            continue;
        writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, *name, event.streamSeq,
            event.id, event.type, event.data, event.arrivalWallNs, event.arrivalSteadyNs,
            event.chunkIndex, event.wireBytes, event.latencyMs });
        ++result.written;
        if (writer->hasError())
            break;
        if (progress && row % kProgressEvery == 0 && !progress(row, total)) {
            result.cancelled = true;
            break;
        }
    }
    writer->flush();
    result.refused = writer->refusedRecords();
    result.written -= result.refused;
    if (writer->hasError())
        result.error = writer->errorString();
    else if (progress && !result.cancelled)
        progress(total, total);
    return result;
}

ImportResult importCapture(CaptureFormat format, QIODevice *device, EventStore &store)
{
    ImportResult result;
    QHash<QByteArray, StreamId> ids;
    StreamId next = 1;
    for (auto it = store.streamNames().cbegin(); it != store.streamNames().cend(); ++it) {
        ids.insert(it.value().toUtf8(), it.key());
        next = std::max(next, it.key() + 1);
    }
    const auto onRecord = [&](CaptureRecord &&record) {
        if (record.kind == CaptureRecordView::Kind::Comment) {
            ++result.comments;
            return;
        }
        auto id = ids.find(record.stream);
        if (id == ids.end()) {
            id = ids.insert(record.stream, next++);
            store.setStreamName(id.value(), QString::fromUtf8(record.stream));
        }
        SseEvent event;
        event.stream = id.value();
        event.seq = record.seq;
        event.id = std::move(record.id);
        event.type = std::move(record.type);
        event.data = std::move(record.data);
        event.arrivalSteadyNs = record.monoNs;
        event.arrivalWallNs = record.receivedWallNs;
        event.chunkIndex = record.chunk;
        event.wireBytes = record.bytes;
        store.append(event, record.latencyMs);
        ++result.events;
    };
    const auto onError = [&](const CaptureReadError &error) {
        result.errors.append(error);
    };
    readCapture(format, device, onRecord, onError, &result.fatalError);
    return result;
}

} // namespace ssescope
