#include "ChartDecimation.h"

#include <algorithm>
#include <cmath>

namespace ssescope::ui {

namespace {

// Calls fn(column, first, last) for each column holding points, where
// [first, last) indexes `points`, found by binary search on steadyNs (points
// arrive in steady time order).
template<typename Container, typename Fn>
void forEachColumn(const Container &points, const TimeBuckets &buckets, Fn &&fn)
{
    if (points.empty() || buckets.columns <= 0 || buckets.endNs <= buckets.originNs)
        return;
    const auto byTime = [](const auto &point, qint64 ns) {
        return point.steadyNs < ns;
    };
    auto first = std::lower_bound(points.begin(), points.end(), buckets.originNs, byTime);
    for (int column = 0; column < buckets.columns && first != points.end(); ++column) {
        // The last column takes everything up to the end, and a little past.
        const auto last = column + 1 == buckets.columns
            ? points.end()
            : std::lower_bound(first, points.end(), buckets.edgeNs(column + 1), byTime);
        if (first != last)
            fn(column, size_t(first - points.begin()), size_t(last - points.begin()));
        first = last;
    }
}

} // namespace

QList<QPointF> cumulativeSteps(
    const std::deque<RouteRead> &reads, quint64 eventsBefore, const TimeBuckets &buckets)
{
    QList<QPointF> points;
    points.append(QPointF(0, double(eventsBefore)));
    double level = double(eventsBefore);
    forEachColumn(reads, buckets, [&](int, size_t first, size_t last) {
        const RouteRead &a = reads[first];
        const RouteRead &b = reads[last - 1];
        points.append(QPointF(buckets.seconds(a.steadyNs), level));
        level = double(a.cumulativeEvents);
        if (last - first > 1)
            points.append(QPointF(buckets.seconds(a.steadyNs), level));
        level = double(b.cumulativeEvents);
        points.append(QPointF(buckets.seconds(b.steadyNs), level));
    });
    points.append(QPointF(buckets.seconds(buckets.endNs), level));
    return points;
}

QList<QPointF> arrivalComb(
    const std::deque<RouteRead> &reads, const TimeBuckets &buckets, double lane, double maxEvents)
{
    QList<QPointF> points;
    points.append(QPointF(0, lane));
    const double scale = std::log1p(std::max(1.0, maxEvents));
    forEachColumn(reads, buckets, [&](int, size_t first, size_t last) {
        quint32 most = 0;
        for (size_t i = first; i < last; ++i)
            most = std::max(most, reads[i].events);
        const double x = buckets.seconds(reads[first].steadyNs);
        const double height = 0.15 + 0.65 * std::log1p(double(most)) / scale;
        points.append({ QPointF(x, lane), QPointF(x, lane + height), QPointF(x, lane) });
    });
    points.append(QPointF(buckets.seconds(buckets.endNs), lane));
    return points;
}

QList<QPointF> eventsPerReadExtremes(const std::deque<RouteRead> &reads, const TimeBuckets &buckets)
{
    QList<QPointF> points;
    forEachColumn(reads, buckets, [&](int, size_t first, size_t last) {
        const auto [low, high]
            = std::minmax_element(reads.begin() + qsizetype(first), reads.begin() + qsizetype(last),
                [](const RouteRead &a, const RouteRead &b) { return a.events < b.events; });
        points.append(QPointF(buckets.seconds(low->steadyNs), double(low->events)));
        if (high != low)
            points.append(QPointF(buckets.seconds(high->steadyNs), double(high->events)));
    });
    return points;
}

QList<QPointF> delayExtremes(
    const std::deque<RouteDelayPoint> &delays, const TimeBuckets &buckets, double unitMs)
{
    QList<QPointF> points;
    forEachColumn(delays, buckets, [&](int, size_t first, size_t last) {
        const auto [low, high] = std::minmax_element(delays.begin() + qsizetype(first),
            delays.begin() + qsizetype(last),
            [](const RouteDelayPoint &a, const RouteDelayPoint &b) {
                return a.delayMs < b.delayMs;
            });
        points.append(QPointF(buckets.seconds(low->steadyNs), low->delayMs / unitMs));
        if (high != low)
            points.append(QPointF(buckets.seconds(high->steadyNs), high->delayMs / unitMs));
    });
    return points;
}

} // namespace ssescope::ui
