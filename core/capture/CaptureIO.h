#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/store/EventStore.h"

#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;

namespace ssescope {

struct ExportFilter
{
    QStringList streams; // names; empty = all
    QByteArrayList types; // empty = all
    std::optional<qint64> fromWallNs; // inclusive
    std::optional<qint64> toWallNs; // exclusive
    QString text; // case-insensitive substring of the data; empty = all

    bool accepts(const StoredEvent &event, const QString &streamName) const;
};

struct ExportResult
{
    qint64 written = 0;
    qint64 refused = 0; // left out: the format cannot carry them (CaptureWriter::refusedRecords)
    bool cancelled = false;
    QString error; // empty on success
};

// Returns false to cancel. Called every few thousand events.
using ExportProgress = std::function<bool(qint64 done, qint64 total)>;

// Streams the store into the device: one reused buffer, no second copy.
// From a snapshot it may run on a worker thread while the owner appends.
ExportResult exportStore(const EventStoreSnapshot &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter = {}, const ExportProgress &progress = {});
// On the store's own thread.
ExportResult exportStore(const EventStore &store, CaptureFormat format, QIODevice *device,
    const ExportFilter &filter = {}, const ExportProgress &progress = {});

struct ImportResult
{
    qint64 events = 0;
    qint64 comments = 0; // read, but the store keeps events only
    QList<CaptureReadError> errors;
    QString fatalError;
};

// Loads a capture into the store; streams are matched by name. Corrupt
// records are reported with their line and skipped; the rest loads.
ImportResult importCapture(CaptureFormat format, QIODevice *device, EventStore &store);

} // namespace ssescope
