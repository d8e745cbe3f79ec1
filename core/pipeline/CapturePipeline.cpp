#include "CapturePipeline.h"

#include "core/pipeline/PipelineLogging.h"

#include <QThread>

namespace ssescope {

CapturePipeline::CapturePipeline(EventStoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_store(limits)
{
    qRegisterMetaType<ssescope::IngestResult>();
}

CapturePipeline::~CapturePipeline() = default;

void CapturePipeline::setStreamName(StreamId stream, const QString &name)
{
    m_store.setStreamName(stream, name);
}

void CapturePipeline::addRoutePair(StreamId a, StreamId b)
{
    m_measurer.addRoutePair(a, b);
}

IngestResult CapturePipeline::ingest(const EventBatch &batch)
{
    Q_ASSERT(QThread::currentThread() == thread());
    const qint64 sizeBefore = m_store.size();
    const quint64 droppedBefore = m_store.droppedEvents();
    const qsizetype count = batch.eventCount();
    for (auto it = batch.counters.cbegin(); it != batch.counters.cend(); ++it)
        m_measurer.noteRequest(it.key(), it.value());
    batch.forEachEvent([this](const SseEventView &event, std::optional<double> latency,
                           const QByteArray *sharedId) {
        m_store.append(event, latency, sharedId);
        m_measurer.measure(event, latency);
    });
    m_measurer.flush();
    for (const SseComment &comment : batch.comments)
        m_measurer.measureComment(comment.stream, comment.arrivalSteadyNs);
    for (auto it = batch.counters.cbegin(); it != batch.counters.cend(); ++it)
        m_measurer.applyCounters(it.key(), it.value());

    const auto dropped = qint64(m_store.droppedEvents() - droppedBefore);
    IngestResult result;
    result.droppedFromFront = std::min(dropped, sizeBefore);
    result.appended = qint64(count) - (dropped - result.droppedFromFront);
    if (dropped > 0)
        qCDebug(lcPipeline, "ingest: %lld appended, %lld dropped by the cap",
            static_cast<long long>(count), static_cast<long long>(dropped));
    Q_EMIT ingested(result);
    return result;
}

void CapturePipeline::ingestRecord(
    StreamId stream, const SseEventView &event, std::optional<double> latencyMs)
{
    Q_ASSERT(QThread::currentThread() == thread());
    SseEventView view = event;
    view.stream = stream;
    m_store.append(view, latencyMs);
    m_measurer.measure(view, latencyMs);
    m_measurer.flush();
}

RouteComparison &CapturePipeline::startComparison(std::vector<RouteSpec> routes)
{
    Q_ASSERT(QThread::currentThread() == thread());
    stopReplay();
    RouteComparison &comparison = m_measurer.startComparison(std::move(routes));
    m_measurer.setComparisonLive(false);
    m_replay = Replay {};
    m_replay.active = true;
    m_replay.nextSeq
        = m_store.firstSeq() + quint64(std::max<qint64>(0, m_store.size() - kMaxReplayedEvents));
    if (replayTurn()) // a small store is replayed at once
        scheduleReplayTurn();
    return comparison;
}

void CapturePipeline::stopComparison()
{
    stopReplay();
    m_measurer.stopComparison();
}

void CapturePipeline::stopReplay()
{
    m_replay.active = false;
    m_replay.latencies.clear();
    m_measurer.setComparisonLive(true);
}

qint64 CapturePipeline::replayRemaining() const
{
    if (!m_replay.active || m_store.isEmpty())
        return 0;
    return qint64(m_store.lastSeq() + 1 - std::max(m_replay.nextSeq, m_store.firstSeq()));
}

void CapturePipeline::scheduleReplayTurn()
{
    if (m_replay.scheduled)
        return;
    m_replay.scheduled = true;
    // Queued, so that input, painting and live batches get their turns between.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_replay.scheduled = false;
            if (m_replay.active && replayTurn())
                scheduleReplayTurn();
        },
        Qt::QueuedConnection);
}

void CapturePipeline::flushReplayRun()
{
    RouteComparison *comparison = m_measurer.comparison();
    if (m_replay.count && comparison)
        comparison->recordRead(m_replay.stream, m_replay.steadyNs, m_replay.chunk, m_replay.count,
            m_replay.bytes, m_replay.latencies.data(), m_replay.latencies.size());
    m_replay.count = 0;
    m_replay.bytes = 0;
    m_replay.latencies.clear();
}

bool CapturePipeline::replayTurn()
{
    Q_ASSERT(QThread::currentThread() == thread());
    RouteComparison *comparison = m_measurer.comparison();
    if (!m_replay.active || !comparison)
        return false;
    // Replayed as the measurer would have fed it: events of one read (same
    // stream, time and chunk) as one run, each event offered for matching.
    if (m_replay.nextSeq < m_store.firstSeq()) { // the cap dropped them first
        m_replay.skipped += m_store.firstSeq() - m_replay.nextSeq;
        m_replay.nextSeq = m_store.firstSeq();
    }
    const qint64 first = m_store.isEmpty() ? 0 : qint64(m_replay.nextSeq - m_store.firstSeq());
    const qint64 last = std::min(m_store.size(), first + kReplayRowsPerTurn);
    for (qint64 row = first; row < last; ++row) {
        const StoredEventView e = m_store.at(row);
        if (comparison->indexOf(e.stream) < 0)
            continue;
        if (m_replay.count == 0 || e.stream != m_replay.stream
            || e.arrivalSteadyNs != m_replay.steadyNs || e.chunkIndex != m_replay.chunk) {
            flushReplayRun();
            m_replay.stream = e.stream;
            m_replay.steadyNs = e.arrivalSteadyNs;
            m_replay.chunk = e.chunkIndex;
        }
        ++m_replay.count;
        m_replay.bytes += e.wireBytes;
        if (e.latencyMs)
            m_replay.latencies.push_back(*e.latencyMs);
        comparison->matchEvent(e.stream, e.type, e.id, e.data, e.arrivalSteadyNs);
    }
    m_replay.nextSeq = m_store.firstSeq() + quint64(last);
    if (last < m_store.size())
        return true;
    // Caught up: what arrives from now on is measured live.
    flushReplayRun();
    stopReplay();
    Q_EMIT comparisonReplayed();
    return false;
}

void CapturePipeline::clear()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_store.clear();
    // The comparison starts again, empty: nothing is left to replay.
    stopReplay();
    m_measurer.clear();
}

} // namespace ssescope
