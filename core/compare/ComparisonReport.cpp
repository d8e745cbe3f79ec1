#include "ComparisonReport.h"

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r'))
        return '"' + utf8.replace('"', "\"\"") + '"';
    return utf8;
}

QByteArray number(double value)
{
    return value < 0 ? QByteArray() : QByteArray::number(value, 'f', 3);
}

QByteArray quantileFields(const Quantiles &q)
{
    if (q.count == 0)
        return ",,,,0";
    return number(q.p50) + ',' + number(q.p90) + ',' + number(q.p99) + ',' + number(q.max) + ','
        + QByteArray::number(q.count);
}

} // namespace

std::vector<RouteReport> judgeRoutes(const std::vector<RouteFigures> &figures)
{
    std::vector<RouteReport> reports;
    reports.reserve(figures.size());
    for (const RouteFigures &f : figures)
        reports.push_back(RouteReport { f, judgeRoute(f) });
    return reports;
}

QString verdictLine(const RouteReport &report)
{
    return report.figures.name + u": "_s + report.verdict.text();
}

QByteArray comparisonCsv(const std::vector<RouteReport> &reports)
{
    QByteArray out = "route,verdict,events,reads,bytes,events_per_read,events_per_read_p50,"
                     "events_per_read_p90,events_per_read_max,bytes_per_read_p50,read_gap_p50_ms,"
                     "bursts,events_per_burst,events_per_burst_max,burst_period_p50_ms,"
                     "events_per_second,latency_p50_ms,latency_p90_ms,latency_p99_ms,"
                     "latency_max_ms,latency_count,delay_p50_ms,delay_p90_ms,delay_p99_ms,"
                     "delay_max_ms,delay_count,response_after_ms,first_event_after_ms,"
                     "watched_ms,compression_requested,explanation\r\n";
    for (const RouteReport &r : reports) {
        const RouteFigures &f = r.figures;
        out += csvField(f.name) + ',' + verdictWord(r.verdict.kind).toUtf8() + ','
            + QByteArray::number(f.events) + ',' + QByteArray::number(f.reads) + ','
            + QByteArray::number(f.bytes) + ',' + number(f.eventsPerRead) + ','
            + number(f.eventsPerReadP50) + ',' + number(f.eventsPerReadP90) + ','
            + number(f.maxEventsPerRead) + ',' + number(f.bytesPerReadP50) + ','
            + number(f.readGapP50Ms) + ',' + QByteArray::number(f.bursts) + ','
            + number(f.eventsPerBurst) + ',' + number(f.maxEventsPerBurst) + ','
            + number(f.burstGapP50Ms) + ',' + number(f.eventsPerSecond) + ','
            + quantileFields(f.latencyMs) + ',' + quantileFields(f.delayMs) + ','
            + number(f.responseAfterMs) + ',' + number(f.firstEventAfterMs) + ','
            + number(f.waitedMs) + ',' + (f.compressionRequested ? "yes" : "no") + ','
            + csvField(r.verdict.explanation) + "\r\n";
    }
    return out;
}

} // namespace ssescope
