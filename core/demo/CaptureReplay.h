#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
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

        // The id in effect after the last event: an event without one keeps
        // the one before it.
        QByteArray endId;
        // Sent after the last event as an id alone (an "id:" line and the
        // blank line, which sets a client's last event ID and dispatches
        // nothing) when endId does not tell the end apart: none, set more
        // than once, or set before the last event. A client that reconnects
        // then sends it and is told the stream is over; without it a stream
        // with no usable id would start again for ever. Empty when endId
        // is set by the last event alone.
        QByteArray endMarker;

        // Where a request with this Last-Event-ID starts: the event after the
        // one that set it; 0 (the start) for no id, an unknown or ambiguous one.
        qsizetype resumeAfter(const QByteArray &lastEventId) const;
        // The client has the whole stream: its Last-Event-ID is the one in
        // effect at the end, or the end marker. A client cut inside an
        // id-less tail says the same, and so loses the rest of the tail
        // rather than getting it twice.
        bool hasEnded(const QByteArray &lastEventId) const;
        bool idsUnique() const;
        qint64 durationNs() const;
    };

    // Reads a capture (.jsonl, .csv, .sse; by extension). Nullptr with a
    // sentence in *error when it cannot be read or holds no event; records it
    // could not read are counted in skippedRecords() and the rest served.
    // cancelled is asked before each block read: once it says true, reading
    // stops and load returns nullptr (a window that quits while a large
    // capture is read for serving does not wait for the whole file).
    static std::shared_ptr<const CaptureReplay> load(
        const QString &path, QString *error, const std::function<bool()> &cancelled = {});

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
