#pragma once

#include "ui/compare/ChartDecimation.h"
#include "core/compare/RouteComparison.h"

#include <QColor>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLabel;

namespace ssescope::ui {

// The comparison's six charts, in a grid, routes side by side. The four
// over time share one axis (seconds since the comparison's origin):
// cumulative events, the arrival raster, events per read and the delay
// behind the fastest route; beside them the latency distribution and the
// bytes per read. Each route has its stream's colour and its own line
// style or marker, so two routes of the same colour stay apart.
class ComparisonCharts final : public QWidget
{
    Q_OBJECT
public:
    enum Chart { Cumulative, Raster, Latency, EventsPerRead, Delay, BytesPerRead, ChartCount };

    explicit ComparisonCharts(QWidget *parent = nullptr);

    // Redraws every chart from the comparison as of nowNs. Bounded work:
    // series are rebuilt from a few points per pixel column.
    void update(const RouteComparison &comparison, const std::vector<QColor> &colors, qint64 nowNs);
    QChartView *view(Chart chart) const { return m_views[chart]; }
    QChart *chart(Chart chart) const;
    QLabel *latencyTable() const { return m_latencyTable; }

private:
    void updateCumulative(const RouteComparison &comparison, const std::vector<QColor> &colors,
        const TimeBuckets &buckets);
    void updateRaster(const RouteComparison &comparison, const std::vector<QColor> &colors,
        const TimeBuckets &buckets);
    void updateLatency(const RouteComparison &comparison, const std::vector<QColor> &colors);
    void updateEventsPerRead(const RouteComparison &comparison, const std::vector<QColor> &colors,
        const TimeBuckets &buckets);
    void updateDelay(const RouteComparison &comparison, const std::vector<QColor> &colors,
        const TimeBuckets &buckets);
    void updateBytesPerRead(const RouteComparison &comparison, const std::vector<QColor> &colors);

    QChartView *m_views[ChartCount] = {};
    QLabel *m_latencyTable = nullptr;
};

} // namespace ssescope::ui
