#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/net/EventBatcher.h"

#include <QFile>
#include <QHash>
#include <QString>

#include <memory>

namespace ssescope {

class EventStore;

// "Record to disk": every event, as it arrives, appended to a JSON Lines file
// with no cap, while the in-memory store keeps its own. A write error stops
// the recording and says why; what was written stays readable.
class CaptureRecorder final
{
public:
    CaptureRecorder() = default;
    ~CaptureRecorder();
    Q_DISABLE_COPY_MOVE(CaptureRecorder)

    bool start(const QString &path, QString *error);
    // Appends the batch's events; false (and errorString()) once writing failed.
    bool append(const EventBatch &batch, const EventStore &names);
    void stop();

    bool isRecording() const { return m_writer != nullptr; }
    QString path() const { return m_path; }
    qint64 eventsWritten() const { return m_events; }
    QString errorString() const { return m_error; }

private:
    QFile m_file;
    QString m_path;
    std::unique_ptr<CaptureWriter> m_writer;
    QHash<StreamId, QByteArray> m_names;
    qint64 m_events = 0;
    QString m_error;
};

} // namespace ssescope
