#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/net/EventBatch.h"

#include <QHash>
#include <QObject>
#include <QSemaphore>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace ssescope {

// Reads a capture file on a worker thread and hands its events over in flat
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
    void cancel();
    bool isRunning() const { return m_worker.joinable() && !m_done; }
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
    void run(const QString &path, CaptureFormat format, StreamId firstStream);
    void stopWorker();

    std::thread m_worker;
    std::atomic_bool m_cancel { false };
    std::atomic_bool m_done { false };
    QSemaphore m_slots;
};

} // namespace ssescope
