#include "CaptureJobs.h"

#include "core/capture/OutputTarget.h"
#include "core/store/EventStore.h"

#include <QHash>

#include <climits>

namespace ssescope {

namespace {
constexpr qint64 kProgressEvery = 16384;
}

ExportJob::ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
    const QString &path, QObject *parent)
    : QObject(parent)
    , m_snapshot(store.snapshot())
    , m_seqs(std::move(seqs))
    , m_format(format)
    , m_path(path)
{
}

ExportJob::~ExportJob()
{
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
}

void ExportJob::start()
{
    m_worker = std::thread([this] { run(); });
}

void ExportJob::cancel()
{
    if (m_done)
        return;
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
    if (m_committed)
        return; // too late: the file is written, and finished() is on its way
    finish(false, tr("Export cancelled; no file was written."));
}

void ExportJob::run()
{
    const auto post = [this](auto &&function) {
        QMetaObject::invokeMethod(this, std::forward<decltype(function)>(function), Qt::QueuedConnection);
    };
    // A regular file is replaced whole; a device or FIFO is written through,
    // never replaced (issue 13, item 1); a folder is refused.
    OutputFile file(m_path);
    if (!file.open()) {
        const QString message = tr("Cannot write %1: %2").arg(m_path, file.errorString());
        post([this, message] { finish(false, message); });
        return;
    }
    auto writer = CaptureWriter::create(m_format, file.device());
    QHash<quint32, QByteArray> names;
    const quint64 first = m_snapshot.firstSeq();
    const qint64 total = qint64(m_seqs.size());
    qint64 done = 0;
    for (quint64 seq : m_seqs) {
        if (m_cancel)
            break;
        ++done;
        const qint64 row = qint64(seq - first);
        if (seq < first || row >= m_snapshot.size()) {
            ++m_lost;
            continue;
        }
        const StoredEvent event = m_snapshot.at(row);
        auto name = names.find(event.stream);
        if (name == names.end())
            name = names.insert(event.stream, m_snapshot.streamName(event.stream).toUtf8());
        writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, *name, event.streamSeq,
            event.id, event.type, event.data, event.arrivalWallNs, event.arrivalSteadyNs,
            event.chunkIndex, event.wireBytes, event.latencyMs });
        ++m_written;
        if (writer->hasError())
            break;
        if (done % kProgressEvery == 0)
            post([this, done, total] { Q_EMIT progress(done, total); });
    }
    if (m_cancel) {
        file.cancel();
        return; // cancel() reports it
    }
    if (writer->hasError() || !writer->flush() || !file.commit()) {
        const QString reason = writer->hasError() ? writer->errorString() : file.errorString();
        file.cancel();
        const QString message = tr("Export to %1 failed: %2").arg(m_path, reason);
        post([this, message] { finish(false, message); });
        return;
    }
    m_committed = true;
    QString message = tr("Exported %n event(s) to %1.", nullptr, int(std::min<qint64>(m_written.load(), INT_MAX)))
                          .arg(m_path);
    if (m_lost > 0)
        message += u' '
            + tr("%n event(s) had been dropped by the memory cap before the export began.", nullptr,
                int(std::min<qint64>(m_lost.load(), INT_MAX)));
    post([this, total, message] {
        Q_EMIT progress(total, total);
        finish(true, message);
    });
}

void ExportJob::finish(bool ok, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(ok, message);
}

} // namespace ssescope
