#include "CapturePipeline.h"

#include "pipeline/PipelineLogging.h"

#include <QThread>

namespace ssescope {

CapturePipeline::CapturePipeline(EventStoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_store(limits)
    , m_stats(std::make_unique<CaptureStats>())
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
    m_routes.push_back(std::make_unique<RouteMatcher>(a, b));
    m_routeDelays.push_back(std::make_unique<StreamStats>());
}

void CapturePipeline::measure(const SseEventView &event, std::optional<double> latencyMs)
{
    m_stats->recordEvent(
        event.stream, event.arrivalSteadyNs, event.wireBytes, event.chunkIndex, latencyMs);
    for (size_t i = 0; i < m_routes.size(); ++i) {
        RouteMatcher &route = *m_routes[i];
        if (event.stream != route.streamA() && event.stream != route.streamB())
            continue;
        // fromRawData: the matcher builds its own key, so no copy is needed here.
        const auto delay = route.offer(event.stream,
            QByteArray::fromRawData(event.id.data(), event.id.size()),
            QByteArray::fromRawData(event.data.data(), event.data.size()), event.arrivalSteadyNs);
        if (delay)
            m_routeDelays[i]->recordEvent(event.arrivalSteadyNs, 0, event.chunkIndex, delay);
    }
}

void CapturePipeline::applyCounters(StreamId stream, const SubscriptionCounters &counters)
{
    m_stats->setConnectionCounters(
        stream, counters.reconnections, counters.errors, counters.connectedNs);
    quint64 &seen = m_latencyMissesSeen[stream];
    if (counters.latencyMisses > seen) {
        m_stats->recordLatencyMisses(stream, counters.latencyMisses - seen);
        seen = counters.latencyMisses;
    }
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
        measure(event, latency);
    });
    for (const SseComment &comment : batch.comments)
        m_stats->recordComment(comment.stream, comment.arrivalSteadyNs);
    for (auto it = batch.counters.cbegin(); it != batch.counters.cend(); ++it)
        applyCounters(it.key(), it.value());

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
    measure(view, latencyMs);
}

void CapturePipeline::clear()
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_store.clear();
    m_stats = std::make_unique<CaptureStats>();
    for (size_t i = 0; i < m_routes.size(); ++i) {
        m_routes[i] = std::make_unique<RouteMatcher>(m_routes[i]->streamA(), m_routes[i]->streamB());
        m_routeDelays[i] = std::make_unique<StreamStats>();
    }
    m_latencyMissesSeen.clear();
}

} // namespace ssescope
