#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/store/EventStoreSnapshot.h"

#include <QObject>

#include <atomic>
#include <thread>
#include <vector>

namespace ssescope {

class EventStore;


// Writes chosen events (by store sequence number) to a file on a worker
// thread, from an immutable snapshot of the store taken when it starts: the
// window stays live, the memory cap can go on dropping old segments, and the
// worker never reads what the cap freed. A regular file is written through
// QSaveFile: a failed or cancelled export leaves any earlier file of that
// name as it was. A device or FIFO is written through (core OutputFile).
class ExportJob final : public QObject
{
    Q_OBJECT
public:
    ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
        const QString &path, QObject *parent = nullptr);
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    void start();
    // Stops the worker and reports finished(false) before returning.
    void cancel();
    qint64 total() const { return qint64(m_seqs.size()); }
    qint64 written() const { return m_written; }
    qint64 lost() const { return m_lost; } // asked for, but not in the snapshot
    QString path() const { return m_path; }
    // The user cancelled it: not an error to put in front of them.
    bool wasCancelled() const { return m_cancel; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // ok false: message says why (cancelled, or the write error).
    void finished(bool ok, const QString &message);

private:
    void run();
    void finish(bool ok, const QString &message);

    EventStoreSnapshot m_snapshot;
    std::vector<quint64> m_seqs;
    CaptureFormat m_format;
    QString m_path;
    std::thread m_worker;
    std::atomic_bool m_cancel { false };
    std::atomic<qint64> m_written { 0 };
    std::atomic<qint64> m_lost { 0 };
    std::atomic_bool m_committed { false };
    bool m_done = false;
};

} // namespace ssescope
