#include "CaptureMeasurer.h"

#include <algorithm>

namespace ssescope {

CaptureMeasurer::CaptureMeasurer(bool wholeCapture)
    : m_wholeCapture(wholeCapture)
    , m_stats(std::make_unique<CaptureStats>(wholeCapture))
{ }

CaptureMeasurer::~CaptureMeasurer() = default;

void CaptureMeasurer::addRoutePair(StreamId a, StreamId b)
{
    m_routes.push_back(std::make_unique<RouteMatcher>(a, b));
    m_routeDelays.push_back(std::make_unique<StreamStats>());
}

void CaptureMeasurer::setTokenStream(StreamId stream, const TokenStreamConfig &config)
{
    const auto it = std::find_if(m_tokenStreams.begin(), m_tokenStreams.end(),
        [stream](const TokenStream &entry) { return entry.stream == stream; });
    if (it != m_tokenStreams.end())
        m_tokenStreams.erase(it);
    if (!config.isEnabled())
        return;
    m_tokenStreams.push_back(TokenStream { stream, TokenDeltaReader(config) });
    m_stats->tokenStream(stream);
}

void CaptureMeasurer::offerToTokens(const SseEventView &event)
{
    for (const TokenStream &entry : m_tokenStreams) {
        if (entry.stream != event.stream)
            continue;
        if (const std::optional<QByteArray> text = entry.reader.delta(event.type, event.data))
            m_stats->tokenStream(event.stream).recordToken(event.arrivalSteadyNs, *text);
        return;
    }
}

void CaptureMeasurer::noteRequest(StreamId stream, const SubscriptionCounters &counters)
{
    if (m_tokenStreams.empty() || counters.requestSteadyNs == 0)
        return;
    for (const TokenStream &entry : m_tokenStreams) {
        if (entry.stream == stream) {
            m_stats->tokenStream(stream).noteRequest(
                counters.requestSteadyNs, counters.firstTokenSteadyNs);
            return;
        }
    }
}

void CaptureMeasurer::flush()
{
    if (m_run.count == 0)
        return;
    m_stats->recordEvents(
        m_run.stream, m_run.steadyNs, m_run.count, m_run.wireBytes, m_run.chunkIndex);
    for (const double latency : m_runLatencies)
        m_stats->recordLatency(m_run.stream, m_run.steadyNs, latency);
    if (m_comparison && m_comparisonLive)
        m_comparison->recordRead(m_run.stream, m_run.steadyNs, m_run.chunkIndex, m_run.count,
            m_run.wireBytes, m_runLatencies.data(), m_runLatencies.size());
    m_runLatencies.clear();
    m_run = Run {};
}

void CaptureMeasurer::offerToRoutes(const SseEventView &event)
{
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

void CaptureMeasurer::measureRecord(StreamId stream, const CaptureRecordView &r)
{
    if (r.kind == CaptureRecordView::Kind::Comment) {
        measureComment(stream, r.monoNs);
        return;
    }
    measure(SseEventView { stream, r.streamSeq, r.id, r.type, r.data, r.monoNs, r.receivedWallNs,
                r.chunk, r.bytes },
        r.latencyMs);
}

void CaptureMeasurer::measureComment(StreamId stream, qint64 steadyNs)
{
    flush(); // a comment before any event may be the stream's first sign
    m_stats->recordComment(stream, steadyNs);
}

void CaptureMeasurer::applyCounters(StreamId stream, const SubscriptionCounters &counters)
{
    flush();
    m_stats->setConnectionCounters(
        stream, counters.reconnections, counters.errors, counters.connectedNs);
    // Kept across clear(): after it, only bytes read since count.
    quint64 &bytesSeen = m_receivedBytesSeen[stream];
    if (counters.bytes > bytesSeen) {
        m_stats->recordReceivedBytes(stream, counters.bytes - bytesSeen);
        bytesSeen = counters.bytes;
    }
    noteRequest(stream, counters);
    quint64 &seen = m_latencyMissesSeen[stream];
    if (counters.latencyMisses > seen) {
        m_stats->recordLatencyMisses(stream, counters.latencyMisses - seen);
        seen = counters.latencyMisses;
    }
}

void CaptureMeasurer::clear()
{
    m_run = Run {};
    m_runLatencies.clear();
    m_stats = std::make_unique<CaptureStats>(m_wholeCapture);
    for (const TokenStream &entry : m_tokenStreams)
        m_stats->tokenStream(entry.stream);
    for (size_t i = 0; i < m_routes.size(); ++i) {
        m_routes[i]
            = std::make_unique<RouteMatcher>(m_routes[i]->streamA(), m_routes[i]->streamB());
        m_routeDelays[i] = std::make_unique<StreamStats>();
    }
    m_latencyMissesSeen.clear();
    for (EventWatch &watch : m_watches)
        watch.clear();
    if (m_comparison) {
        std::vector<RouteSpec> specs;
        for (const RouteComparison::Route &route : m_comparison->routes())
            specs.push_back(route.spec);
        m_comparison = std::make_unique<RouteComparison>(std::move(specs));
    }
}

RouteComparison &CaptureMeasurer::startComparison(std::vector<RouteSpec> routes)
{
    flush();
    m_comparison = std::make_unique<RouteComparison>(std::move(routes));
    m_comparisonLive = true;
    return *m_comparison;
}

} // namespace ssescope
