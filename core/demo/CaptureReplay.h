#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace ssescope::demo {

// A saved capture, made ready to be served again (CaptureReplayServer): per
// stream, its events as text/event-stream and the network reads they
// arrived in. Read once through the capture I/O path (readCaptureEvents),
// then immutable, so servers on other threads share it.
class CaptureReplay final
{
public:
    // One network read of the capture: its events go out in one write.
    struct Write
    {
        qint64 offsetNs = 0; // after the capture's first arrival, never before the previous
        qsizetype firstEvent = 0;
        qsizetype endEvent = 0; // one past the last
    };

    struct Stream
    {
        QString name;
        QByteArray path; // "/" + the name percent-encoded; /stream-N for "", "." and ".."
        std::vector<QByteArray> events; // each rendered, ending with its blank line
        std::vector<qsizetype> writeOf; // per event, the index of its write
        std::vector<Write> writes;
        // The event that set each id; -1 for an id set more than once (ambiguous).
        QHash<QByteArray, qsizetype> idSetBy;

        // Where a request with this Last-Event-ID starts: the event after the
        // one that set it; 0 (the start) for no id, an unknown or ambiguous one.
        qsizetype resumeAfter(const QByteArray &lastEventId) const;
        bool idsUnique() const;
        qint64 durationNs() const;
    };

    // Reads a capture (.jsonl, .csv, .sse; by extension). Nullptr with a
    // sentence in *error when it cannot be read or holds no event; records it
    // could not read are counted in skippedRecords() and the rest served.
    static std::shared_ptr<const CaptureReplay> load(const QString &path, QString *error);

    const QString &path() const { return m_path; }
    const std::vector<Stream> &streams() const { return m_streams; }
    const Stream *streamForPath(const QByteArray &path) const;
    qint64 skippedRecords() const { return m_skipped; }
    QString firstSkipReason() const { return m_firstSkipReason; }
    qint64 events() const { return m_events; }

private:
    QString m_path;
    std::vector<Stream> m_streams;
    qint64 m_skipped = 0;
    QString m_firstSkipReason;
    qint64 m_events = 0;
};

} // namespace ssescope::demo
