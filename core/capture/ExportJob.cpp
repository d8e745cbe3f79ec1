#include "ExportJob.h"

#include "core/capture/CaptureIO.h"
#include "core/capture/OutputTarget.h"
#include "core/store/EventStore.h"

#include <climits>

namespace ssescope {

ExportJob::ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
    const QString &path, QObject *parent)
    : QObject(parent)
    , m_task(new BackgroundTask(this))
    , m_snapshot(store.snapshot())
    , m_seqs(std::move(seqs))
    , m_format(format)
    , m_path(path)
{
    connect(m_task, &BackgroundTask::progress, this, &ExportJob::progress);
    connect(m_task, &BackgroundTask::finished, this, &ExportJob::deliver);
}

ExportJob::~ExportJob()
{
    m_task->cancel();
}

void ExportJob::setWriterOptions(
    const QList<JsonColumn> &columns, QHash<QByteArray, HarRequest> requests)
{
    m_columns = columns;
    m_requests = std::move(requests);
}

void ExportJob::start()
{
    m_task->start([this](BackgroundTask::Context &context) { m_outcome = run(context); });
}

void ExportJob::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_task->cancel();
    if (m_outcome.committed) {
        // Too late to cancel: the file is written. Its last progress was
        // dropped with the cancel.
        Q_EMIT progress(total(), total());
        deliver();
        return;
    }
    finish(false, tr("Export cancelled; no file was written."));
}

ExportJob::Outcome ExportJob::run(BackgroundTask::Context &context) const
{
    Outcome outcome;
    // A regular file is replaced whole; a device or FIFO is written through,
    // since replacing it would put a regular file where the device was; a
    // folder is refused.
    OutputFile file(m_path);
    if (!file.open()) {
        outcome.message = tr("Cannot write %1: %2").arg(m_path, file.errorString());
        return outcome;
    }
    const ExportResult result = exportEvents(
        m_snapshot, m_seqs, m_format, file.device(),
        [&](qint64 done, qint64 total) {
            context.reportProgress(done, total);
            return !context.isCanceled();
        },
        WriterOptions { m_columns, &m_requests });
    outcome.written = result.written;
    outcome.lost = result.lost;
    if (result.cancelled || context.isCanceled()) {
        file.cancel();
        return outcome; // cancel() reports it
    }
    if (!result.error.isEmpty() || !file.commit()) {
        const QString reason = result.error.isEmpty() ? file.errorString() : result.error;
        file.cancel();
        outcome.message = tr("Export to %1 failed: %2").arg(m_path, reason);
        return outcome;
    }
    outcome.ok = true;
    outcome.committed = true;
    outcome.message = tr(
        "Exported %n event(s) to %1.", nullptr, int(std::min<qint64>(outcome.written, INT_MAX)))
                          .arg(m_path);
    if (outcome.lost > 0)
        outcome.message += u' '
            + tr("%n event(s) had been dropped by the memory cap before the export began.", nullptr,
                int(std::min<qint64>(outcome.lost, INT_MAX)));
    return outcome;
}

void ExportJob::deliver()
{
    m_written = m_outcome.written;
    m_lost = m_outcome.lost;
    finish(m_outcome.ok, m_outcome.message);
}

void ExportJob::finish(bool ok, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(ok, message);
}

} // namespace ssescope
