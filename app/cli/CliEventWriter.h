#pragma once

#include "core/capture/CaptureFormat.h"
#include "core/common/ByteBuffer.h"
#include "app/cli/CliOutput.h"
#include "core/net/DirectEventConsumer.h"
#include "core/net/SubscriptionStatus.h"
#include "core/pipeline/CaptureMeasurer.h"

#include <QHash>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace ssescope::cli {

// The CLI's hot path, a two-stage pipeline over the machine's two cores:
//  - on the network thread, each event is copied straight from the parser's
//    buffers into a frame (a flat buffer of small records): no allocation;
//  - after each network read the frame goes to the writer thread, which
//    measures (CaptureMeasurer: statistics, route pairs), formats and writes.
//    Latency comes with each event, from the subscription's LatencyConfig.
// A fixed pool of frames bounds memory: when the writer falls behind, the
// network thread waits for a free frame and TCP pushes back on the server.
// Locks are never held across I/O: a blocked output stalls the writer thread
// only, and flush() gives up on it after a deadline.
class CliEventWriter final : public DirectEventConsumer
{
public:
    struct Settings
    {
        CaptureFormat format = CaptureFormat::JsonLines;
        QList<JsonColumn> columns; // CSV's custom columns
        bool comments = false;
        qint64 maxEvents = 0; // 0 = unlimited
        bool keepStats = false;
        bool wholeRun = false; // with keepStats: also histograms over the whole run
    };

    struct PairStats
    {
        StreamId a;
        StreamId b;
        const RouteMatcher *matcher;
        const StreamStats *delays; // "latency" here is B's arrival minus A's
    };

    CliEventWriter(Settings settings, CliOutput *output);
    ~CliEventWriter() override;
    Q_DISABLE_COPY_MOVE(CliEventWriter)

    // Runs setUp with the writer's state locked, so that streams started
    // inside it wait until addStream() and addPair() are done.
    void configure(const std::function<void()> &setUp);
    void addStream(StreamId stream, const QByteArray &name);
    // Inside configure(), like addStream(): measured only with keepStats.
    void setTokenStream(StreamId stream, const TokenStreamConfig &config);
    // Two routes of the same events: B's delay after A, from arrivals alone.
    void addPair(StreamId a, StreamId b);
    // Called, from either thread, when --max-events is reached or the output fails.
    void setStopRequest(std::function<void()> request) { m_stopRequest = std::move(request); }

    void consumeEvent(const SseEventView &event, std::optional<double> latencyMs) override;
    void consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp) override;
    void endOfRead() override;

    // From the main thread, before the streams are stopped: events that come
    // later are dropped, and a network thread waiting for a frame goes on.
    void stopAccepting();
    // From the main thread, once the streams are stopped: writes what is
    // queued, ends the writer thread. An output that takes nothing for
    // stallMs, or is still busy after totalMs (-1: no limit), is abandoned.
    // False if the output failed.
    bool flush(int stallMs = 1000, int totalMs = -1);
    QString errorString() const;
    bool outputFailed() const { return m_outputFailed.load(); }
    qint64 written() const { return m_written.load(); }
    // Memory the frames hold, for tests: it follows the bytes on the wire.
    qsizetype frameBytes();
    // Events taken from the network that never reached the output.
    qint64 unwritten() const { return m_accepted.load() - m_flushed.load(); }

    // From the main thread: a batch's connection counters (events come direct).
    void applyCounters(const QHash<StreamId, SubscriptionCounters> &counters);
    // Runs f on the statistics (null without keepStats) and the route pairs,
    // with the writer thread held off.
    void withStats(const std::function<void(CaptureStats *, const QList<PairStats> &)> &f);
    // Runs f on the measurer (null without keepStats or a pair), flushed, with
    // the writer thread held off: expectations read it, and add their watches.
    void withMeasurer(const std::function<void(CaptureMeasurer *)> &f);

private:
    // A stream as the writer thread sees it. The last event ID travels in a
    // frame only when it changes (it persists across events, and may be long),
    // so memory follows the bytes on the wire, not bytes times events.
    struct StreamState
    {
        QByteArray name;
        ByteBuffer id { 64 }; // as of the end of the last frame written
        QByteArrayView measureId; // while measuring a frame
        QByteArrayView formatId; // while formatting a frame
        bool touched = false;
    };

    ByteBuffer *frameToFill();
    void writerLoop();
    void measureFrame(const ByteBuffer &frame);
    void formatFrame(const ByteBuffer &frame);
    void requestStop();
    void interruptWriter();

    Settings m_settings;
    CliOutput *m_output;
    std::unique_ptr<CaptureWriter> m_writer;

    // Network thread only: the last event ID sent, per stream.
    std::unique_ptr<ByteBuffer> m_filling;
    QHash<StreamId, std::shared_ptr<ByteBuffer>> m_sentIds;
    std::atomic<qint64> m_accepted { 0 };

    // The hand-off between the two threads.
    std::mutex m_queueMutex;
    std::condition_variable m_queueChanged;
    std::deque<std::unique_ptr<ByteBuffer>> m_full;
    std::vector<std::unique_ptr<ByteBuffer>> m_free;
    bool m_closing = false;

    // Writer thread, and the main thread through withStats(); under m_stateMutex.
    std::mutex m_stateMutex;
    QHash<StreamId, std::shared_ptr<StreamState>> m_streams;
    std::unique_ptr<CaptureMeasurer> m_measurer; // with keepStats or a pair

    // Writer thread only: what measuring a frame found, for formatting it.
    std::vector<StreamState *> m_recordStreams;
    QByteArray m_repaired;

    std::function<void()> m_stopRequest;
    std::atomic<bool> m_stopped { false };
    std::atomic<bool> m_outputFailed { false };
    std::atomic<qint64> m_written { 0 };
    std::atomic<qint64> m_flushed { 0 };
    // A thread of its own, not a BackgroundTask: this is a pipeline stage that
    // lives as long as the capture and blocks on the output (a full pipe, a
    // slow terminal), which would hold a pool thread for good; and flush()
    // interrupts a blocked write with a signal to this very thread
    // (m_writerHandle). BackgroundTask is for work items that end.
    std::unique_ptr<QThread> m_thread;
    // Under m_queueMutex: the writer thread, to interrupt a blocked write.
    Qt::HANDLE m_writerHandle = nullptr;
    bool m_writerDone = false;
};

} // namespace ssescope::cli
