#include "CaptureRecorder.h"

#include "core/capture/OutputTarget.h"
#include "core/store/EventStore.h"

#include <QCoreApplication>

namespace ssescope {

CaptureRecorder::~CaptureRecorder()
{
    stop();
}

bool CaptureRecorder::start(const QString &path, QString *error)
{
    stop();
    // Written as it goes, so never through QSaveFile: a regular file is
    // truncated, a device or FIFO written through (a FIFO with no reader is
    // refused at once rather than freezing the window), a folder refused.
    m_path = path;
    const OutputKind kind = outputKind(path);
    QString reason;
    bool opened = false;
    if (kind == OutputKind::Refused) {
        reason = outputRefusal(path);
    } else if (kind == OutputKind::WriteThrough) {
        opened = openWriteThrough(m_file, path, &reason);
    } else {
        m_file.setFileName(path);
        // Unbuffered: the writer buffers already, and QFile's own buffer held
        // a failed write back until close, where nothing said why.
        opened = m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered);
        reason = m_file.errorString();
        if (opened)
            restrictToOwner(m_file.handle());
    }
    if (!opened) {
        if (error)
            *error = QCoreApplication::translate("CaptureRecorder", "Cannot record to %1: %2")
                         .arg(path, reason);
        return false;
    }
    m_writer = CaptureWriter::create(CaptureFormat::JsonLines, &m_file);
    m_names.clear();
    m_events = 0;
    m_error.clear();
    return true;
}

bool CaptureRecorder::append(const EventBatch &batch, const EventStore &names)
{
    if (!m_writer)
        return false;
    batch.forEachEvent(
        [&](const SseEventView &event, std::optional<double> latencyMs, const QByteArray *) {
            auto name = m_names.find(event.stream);
            if (name == m_names.end())
                name = m_names.insert(event.stream, names.streamName(event.stream).toUtf8());
            m_writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, *name,
                event.streamSeq, event.id, event.type, event.data, event.arrivalWallNs,
                event.arrivalSteadyNs, event.chunkIndex, event.wireBytes, latencyMs });
            ++m_events;
        });
    if (!m_writer->flush() || m_writer->hasError()) {
        m_error = QCoreApplication::translate("CaptureRecorder", "Recording to %1 stopped: %2")
                      .arg(m_path, m_writer->errorString());
        m_writer.reset();
        m_file.close();
        return false;
    }
    return true;
}

void CaptureRecorder::stop()
{
    if (!m_writer)
        return;
    if ((!m_writer->flush() || m_writer->hasError()) && m_error.isEmpty())
        m_error = QCoreApplication::translate("CaptureRecorder", "Recording to %1 stopped: %2")
                      .arg(m_file.fileName(), m_writer->errorString());
    m_writer.reset();
    m_file.close();
}

} // namespace ssescope
