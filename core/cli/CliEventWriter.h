#pragma once

#include "capture/CaptureFormat.h"
#include "latency/LatencyExtractor.h"
#include "latency/RouteMatcher.h"
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

    // Runs setUp under the lock, so that streams started inside it (whose
    // events may arrive at once) wait until addStream() and addPair() are done.
    void configure(const std::function<void()> &setUp);
    void addStream(StreamId stream, const QByteArray &name);
    // Two routes of the same events: B's delay after A, from arrivals alone.
    void addPair(StreamId a, StreamId b);

    struct PairStats
    {
        StreamId a;
        StreamId b;
        const RouteMatcher *matcher;
        const StreamStats *delays; // "latency" here is B's arrival minus A's
    };
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

    // Runs f on the statistics under the lock (null without keepStats), and
    // on the route pairs.
    void withStats(const std::function<void(CaptureStats *, const QList<PairStats> &)> &f);

private:
    void lockForRead();

    Settings m_settings;
    std::unique_ptr<CaptureWriter> m_writer;
    QHash<StreamId, QByteArray> m_names;
    QHash<StreamId, std::shared_ptr<LatencyExtractor>> m_latency;
    std::unique_ptr<CaptureStats> m_stats;
    struct Pair
    {
        RouteMatcher matcher;
        StreamStats delays;
    };
    std::vector<std::unique_ptr<Pair>> m_pairs;
    std::function<void()> m_stopRequest;
    QMutex m_mutex;
    bool m_lockedByReader = false; // network thread only
    bool m_stopped = false; // under m_mutex
    std::atomic<qint64> m_written { 0 };
    std::atomic<bool> m_outputFailed { false };
};

} // namespace ssescope::cli
