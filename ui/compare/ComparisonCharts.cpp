#include "ComparisonCharts.h"

#include "core/compare/RouteVerdict.h"
#include "ui/compare/ChartDecimation.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

// Line styles and markers by route index: the second thing that tells two
// routes apart when their colours are alike (or the reader cannot tell them).
Qt::PenStyle lineStyle(size_t route)
{
    static constexpr Qt::PenStyle styles[]
        = { Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine };
    return styles[route % std::size(styles)];
}

QScatterSeries::MarkerShape markerShape(size_t route)
{
    static constexpr QScatterSeries::MarkerShape shapes[] = { QScatterSeries::MarkerShapeCircle,
        QScatterSeries::MarkerShapeRectangle, QScatterSeries::MarkerShapeTriangle,
        QScatterSeries::MarkerShapeStar, QScatterSeries::MarkerShapePentagon };
    return shapes[route % std::size(shapes)];
}

Qt::BrushStyle barPattern(size_t route)
{
    static constexpr Qt::BrushStyle patterns[] = { Qt::SolidPattern, Qt::BDiagPattern,
        Qt::Dense4Pattern, Qt::CrossPattern, Qt::FDiagPattern };
    return patterns[route % std::size(patterns)];
}

QPen routePen(const QColor &color, size_t route)
{
    QPen pen(color, 2);
    pen.setStyle(lineStyle(route));
    return pen;
}

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setBold(true);
    font.setPointSizeF(9);
    chart->setTitleFont(font);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(8);
    chart->legend()->setFont(legendFont);
    return chart;
}

template<typename Axis> Axis *makeAxis(QChart *chart, Qt::Alignment alignment, const QString &title)
{
    auto *axis = new Axis;
    axis->setTitleText(title);
    QFont font = axis->labelsFont();
    font.setPointSizeF(8);
    axis->setLabelsFont(font);
    axis->setTitleFont(font);
    chart->addAxis(axis, alignment);
    return axis;
}

// The chart's series, one per route, created once per set of routes.
template<typename Series>
QList<Series *> routeSeries(QChart *chart, const RouteComparison &comparison)
{
    QList<Series *> series;
    for (QAbstractSeries *s : chart->series())
        if (auto *typed = qobject_cast<Series *>(s))
            series.append(typed);
    if (series.size() == qsizetype(comparison.routes().size()))
        return series;
    chart->removeAllSeries();
    series.clear();
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        auto *s = new Series;
        chart->addSeries(s);
        for (QAbstractAxis *axis : chart->axes())
            s->attachAxis(axis);
        series.append(s);
    }
    return series;
}

QValueAxis *valueAxis(QChart *chart, Qt::Orientation orientation)
{
    return qobject_cast<QValueAxis *>(chart->axes(orientation).value(0));
}

// The shared time axis: 0 to now, labels with decimals only when short.
void setTimeRange(QChart *chart, double seconds)
{
    QValueAxis *axis = valueAxis(chart, Qt::Horizontal);
    const double span = std::max(1.0, seconds);
    axis->setRange(0, span);
    // Ticks on round seconds from 0 (1, 2, 5, 10, 20, 30, 60 …), not span / 4.
    double step = 0.5;
    for (double candidate :
        { 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0 }) {
        step = candidate;
        if (span / candidate <= 7)
            break;
    }
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(step >= 1 ? u"%.0f"_s : u"%.1f"_s);
}

double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : { 1.0, 2.0, 2.5, 5.0, 10.0 })
        if (value <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

QString shortDuration(double ms)
{
    return formatDurationMs(ms);
}

} // namespace

ComparisonCharts::ComparisonCharts(QWidget *parent)
    : QWidget(parent)
{
    struct Spec
    {
        QString title;
        QString name;
        QString description;
    };
    const Spec specs[ChartCount] = {
        { tr("Cumulative events"), u"cumulativeChart"_s,
            tr("Events received so far by each route against time: a staircase for a buffered "
               "route, a smooth line for a streaming one") },
        { tr("Arrivals (one tick per network read)"), u"rasterChart"_s,
            tr("One lane per route, a tick for each network read, taller for more events in it") },
        { tr("Latency distribution"), u"latencyChart"_s,
            tr("Share of events by latency from send time (or delay behind the fastest route), "
               "log scale, with p50, p90, p99 and max per route") },
        { tr("Events per network read"), u"eventsPerReadChart"_s,
            tr("Events carried by each network read against time, log scale") },
        { tr("Delay behind the fastest route"), u"delayChart"_s,
            tr("For events matched across routes, how long after the fastest route each route "
               "delivered them") },
        { tr("Bytes per network read"), u"bytesPerReadChart"_s,
            tr("Median, 90th percentile and largest network read of each route, in bytes") },
    };
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (int i = 0; i < ChartCount; ++i) {
        QChart *chart = makeChart(specs[i].title);
        auto *view = new QChartView(chart, this);
        chart->setParent(view); // QChartView owns its chart; say so to QObject too
        view->setObjectName(specs[i].name);
        view->setAccessibleName(specs[i].title);
        view->setAccessibleDescription(specs[i].description);
        view->setToolTip(specs[i].description);
        view->setRenderHint(QPainter::Antialiasing);
        // Charts are read, not operated: Tab goes from the table to the buttons.
        view->setFocusPolicy(Qt::NoFocus);
        view->setMinimumSize(320, 200);
        m_views[i] = view;
        if (i != Latency) {
            layout->addWidget(view, i / 2, i % 2);
            continue;
        }
        // The quantiles do not fit a legend: a small table under the chart.
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(0);
        cellLayout->addWidget(view, 1);
        m_latencyTable = new QLabel(cell);
        m_latencyTable->setObjectName(u"latencyQuantiles"_s);
        m_latencyTable->setAccessibleName(tr("Latency quantiles per route"));
        m_latencyTable->setTextFormat(Qt::RichText);
        m_latencyTable->setAutoFillBackground(true);
        m_latencyTable->setBackgroundRole(QPalette::Base);
        QFont small = m_latencyTable->font();
        small.setPointSizeF(8);
        m_latencyTable->setFont(small);
        cellLayout->addWidget(m_latencyTable);
        layout->addWidget(cell, i / 2, i % 2);
    }

    const QString seconds = tr("seconds since start");
    for (Chart c : { Cumulative, Raster, EventsPerRead, Delay })
        makeAxis<QValueAxis>(chart(c), Qt::AlignBottom, seconds);
    makeAxis<QValueAxis>(chart(Cumulative), Qt::AlignLeft, tr("events"))->setLabelFormat(u"%.0f"_s);
    auto *lanes = makeAxis<QCategoryAxis>(chart(Raster), Qt::AlignLeft, QString());
    lanes->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    lanes->setGridLineVisible(false);
    auto *perRead
        = makeAxis<QLogValueAxis>(chart(EventsPerRead), Qt::AlignLeft, tr("events per read"));
    perRead->setLabelFormat(u"%g"_s);
    perRead->setMinorTickCount(0);
    makeAxis<QValueAxis>(chart(Delay), Qt::AlignLeft, tr("delay (ms)"));
    auto *latencyX = makeAxis<QLogValueAxis>(chart(Latency), Qt::AlignBottom, tr("ms (log scale)"));
    latencyX->setLabelFormat(u"%g"_s);
    makeAxis<QValueAxis>(chart(Latency), Qt::AlignLeft, tr("% of events"))
        ->setLabelFormat(u"%.0f"_s);
    makeAxis<QBarCategoryAxis>(chart(BytesPerRead), Qt::AlignBottom, QString())
        ->append({ tr("p50"), tr("p90"), tr("max") });
    // Log scale: a proxy's 4 KiB reads and a stream's 60-byte ones on one chart.
    auto *bytes
        = makeAxis<QLogValueAxis>(chart(BytesPerRead), Qt::AlignLeft, tr("bytes (log scale)"));
    bytes->setLabelFormat(u"%g"_s);
    bytes->setMinorTickCount(0);
    chart(Raster)->legend()->hide(); // the lanes are labelled by the other charts' legends
}

QChart *ComparisonCharts::chart(Chart chart) const
{
    return m_views[chart]->chart();
}

void ComparisonCharts::update(
    const RouteComparison &comparison, const std::vector<QColor> &colors, qint64 nowNs)
{
    // One point pair per pixel column at most: the plot is narrower than the view.
    const int columns = std::clamp(m_views[Cumulative]->width(), 100, 2000);
    // One shared time axis for the four charts that have one.
    const qint64 originNs = comparison.originNs();
    const TimeBuckets buckets { originNs, std::max(nowNs, originNs), columns };
    updateCumulative(comparison, colors, buckets);
    updateRaster(comparison, colors, buckets);
    updateLatency(comparison, colors);
    updateEventsPerRead(comparison, colors, buckets);
    updateDelay(comparison, colors, buckets);
    updateBytesPerRead(comparison, colors);
}

void ComparisonCharts::updateCumulative(const RouteComparison &comparison,
    const std::vector<QColor> &colors, const TimeBuckets &buckets)
{
    QChart *c = chart(Cumulative);
    const auto series = routeSeries<QLineSeries>(c, comparison);
    double most = 0;
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        const quint64 before = route.reads.empty()
            ? 0
            : route.reads.front().cumulativeEvents - route.reads.front().events;
        series[qsizetype(i)]->setName(route.spec.name);
        series[qsizetype(i)]->setPen(routePen(colors[i], i));
        series[qsizetype(i)]->replace(cumulativeSteps(route.reads, before, buckets));
        most = std::max(most, double(route.events));
    }
    setTimeRange(c, buckets.seconds(buckets.endNs));
    valueAxis(c, Qt::Vertical)->setRange(0, niceCeiling(most * 1.05));
}

void ComparisonCharts::updateRaster(const RouteComparison &comparison,
    const std::vector<QColor> &colors, const TimeBuckets &buckets)
{
    QChart *c = chart(Raster);
    const auto series = routeSeries<QLineSeries>(c, comparison);
    double maxEvents = 1;
    for (const RouteComparison::Route &route : comparison.routes())
        maxEvents = std::max(maxEvents, route.eventsPerRead.max());
    const size_t count = comparison.routes().size();
    for (size_t i = 0; i < count; ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        // The first route on top, as in the table and the legends.
        const double lane = double(count - 1 - i);
        series[qsizetype(i)]->setName(route.spec.name);
        QPen pen(colors[i], 1.5);
        series[qsizetype(i)]->setPen(pen);
        series[qsizetype(i)]->replace(arrivalComb(route.reads, buckets, lane, maxEvents));
    }
    setTimeRange(c, buckets.seconds(buckets.endNs));
    // Each lane named at its baseline, in place of a legend.
    // Category labels must be unique and appended bottom up.
    QStringList labels;
    for (size_t i = count; i-- > 0;) {
        QString label = comparison.routes()[i].spec.name;
        while (labels.contains(label))
            label += u' ';
        labels.append(label);
    }
    auto *lanes = qobject_cast<QCategoryAxis *>(c->axes(Qt::Vertical).value(0));
    if (lanes->categoriesLabels() != labels) {
        for (const QString &label : lanes->categoriesLabels())
            lanes->remove(label);
        for (qsizetype lane = 0; lane < labels.size(); ++lane)
            lanes->append(labels.at(lane), double(lane) + 0.3);
    }
    lanes->setRange(-0.1, double(count));
}

void ComparisonCharts::updateLatency(
    const RouteComparison &comparison, const std::vector<QColor> &colors)
{
    QChart *c = chart(Latency);
    const auto series = routeSeries<QLineSeries>(c, comparison);
    // Everything under this many ms shares the first bar: a log axis needs a floor.
    constexpr double kFloorMs = 0.01;
    double low = 1e9;
    double high = 0;
    double tallest = 0;
    bool anyDelayFallback = false;
    QString rows;
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        const bool fromLatency = route.latencyUs.count() > 0;
        anyDelayFallback |= !fromLatency;
        const LogHistogram &histogram = fromLatency ? route.latencyUs : route.delayUs;
        QList<QPointF> points;
        const double total = double(std::max<quint64>(1, histogram.count()));
        double floorCount = 0;
        const auto bar = [&](double lowMs, double highMs, double share) {
            // An outline of bars: up, across, down, so gaps between bins show.
            points.append({ QPointF(lowMs, 0), QPointF(lowMs, share), QPointF(highMs, share),
                QPointF(highMs, 0) });
            low = std::min(low, lowMs);
            high = std::max(high, highMs);
            tallest = std::max(tallest, share);
        };
        histogram.forEachBin([&](double lowUs, double highUs, quint64 n) {
            if (highUs / 1e3 <= kFloorMs) {
                floorCount += double(n);
                return;
            }
            if (floorCount > 0) {
                bar(kFloorMs / 2, kFloorMs, 100.0 * floorCount / total);
                floorCount = 0;
            }
            bar(std::max(kFloorMs, lowUs / 1e3), highUs / 1e3, 100.0 * double(n) / total);
        });
        if (floorCount > 0)
            bar(kFloorMs / 2, kFloorMs, 100.0 * floorCount / total);
        const QString name = route.spec.name + (fromLatency ? QString() : tr(" (delay)"));
        const auto ms = [&](double q) {
            return histogram.count() > 0 ? shortDuration(histogram.quantile(q) / 1e3) : u"—"_s;
        };
        rows += u"<tr><td><span style='color:%1'>&#9632;</span> %2</td><td align=right>%3</td>"
                "<td align=right>%4</td><td align=right>%5</td><td align=right>%6</td></tr>"_s.arg(
                    colors[i].name(), name.toHtmlEscaped(), ms(0.5), ms(0.9), ms(0.99), ms(1.0));
        QLineSeries *s = series[qsizetype(i)];
        s->setName(name);
        s->setPen(routePen(colors[i], i));
        s->replace(points);
    }
    m_latencyTable->setText(
        u"<table cellspacing=0 cellpadding=1 width='100%'><tr><th align=left>%1</th>"
        "<th align=right>%2</th><th align=right>%3</th><th align=right>%4</th>"
        "<th align=right>%5</th></tr>%6</table>"_s.arg(
            tr("route"), tr("p50"), tr("p90"), tr("p99"), tr("max"), rows));
    c->setTitle(anyDelayFallback
            ? tr("Latency distribution (delay behind the fastest where no send time)")
            : tr("Latency distribution"));
    auto *x = qobject_cast<QLogValueAxis *>(c->axes(Qt::Horizontal).value(0));
    if (high <= 0) {
        low = 1;
        high = 1000;
    }
    // Whole decades, so that the labels read 0.1, 1, 10, 100 …
    x->setRange(
        std::pow(10.0, std::floor(std::log10(low))), std::pow(10.0, std::ceil(std::log10(high))));
    valueAxis(c, Qt::Vertical)->setRange(0, niceCeiling(std::max(1.0, tallest * 1.1)));
}

void ComparisonCharts::updateEventsPerRead(const RouteComparison &comparison,
    const std::vector<QColor> &colors, const TimeBuckets &buckets)
{
    QChart *c = chart(EventsPerRead);
    const auto series = routeSeries<QScatterSeries>(c, comparison);
    double most = 1;
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        QScatterSeries *s = series[qsizetype(i)];
        s->setName(route.spec.name);
        s->setMarkerShape(markerShape(i));
        s->setMarkerSize(7);
        s->setColor(colors[i]);
        s->setBorderColor(colors[i].darker(130));
        const QList<QPointF> points = eventsPerReadExtremes(route.reads, buckets);
        for (const QPointF &p : points)
            most = std::max(most, p.y());
        s->replace(points);
    }
    setTimeRange(c, buckets.seconds(buckets.endNs));
    auto *y = qobject_cast<QLogValueAxis *>(c->axes(Qt::Vertical).value(0));
    y->setRange(0.8, std::pow(10.0, std::ceil(std::log10(most * 1.2))));
}

void ComparisonCharts::updateDelay(const RouteComparison &comparison,
    const std::vector<QColor> &colors, const TimeBuckets &buckets)
{
    QChart *c = chart(Delay);
    double largestMs = 0;
    for (const RouteComparison::Route &route : comparison.routes())
        if (route.delayUs.count() > 0)
            largestMs = std::max(largestMs, route.delayUs.max() / 1e3);
    // Seconds once delays reach seconds: "2.3" reads better than "2300".
    const double unitMs = largestMs >= 2000 ? 1000 : 1;
    const auto series = routeSeries<QScatterSeries>(c, comparison);
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        QScatterSeries *s = series[qsizetype(i)];
        s->setName(route.spec.name);
        s->setMarkerShape(markerShape(i));
        s->setMarkerSize(7);
        s->setColor(colors[i]);
        s->setBorderColor(colors[i].darker(130));
        s->replace(delayExtremes(route.delays, buckets, unitMs));
    }
    setTimeRange(c, buckets.seconds(buckets.endNs));
    QValueAxis *y = valueAxis(c, Qt::Vertical);
    y->setTitleText(unitMs > 1 ? tr("delay (s)") : tr("delay (ms)"));
    y->setRange(0, niceCeiling(std::max(1.0, largestMs / unitMs * 1.05)));
    y->setLabelFormat(u"%g"_s);
}

void ComparisonCharts::updateBytesPerRead(
    const RouteComparison &comparison, const std::vector<QColor> &colors)
{
    QChart *c = chart(BytesPerRead);
    auto *bars = qobject_cast<QBarSeries *>(c->series().value(0));
    if (!bars || bars->count() != qsizetype(comparison.routes().size())) {
        c->removeAllSeries();
        bars = new QBarSeries;
        for (size_t i = 0; i < comparison.routes().size(); ++i) {
            auto *set = new QBarSet(comparison.routes()[i].spec.name);
            set->append({ 0, 0, 0 });
            bars->append(set);
        }
        // A 4 KiB buffered read dwarfs 60-byte streaming ones: values written on the bars.
        bars->setLabelsVisible(true);
        bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        bars->setLabelsFormat(u"@value"_s);
        c->addSeries(bars);
        for (QAbstractAxis *axis : c->axes())
            bars->attachAxis(axis);
    }
    double most = 1;
    for (size_t i = 0; i < comparison.routes().size(); ++i) {
        const RouteComparison::Route &route = comparison.routes()[i];
        QBarSet *set = bars->barSets().at(qsizetype(i));
        set->setLabel(route.spec.name);
        set->setBrush(QBrush(colors[i], barPattern(i)));
        set->setBorderColor(colors[i].darker(130));
        // The newest read is still open and not in the histogram: count it too.
        LogHistogram bytes;
        bytes.merge(route.bytesPerRead);
        if (!route.reads.empty())
            bytes.add(double(route.reads.back().bytes));
        const double values[3] = { bytes.count() ? bytes.quantile(0.5) : 0,
            bytes.count() ? bytes.quantile(0.9) : 0, bytes.count() ? bytes.max() : 0 };
        for (int v = 0; v < 3; ++v) {
            set->replace(v, std::max(1.0, std::round(values[v])));
            most = std::max(most, values[v]);
        }
    }
    qobject_cast<QLogValueAxis *>(c->axes(Qt::Vertical).value(0))
        ->setRange(1, std::pow(10.0, std::ceil(std::log10(most * 1.5))));
}

} // namespace ssescope::ui
