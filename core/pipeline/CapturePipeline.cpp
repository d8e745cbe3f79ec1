#include "CapturePipeline.h"

namespace ssescope {

CapturePipeline::CapturePipeline(EventStoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_store(limits)
    , m_stats(std::make_unique<CaptureStats>())
{
}

CapturePipeline::~CapturePipeline() = default;

void CapturePipeline::setStreamName(StreamId stream, const QString &name)
{
    m_store.setStreamName(stream, name);
}

void CapturePipeline::addRoutePair(StreamId a, StreamId b)
{
    m_routes.push_back(std::make_unique<RouteMatcher>(a, b));
}

IngestResult CapturePipeline::ingest(const EventBatch &batch)
{
    const quint64 droppedBefore = m_store.droppedEvents();
    IngestResult result;
    for (const SseEvent &event : batch.events) {
        m_store.append(event);
        m_stats->recordEvent(event, std::nullopt);
        for (const auto &route : m_routes)
            route->offer(event);
        ++result.appended;
    }
    for (const SseComment &comment : batch.comments)
        m_stats->recordComment(comment.stream, comment.arrivalSteadyNs);
    for (auto it = batch.counters.cbegin(); it != batch.counters.cend(); ++it)
        m_stats->setConnectionCounters(
            it.key(), it->reconnections, it->errors, it->connectedNs);
    result.droppedFromFront = qint64(m_store.droppedEvents() - droppedBefore);
    Q_EMIT ingested(result);
    return result;
}

void CapturePipeline::ingestRecord(
    StreamId stream, const SseEventView &view, std::optional<double> latencyMs)
{
    SseEvent event;
    event.stream = stream;
    event.seq = view.seq;
    event.id = view.id.toByteArray();
    event.type = view.type.toByteArray();
    event.data = view.data.toByteArray();
    event.arrivalSteadyNs = view.arrivalSteadyNs;
    event.arrivalWallNs = view.arrivalWallNs;
    event.chunkIndex = view.chunkIndex;
    event.wireBytes = view.wireBytes;
    m_store.append(event, latencyMs);
    m_stats->recordEvent(event, latencyMs);
}

void CapturePipeline::clear()
{
    m_store.clear();
    m_stats = std::make_unique<CaptureStats>();
    for (auto &route : m_routes)
        route = std::make_unique<RouteMatcher>(route->streamA(), route->streamB());
}

} // namespace ssescope
