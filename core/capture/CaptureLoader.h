#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/common/BackgroundTask.h"
#include "core/net/EventBatch.h"

#include <QHash>
#include <QObject>
#include <QSemaphore>
#include <QString>

#include <memory>

namespace ssescope {

// Reads a capture file on a BackgroundTask (readCaptureEvents, the path
// importCapture and the tests take too) and hands its events over in flat
// batches, the same shape live streams arrive in, so a capture of any size
// opens with a live window: the GUI thread only ingests one bounded batch per
// event-loop turn. At most a few batches are in flight; the reader waits for
// the window rather than filling memory.
class CaptureLoader final : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kBatchEvents = 16384;

    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;
    Q_DISABLE_COPY_MOVE(CaptureLoader)

    // Streams in the capture get ids from firstStream on, in order of appearance.
    void start(const QString &path, CaptureFormat format, StreamId firstStream);
    // Returns once the reader has stopped; nothing it read reaches batchRead after.
    void cancel();
    bool isRunning() const;
    // The receiver took a batch: the reader may read another.
    void batchConsumed() { m_slots.release(); }

Q_SIGNALS:
    // newStreams: the streams first seen in this batch, by id.
    void batchRead(const std::shared_ptr<ssescope::EventBatch> &batch,
        const QHash<ssescope::StreamId, QString> &newStreams);
    void progress(qint64 bytesRead, qint64 bytesTotal);
    // events: how many were read; message: what went wrong, or a summary.
    void finished(bool ok, qint64 events, const QString &message);

private:
    // On the worker.
    void run(BackgroundTask::Context &context, const QString &path, CaptureFormat format,
        StreamId firstStream);

    BackgroundTask *m_task;
    // Batches the window may still take: the reader waits for one before it
    // hands another over, so memory stays bounded however large the file.
    QSemaphore m_slots;
    bool m_reported = false; // finished() was emitted for this run
};

} // namespace ssescope
