#include "CaptureIO.h"

#include <QIODevice>

namespace ssescope {

namespace {

constexpr qint64 kProgressEvery = 4096;

// The one export loop. rowOf(i) is the snapshot row of the i-th event to
// write, or -1 when the snapshot no longer holds it.
template<typename RowOf>
ExportResult exportRows(const EventStoreSnapshot &store, qint64 total, const RowOf &rowOf,
    CaptureFormat format, QIODevice *device, const ExportFilter &filter,
    const ExportProgress &progress, const WriterOptions &options)
{
    ExportResult result;
    auto writer = CaptureWriter::create(format, device, options);
    QHash<StreamId, QByteArray> names;
    for (qint64 i = 0; i < total; ++i) {
        if (progress && i % kProgressEvery == 0 && !progress(i, total)) {
            result.cancelled = true;
            break;
        }
        const qint64 row = rowOf(i);
        if (row < 0) {
            ++result.lost;
            continue;
        }
        const StoredEventView event = store.at(row);
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
    }
    if (result.cancelled)
        writer->flush();
    else
        writer->finish();
    result.refused = writer->refusedRecords();
    result.written -= result.refused;
    if (writer->hasError())
        result.error = writer->errorString();
    else if (progress && !result.cancelled)
        progress(total, total);
    return result;
}

} // namespace

bool ExportFilter::accepts(const StoredEventView &event, const QString &streamName) const
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
    const ExportFilter &filter, const ExportProgress &progress, const WriterOptions &options)
{
    return exportStore(store.snapshot(), format, device, filter, progress, options);
}

ExportResult exportStore(const EventStoreSnapshot &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter, const ExportProgress &progress, const WriterOptions &options)
{
    return exportRows(
        store, store.size(), [](qint64 i) { return i; }, format, device, filter, progress, options);
}

ExportResult exportEvents(const EventStoreSnapshot &store, const std::vector<quint64> &seqs,
    CaptureFormat format, QIODevice *device, const ExportProgress &progress,
    const WriterOptions &options)
{
    const quint64 first = store.firstSeq();
    const qint64 size = store.size();
    const auto rowOf = [&](qint64 i) -> qint64 {
        const quint64 seq = seqs[std::size_t(i)];
        const auto row = qint64(seq - first);
        return seq < first || row >= size ? -1 : row;
    };
    return exportRows(store, qint64(seqs.size()), rowOf, format, device, {}, progress, options);
}

ImportResult readCaptureEvents(CaptureFormat format, QIODevice *device, CaptureStreams &streams,
    const CaptureEventHandler &onEvent, const NewStreamHandler &onNewStream,
    const ReadErrorHandler &onError, const CancelCheck &cancelled)
{
    ImportResult result;
    const auto onRecord = [&](CaptureRecord &&record) {
        if (record.kind == CaptureRecordView::Kind::Comment) {
            ++result.comments;
            return;
        }
        auto id = streams.ids.find(record.stream);
        if (id == streams.ids.end()) {
            id = streams.ids.insert(record.stream, streams.next++);
            onNewStream(*id, QString::fromUtf8(record.stream));
        }
        SseEventView view;
        view.stream = *id;
        view.streamSeq = record.streamSeq;
        view.id = record.id;
        view.type = record.type;
        view.data = record.data;
        view.arrivalSteadyNs = record.monoNs;
        view.arrivalWallNs = record.receivedWallNs;
        view.chunkIndex = record.chunk;
        view.wireBytes = record.bytes;
        onEvent(view, record.latencyMs, record.id);
        ++result.events;
    };
    if (!readCapture(format, device, onRecord, onError, &result.fatalError, cancelled))
        result.cancelled = cancelled && cancelled();
    return result;
}

ImportResult importCapture(CaptureFormat format, QIODevice *device, EventStore &store)
{
    CaptureStreams streams;
    for (auto it = store.streamNames().cbegin(); it != store.streamNames().cend(); ++it) {
        streams.ids.insert(it.value().toUtf8(), it.key());
        streams.next = std::max(streams.next, it.key() + 1);
    }
    QList<CaptureReadError> errors;
    ImportResult result = readCaptureEvents(
        format, device, streams,
        [&](const SseEventView &event, std::optional<double> latencyMs, const QByteArray &id) {
            store.append(event, latencyMs, &id);
        },
        [&](StreamId stream, const QString &name) { store.setStreamName(stream, name); },
        [&](const CaptureReadError &error) { errors.append(error); });
    result.errors = std::move(errors);
    return result;
}

ConvertResult convertCapture(CaptureFormat from, QIODevice *in, CaptureFormat to, QIODevice *out,
    const ReadErrorHandler &onError, const WriterOptions &options)
{
    ConvertResult result;
    auto writer = CaptureWriter::create(to, out, options);
    result.readOk = readCapture(
        from, in,
        [&](CaptureRecord &&record) {
            if (writer->hasError())
                return;
            writer->write(record.view());
            ++result.written;
        },
        onError, &result.readError);
    writer->finish();
    if (writer->hasError())
        result.writeError = writer->errorString();
    result.written -= writer->refusedRecords();
    return result;
}

} // namespace ssescope
