#pragma once

#include "core/compare/RouteComparison.h"

#include <QList>
#include <QPointF>

namespace ssescope::ui {

// Reduces a route's reads or delays (up to 200k each) to a few points per
// pixel column of a chart, so that a refresh costs O(columns · log n)
// whatever was captured. x is in seconds since the comparison's origin.
struct TimeBuckets
{
    qint64 originNs = 0;
    qint64 endNs = 0; // "now": the right edge
    int columns = 800;

    double seconds(qint64 steadyNs) const { return double(steadyNs - originNs) / 1e9; }
    qint64 edgeNs(int column) const
    {
        return originNs + qint64(double(endNs - originNs) * double(column) / double(columns));
    }
};

// Cumulative events as steps: in each column, the count before its first
// read, then after its last. A buffered route draws a staircase (one burst
// per column), a streaming one a smooth ramp. Ends level at endNs.
QList<QPointF> cumulativeSteps(
    const std::deque<RouteRead> &reads, quint64 eventsBefore, const TimeBuckets &buckets);

// The arrival raster's lane: a baseline at `lane` with one spike per column
// that had reads, its height growing with the most events in one read there
// (log scale up to maxEvents, at most 0.8 of a lane).
QList<QPointF> arrivalComb(
    const std::deque<RouteRead> &reads, const TimeBuckets &buckets, double lane, double maxEvents);

// Per column, the smallest and the largest events per read: a scatter that
// keeps outliers while bounding points.
QList<QPointF> eventsPerReadExtremes(
    const std::deque<RouteRead> &reads, const TimeBuckets &buckets);

// Per column, the smallest and the largest delay behind the fastest route,
// in `unitMs` (1 for ms, 1000 for seconds).
QList<QPointF> delayExtremes(
    const std::deque<RouteDelayPoint> &delays, const TimeBuckets &buckets, double unitMs);

} // namespace ssescope::ui
