#include "PrometheusText.h"

#include <cmath>
#include <cstdio>

namespace ssescope {

namespace {

QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    if (std::isnan(value))
        return "NaN";
    char text[64];
    const int n = std::snprintf(text, sizeof text, "%.9g", value);
    return QByteArray(text, n);
}

class Writer
{
public:
    QByteArray out;

    void family(const char *name, const char *type, const char *help)
    {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }
    void sample(const char *name, const QByteArray &labels, double value)
    {
        out += QByteArray(name) + '{' + labels + "} " + number(value) + '\n';
    }
};

struct Labelled
{
    QByteArray labels;
    const StreamMetricsInput *input;
};

// LLM token streams' figures (core TokenStats; a token is a delta event),
// only when some stream is one.
void renderTokenMetrics(Writer &w, const QList<Labelled> &rows)
{
    QList<std::pair<QByteArray, TokenFigures>> tokens;
    for (const Labelled &r : rows) {
        if (r.input->tokens)
            tokens.append({ r.labels, r.input->tokens->figures() });
    }
    if (tokens.isEmpty())
        return;
    w.family("ssescope_tokens_total", "counter", "Token deltas received (token streams).");
    for (const auto &[labels, f] : tokens)
        w.sample("ssescope_tokens_total", labels, double(f.tokens));
    w.family("ssescope_time_to_first_token_seconds", "gauge",
        "From the latest request's start to its first token delta.");
    for (const auto &[labels, f] : tokens) {
        if (!std::isnan(f.ttftMs))
            w.sample("ssescope_time_to_first_token_seconds", labels, f.ttftMs / 1000.0);
    }
    w.family("ssescope_inter_token_gap_seconds", "gauge",
        "Time between token deltas within replies, quantiles over the stream's life (histogram "
        "error 6.25%).");
    for (const auto &[labels, f] : tokens) {
        if (f.gaps == 0)
            continue;
        w.sample(
            "ssescope_inter_token_gap_seconds", labels + ",quantile=\"0.5\"", f.gapP50Ms / 1000.0);
        w.sample(
            "ssescope_inter_token_gap_seconds", labels + ",quantile=\"0.99\"", f.gapP99Ms / 1000.0);
    }
    w.family("ssescope_tokens_per_second", "gauge", "Token deltas per second of the latest reply.");
    for (const auto &[labels, f] : tokens) {
        if (!std::isnan(f.tokensPerSecond))
            w.sample("ssescope_tokens_per_second", labels, f.tokensPerSecond);
    }
}

} // namespace

QByteArray renderPrometheusText(const QList<StreamMetricsInput> &streams, qint64 nowSteadyNs,
    const QList<RouteMetricsInput> &routes)
{
    Writer w;
    QList<Labelled> rows;
    for (const StreamMetricsInput &s : streams)
        rows.append(
            { "stream=\"" + escapeLabel(s.name) + "\",url=\"" + escapeLabel(s.url) + '"', &s });

    w.family("ssescope_stream_up", "gauge", "1 while the stream is open and receiving.");
    for (const Labelled &r : rows)
        w.sample("ssescope_stream_up", r.labels, r.input->state == SubscriptionState::Open ? 1 : 0);

    const auto counter = [&](const char *name, const char *help, auto field) {
        w.family(name, "counter", help);
        for (const Labelled &r : rows)
            w.sample(name, r.labels, r.input->stats ? double(field(r.input->stats->totals())) : 0);
    };
    counter(
        "ssescope_events_total", "Events received.", [](const StatsTotals &t) { return t.events; });
    counter("ssescope_bytes_total", "Bytes of events received.",
        [](const StatsTotals &t) { return t.bytes; });
    counter("ssescope_chunks_total", "Network reads that completed events.",
        [](const StatsTotals &t) { return t.chunks; });
    counter("ssescope_comments_total", "Comment lines (heartbeats) received.",
        [](const StatsTotals &t) { return t.comments; });
    counter("ssescope_reconnections_total", "Reconnection attempts.",
        [](const StatsTotals &t) { return t.reconnections; });
    counter("ssescope_errors_total", "Errors: failed attempts, timeouts, oversized events.",
        [](const StatsTotals &t) { return t.errors; });
    counter("ssescope_latency_misses_total", "Events whose send time could not be read.",
        [](const StatsTotals &t) { return t.latencyMisses; });
    counter("ssescope_id_gaps_total",
        "Event ids skipped, in a stream whose ids count up (0 while they do not).",
        [](const StatsTotals &t) { return t.idGaps; });
    counter("ssescope_id_duplicates_total",
        "Event ids seen again, as when a reconnection replays events (0 unless ids count up).",
        [](const StatsTotals &t) { return t.idDuplicates; });

    w.family("ssescope_stream_ends_total", "counter",
        "Connections that ended, by why: error-event, no-terminal, framing, reset, timeout, "
        "clean.");
    for (const Labelled &r : rows) {
        for (const StreamEnd end : streamEnds())
            w.sample("ssescope_stream_ends_total",
                r.labels + ",end=\"" + streamEndName(end).toUtf8() + '"',
                double(r.input->ends[streamEndIndex(end)]));
    }

    w.family("ssescope_connected_seconds_total", "counter", "Time the stream has been open.");
    for (const Labelled &r : rows)
        w.sample("ssescope_connected_seconds_total", r.labels,
            r.input->stats ? double(r.input->stats->totals().uptimeNs) / 1e9 : 0);

    const int windows[] = { 1, 10, 60 };
    const auto windowed = [&](const char *name, const char *help, auto field) {
        w.family(name, "gauge", help);
        for (const Labelled &r : rows) {
            if (!r.input->stats)
                continue;
            for (int seconds : windows) {
                const WindowStats stats = r.input->stats->window(seconds, nowSteadyNs);
                w.sample(name, r.labels + ",window=\"" + QByteArray::number(seconds) + "s\"",
                    field(stats));
            }
        }
    };
    windowed("ssescope_events_per_second", "Event rate over a rolling window.",
        [](const WindowStats &s) { return s.eventsPerSecond; });
    windowed("ssescope_bytes_per_second", "Byte rate over a rolling window.",
        [](const WindowStats &s) { return s.bytesPerSecond; });
    windowed("ssescope_events_per_chunk", "Events per network read: proxy buffering drives it up.",
        [](const WindowStats &s) { return s.eventsPerChunk; });

    const auto quantiles = [&](const char *name, const char *help, auto pick, bool withP90) {
        w.family(name, "gauge", help);
        for (const Labelled &r : rows) {
            if (!r.input->stats)
                continue;
            const Quantiles q = pick(r.input->stats->window(60, nowSteadyNs));
            if (q.count == 0)
                continue;
            const QByteArray base = r.labels + ",window=\"60s\",quantile=\"";
            w.sample(name, base + "0.5\"", q.p50 / 1000.0);
            if (withP90)
                w.sample(name, base + "0.9\"", q.p90 / 1000.0);
            w.sample(name, base + "0.99\"", q.p99 / 1000.0);
            w.sample(name, base + "1\"", q.max / 1000.0);
        }
    };
    quantiles(
        "ssescope_interarrival_seconds",
        "Time between events, quantiles over 60 s (histogram error 6.25%).",
        [](const WindowStats &s) { return s.interArrivalMs; }, false);
    quantiles(
        "ssescope_latency_seconds",
        "Arrival minus send time, quantiles over 60 s (histogram error 6.25%).",
        [](const WindowStats &s) { return s.latencyMs; }, true);
    renderTokenMetrics(w, rows);
    if (!routes.isEmpty()) {
        const auto routeLabels = [](const RouteMetricsInput &r) -> QByteArray {
            return "a=\"" + escapeLabel(r.a) + "\",b=\"" + escapeLabel(r.b) + '"';
        };
        w.family(
            "ssescope_route_matches_total", "counter", "Events seen on both routes of a pair.");
        for (const RouteMetricsInput &r : routes)
            w.sample("ssescope_route_matches_total", routeLabels(r), double(r.matched));
        w.family("ssescope_route_unmatched_total", "counter",
            "Events forgotten before the other route delivered them.");
        for (const RouteMetricsInput &r : routes)
            w.sample("ssescope_route_unmatched_total", routeLabels(r), double(r.forgotten));
        w.family("ssescope_route_delay_seconds", "gauge",
            "How much later route b delivered the same event than route a, quantiles over 60 s.");
        for (const RouteMetricsInput &r : routes) {
            if (!r.delays)
                continue;
            const Quantiles q = r.delays->window(60, nowSteadyNs).latencyMs;
            if (q.count == 0)
                continue;
            const QByteArray base = routeLabels(r) + ",window=\"60s\",quantile=\"";
            w.sample("ssescope_route_delay_seconds", base + "0.5\"", q.p50 / 1000.0);
            w.sample("ssescope_route_delay_seconds", base + "0.9\"", q.p90 / 1000.0);
            w.sample("ssescope_route_delay_seconds", base + "0.99\"", q.p99 / 1000.0);
            w.sample("ssescope_route_delay_seconds", base + "1\"", q.max / 1000.0);
        }
    }
    return w.out;
}

} // namespace ssescope
