#include "CaptureJobs.h"

#include "store/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace ssescope::ui {

namespace {
constexpr int kSliceMs = 12;
} // namespace

ExportJob::ExportJob(const EventStore &store, std::vector<quint64> seqs, CaptureFormat format,
    const QString &path, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_seqs(std::move(seqs))
    , m_format(format)
    , m_file(path)
{
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &ExportJob::writeSlice);
}

ExportJob::~ExportJob()
{
    if (!m_done)
        m_file.cancelWriting();
}

void ExportJob::start()
{
    if (!m_file.open(QIODevice::WriteOnly)) {
        QMetaObject::invokeMethod(this, [this] {
            finish(false, tr("Cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        }, Qt::QueuedConnection);
        return;
    }
    m_writer = CaptureWriter::create(m_format, &m_file);
    m_slice.start();
}

void ExportJob::cancel()
{
    if (m_done)
        return;
    m_slice.stop();
    m_file.cancelWriting();
    finish(false, tr("Export cancelled; no file was written."));
}

void ExportJob::writeSlice()
{
    QElapsedTimer clock;
    clock.start();
    int sinceCheck = 0;
    while (m_next < m_seqs.size()) {
        const qint64 row = m_store.rowOfSeq(m_seqs[m_next++]);
        if (row < 0) {
            ++m_lost;
            continue;
        }
        const StoredEvent event = m_store.at(row);
        auto name = m_names.find(event.stream);
        if (name == m_names.end())
            name = m_names.insert(event.stream, m_store.streamName(event.stream).toUtf8());
        m_writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, *name,
            event.streamSeq, event.id, event.type, event.data, event.arrivalWallNs,
            event.arrivalSteadyNs, event.chunkIndex, event.wireBytes, event.latencyMs });
        ++m_written;
        if (m_writer->hasError())
            break;
        if (++sinceCheck == 1024) {
            sinceCheck = 0;
            if (clock.elapsed() >= kSliceMs)
                break;
        }
    }
    Q_EMIT progress(qint64(m_next), total());
    if (m_writer->hasError()) {
        m_file.cancelWriting();
        finish(false, tr("Export to %1 failed: %2").arg(m_file.fileName(), m_writer->errorString()));
        return;
    }
    if (m_next < m_seqs.size()) {
        m_slice.start();
        return;
    }
    if (!m_writer->flush() || !m_file.commit()) {
        finish(false, tr("Export to %1 failed: %2")
                          .arg(m_file.fileName(),
                              m_writer->hasError() ? m_writer->errorString() : m_file.errorString()));
        return;
    }
    QString message = tr("Exported %n event(s) to %1.", nullptr, int(std::min<qint64>(m_written, INT_MAX)))
                          .arg(m_file.fileName());
    if (m_lost > 0)
        message += u' '
            + tr("%n event(s) were dropped by the memory cap before they could be written.",
                nullptr, int(std::min<qint64>(m_lost, INT_MAX)));
    finish(true, message);
}

void ExportJob::finish(bool ok, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(ok, message);
}

} // namespace ssescope::ui
