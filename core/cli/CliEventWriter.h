#pragma once

#include "capture/CaptureFormat.h"
#include "latency/LatencyExtractor.h"
#include "net/DirectEventConsumer.h"
#include "stats/CaptureStats.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>

namespace ssescope::cli {

// The CLI's hot path: on the network thread, each event is measured and
// formatted straight from the parser's buffers into the output buffer, and
// written out after every network read. Nothing waits in memory, so a long
// capture stays flat. The mutex is taken once per read, not per event; the
// main thread takes it to read statistics or to flush at the end.
class CliEventWriter final : public DirectEventConsumer
{
public:
    struct Settings
    {
        CaptureFormat format = CaptureFormat::JsonLines;
        bool comments = false;
        qint64 maxEvents = 0; // 0 = unlimited
        LatencyConfig latency;
        bool keepStats = false;
    };

    CliEventWriter(Settings settings, QIODevice *output);
    ~CliEventWriter() override;
    Q_DISABLE_COPY_MOVE(CliEventWriter)

    // Before any stream starts.
    void addStream(StreamId stream, const QByteArray &name);
    // Called, from the network thread, when --max-events is reached or the output fails.
    void setStopRequest(std::function<void()> request) { m_stopRequest = std::move(request); }

    void consumeEvent(const SseEventView &event) override;
    void consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp) override;
    void endOfRead() override;

    // From the main thread, once the streams are stopped.
    bool flush();
    QString errorString() const;
    bool outputFailed() const { return m_outputFailed.load(); }
    qint64 written() const { return m_written.load(); }

    // Runs f on the statistics under the lock (null without keepStats).
    void withStats(const std::function<void(CaptureStats *)> &f);

private:
    void lockForRead();

    Settings m_settings;
    std::unique_ptr<CaptureWriter> m_writer;
    QHash<StreamId, QByteArray> m_names;
    QHash<StreamId, std::shared_ptr<LatencyExtractor>> m_latency;
    std::unique_ptr<CaptureStats> m_stats;
    std::function<void()> m_stopRequest;
    QMutex m_mutex;
    bool m_lockedByReader = false; // network thread only
    bool m_stopped = false; // under m_mutex
    std::atomic<qint64> m_written { 0 };
    std::atomic<bool> m_outputFailed { false };
};

} // namespace ssescope::cli
