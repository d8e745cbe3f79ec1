#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/capture/HarWriter.h"
#include "core/common/BackgroundTask.h"
#include "core/store/EventStoreSnapshot.h"

#include <QObject>

#include <vector>

namespace ssescope {

class EventStore;

// The window's export: exportEvents() (CaptureIO, the same path the CLI and
// the tests take) run on a BackgroundTask, from an immutable snapshot of the
// store taken when the job is made: the window stays live, the memory cap can
// go on dropping old segments, and the worker never reads what the cap
// freed. A regular file is written through QSaveFile: a failed or cancelled
// export leaves any earlier file of that name as it was. A device or FIFO is
// written through (core OutputFile).
class ExportJob final : public QObject
{
    Q_OBJECT
public:
    ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
        const QString &path, QObject *parent = nullptr);
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    // Before start(): CSV's custom columns, HAR's requests by stream name.
    void setWriterOptions(const QList<JsonColumn> &columns, QHash<QByteArray, HarRequest> requests);
    void start();
    // Stops the worker and reports finished(false) before returning.
    void cancel();
    qint64 total() const { return qint64(m_seqs.size()); }
    qint64 written() const { return m_written; }
    qint64 lost() const { return m_lost; } // asked for, but not in the snapshot
    QString path() const { return m_path; }
    // The user cancelled it: not an error to put in front of them.
    bool wasCancelled() const { return m_cancelled; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // ok false: message says why (cancelled, or the write error).
    void finished(bool ok, const QString &message);

private:
    struct Outcome
    {
        bool ok = false;
        bool committed = false;
        qint64 written = 0;
        qint64 lost = 0;
        QString message;
    };

    // On the worker: the export and the file's commit.
    Outcome run(BackgroundTask::Context &context) const;
    void deliver();
    void finish(bool ok, const QString &message);

    BackgroundTask *m_task;
    Outcome m_outcome; // the worker's, read once the task has ended
    EventStoreSnapshot m_snapshot;
    std::vector<quint64> m_seqs;
    CaptureFormat m_format;
    QString m_path;
    QList<JsonColumn> m_columns;
    QHash<QByteArray, HarRequest> m_requests;
    qint64 m_written = 0;
    qint64 m_lost = 0;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace ssescope
