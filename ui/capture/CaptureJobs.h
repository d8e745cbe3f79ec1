#pragma once

#include "capture/CaptureFormat.h"

#include <QHash>
#include <QObject>
#include <QSaveFile>
#include <QTimer>

#include <memory>
#include <vector>

namespace ssescope {
class EventStore;
}

namespace ssescope::ui {

// Writes chosen events of the store to a file in slices of a few
// milliseconds, so that a million rows export with a live window, a progress
// bar and a cancel button. Events are named by store sequence number: one the
// cap drops before it is written is counted, never read from freed memory.
// The file is written through QSaveFile: a failed or cancelled export leaves
// any earlier file of that name as it was.
class ExportJob final : public QObject
{
    Q_OBJECT
public:
    ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
        const QString &path, QObject *parent = nullptr);
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    void start();
    void cancel();
    qint64 total() const { return qint64(m_seqs.size()); }
    qint64 written() const { return m_written; }
    qint64 lost() const { return m_lost; }
    QString path() const { return m_file.fileName(); }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // ok false: message says why (cancelled, or the write error).
    void finished(bool ok, const QString &message);

private:
    void writeSlice();
    void finish(bool ok, const QString &message);

    const EventStore &m_store;
    std::vector<quint64> m_seqs;
    CaptureFormat m_format;
    QSaveFile m_file;
    std::unique_ptr<CaptureWriter> m_writer;
    QHash<quint32, QByteArray> m_names;
    QTimer m_slice;
    std::size_t m_next = 0;
    qint64 m_written = 0;
    qint64 m_lost = 0;
    bool m_done = false;
};

} // namespace ssescope::ui
