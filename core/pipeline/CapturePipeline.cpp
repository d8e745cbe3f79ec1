#include "CapturePipeline.h"

#include "pipeline/PipelineLogging.h"

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
    RouteComparison &comparison = m_measurer.startComparison(std::move(routes));
    // Replayed as the measurer would have fed it: events of one read (same
    // stream, time and chunk) as one run, each event offered for matching.
    struct Run
    {
        StreamId stream = 0;
        qint64 steadyNs = 0;
        quint64 chunk = 0;
        quint64 count = 0;
        quint64 bytes = 0;
    } run;
    std::vector<double> latencies;
    const auto flushRun = [&] {
        if (run.count)
            comparison.recordRead(run.stream, run.steadyNs, run.chunk, run.count, run.bytes,
                latencies.data(), latencies.size());
        run = Run {};
        latencies.clear();
    };
    for (qint64 row = std::max<qint64>(0, m_store.size() - kMaxReplayedEvents);
         row < m_store.size(); ++row) {
        const StoredEvent e = m_store.at(row);
        if (comparison.indexOf(e.stream) < 0)
            continue;
        if (run.count == 0 || e.stream != run.stream || e.arrivalSteadyNs != run.steadyNs
            || e.chunkIndex != run.chunk) {
            flushRun();
            run.stream = e.stream;
            run.steadyNs = e.arrivalSteadyNs;
            run.chunk = e.chunkIndex;
        }
        ++run.count;
        run.bytes += e.wireBytes;
        if (e.latencyMs)
            latencies.push_back(*e.latencyMs);
        comparison.matchEvent(e.stream, e.type, e.id, e.data, e.arrivalSteadyNs);
    }
    flushRun();
    return comparison;
}

void CapturePipeline::clear()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_store.clear();
    m_measurer.clear();
}

} // namespace ssescope
