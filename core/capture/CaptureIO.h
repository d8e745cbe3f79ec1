#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/sse/SseEvent.h"
#include "core/store/EventStore.h"

#include <QHash>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

class QIODevice;

namespace ssescope {

// The capture I/O of every front end: the window runs these on a worker
// (ExportJob, CaptureLoader), the CLI and the tests call them directly.

struct ExportFilter
{
    QStringList streams; // names; empty = all
    QByteArrayList types; // empty = all
    std::optional<qint64> fromWallNs; // inclusive
    std::optional<qint64> toWallNs; // exclusive
    QString text; // case-insensitive substring of the data; empty = all

    bool accepts(const StoredEventView &event, const QString &streamName) const;
};

struct ExportResult
{
    qint64 written = 0;
    qint64 refused = 0; // left out: the format cannot carry them (CaptureWriter::refusedRecords)
    qint64 lost
        = 0; // asked for by sequence number, but dropped by the memory cap before the snapshot
    bool cancelled = false;
    QString error; // empty on success
};

// Returns false to cancel. Called every few thousand events, and once with
// done == total at the end of an export that was not cancelled.
using ExportProgress = std::function<bool(qint64 done, qint64 total)>;

// Streams the store into the device: one reused buffer, no second copy.
// From a snapshot it may run on a worker thread while the owner appends.
// options: CSV's custom columns, HAR's requests (CaptureWriter::create).
ExportResult exportStore(const EventStoreSnapshot &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter = {}, const ExportProgress &progress = {},
    const WriterOptions &options = {});
// On the store's own thread.
ExportResult exportStore(const EventStore &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter = {}, const ExportProgress &progress = {},
    const WriterOptions &options = {});
// The events with these store sequence numbers, in this order (a sorted or
// filtered table, a selection); those the snapshot no longer holds are lost.
ExportResult exportEvents(const EventStoreSnapshot &store, const std::vector<quint64> &seqs,
    CaptureFormat format, QIODevice *device, const ExportProgress &progress = {},
    const WriterOptions &options = {});

struct ImportResult
{
    qint64 events = 0;
    qint64 comments = 0; // read, but the store keeps events only
    QList<CaptureReadError> errors; // importCapture() only; readCaptureEvents() reports them
    QString fatalError;
    bool cancelled = false; // readCaptureEvents() stopped at its cancel check
};

// The streams of a capture by name: names already known keep their ids, a
// new one gets the next id, in order of first appearance.
struct CaptureStreams
{
    QHash<QByteArray, StreamId> ids;
    StreamId next = 1;
};

// id is event.id as an array, for EventStore::append's sharedId.
using CaptureEventHandler = std::function<void(
    const SseEventView &event, std::optional<double> latencyMs, const QByteArray &id)>;
using NewStreamHandler = std::function<void(StreamId stream, const QString &name)>;

// Reads a capture as the events a store holds. Corrupt records go to
// onError with their line and are skipped; the rest is read. cancelled is
// asked before each block read (readCapture()).
ImportResult readCaptureEvents(CaptureFormat format, QIODevice *device, CaptureStreams &streams,
    const CaptureEventHandler &onEvent, const NewStreamHandler &onNewStream,
    const ReadErrorHandler &onError, const CancelCheck &cancelled = {});

// Loads a capture into the store; streams are matched by name. Corrupt
// records are reported with their line and skipped; the rest loads.
ImportResult importCapture(CaptureFormat format, QIODevice *device, EventStore &store);

struct ConvertResult
{
    qint64 written = 0; // records, comments included
    bool readOk = true; // false: reading stopped at readError
    QString readError;
    QString writeError;
};

// Record by record from one format into another, comments kept where the
// output format has room for them. Corrupt records go to onError, skipped.
ConvertResult convertCapture(CaptureFormat from, QIODevice *in, CaptureFormat to, QIODevice *out,
    const ReadErrorHandler &onError, const WriterOptions &options = {});

} // namespace ssescope
