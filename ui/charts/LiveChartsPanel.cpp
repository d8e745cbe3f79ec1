#include "LiveChartsPanel.h"

#include "core/common/Clock.h"
#include "ui/session/DashboardSession.h"
#include "core/stats/CaptureStats.h"
#include "core/stats/RateSeries.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QEvent>
#include <QShowEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QSplitter>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

// Scatter points per redraw, over all streams: enough to see the spread,
// few enough that a redraw stays a few milliseconds at any event rate.
constexpr qint64 kLatencySampleBudget = 3000;
// Latencies spanning more than this ratio turn the log axis on by themselves.
constexpr double kLogScaleSpan = 100;
constexpr int kRateWindowSeconds = int(kRateWindowNs / 1'000'000'000);

// A chart view that reports when the user zoomed with the rubber band, so
// the panel can pause the rolling window instead of undoing the zoom.
class ZoomableChartView final : public QChartView
{
public:
    ZoomableChartView(QChart *chart, QWidget *parent)
        : QChartView(chart, parent)
    {
        setRubberBand(QChartView::HorizontalRubberBand);
        setRenderHint(QPainter::Antialiasing);
        setFocusPolicy(Qt::StrongFocus);
    }
    std::function<void()> onZoomed;

protected:
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        QChartView::mouseReleaseEvent(event);
        if (onZoomed)
            onZoomed();
    }
};

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeCircle);
    chart->legend()->setShowToolTips(true);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    // Axis labels in the user's locale, as the tables' numbers are: a rate
    // axis reads "200,000" (or "200.000"), not "200000".
    chart->setLocalizeNumbers(true);
    return chart;
}

QDateTimeAxis *makeTimeAxis(QChart *chart)
{
    auto *axis = new QDateTimeAxis(chart);
    axis->setFormat(u"HH:mm:ss"_s);
    axis->setTickCount(5);
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

QValueAxis *makeValueAxis(QChart *chart, const QString &title)
{
    auto *axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setLabelFormat(u"%.0f"_s);
    axis->setMin(0);
    chart->addAxis(axis, Qt::AlignLeft);
    return axis;
}

// A range from zero with four ticks on a 1-2-5 step, and labels with just
// enough decimals for that step.
void applyNiceRange(QValueAxis *axis, double maximum)
{
    double step = 1;
    if (maximum > 0) {
        const double raw = maximum / 4;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        step = 10 * magnitude;
        for (double candidate : { 1.0, 2.0, 5.0 }) {
            if (raw <= candidate * magnitude) {
                step = candidate * magnitude;
                break;
            }
        }
    }
    const int decimals = step >= 1 ? 0 : std::min(6, int(std::ceil(-std::log10(step) - 1e-9)));
    axis->setRange(0, step * 4);
    axis->setTickCount(5);
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

// Whole decades around the data: a log axis labels each power of ten.
void applyDecadeRange(QLogValueAxis *axis, double minPositive, double maximum)
{
    double lo = minPositive > 0 ? std::pow(10.0, std::floor(std::log10(minPositive))) : 0.1;
    double hi = maximum > 0 ? std::pow(10.0, std::ceil(std::log10(maximum))) : 10.0;
    if (hi <= lo)
        hi = lo * 10;
    axis->setRange(lo, hi);
}

// The first stored row that arrived at or after steadyNs: rows are in
// arrival order, so a binary search finds a window's start.
qint64 firstRowAtOrAfter(const EventStore &store, qint64 steadyNs)
{
    qint64 lo = 0;
    qint64 hi = store.size();
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (store.at(mid).arrivalSteadyNs < steadyNs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void applyTheme(QChart *chart, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
}

} // namespace

LiveChartsPanel::LiveChartsPanel(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    // The average's window is in the titles: a vertical axis title has no room.
    , m_rateChart(makeChart(tr("Events per second (%1 s average)").arg(kRateWindowSeconds)))
    , m_latencyChart(makeChart(tr("Latency (each dot an event)")))
    , m_bytesChart(makeChart(tr("Bytes per second (%1 s average)").arg(kRateWindowSeconds)))
    , m_rateView(new ZoomableChartView(m_rateChart, this))
    , m_latencyView(new ZoomableChartView(m_latencyChart, this))
    , m_bytesView(new ZoomableChartView(m_bytesChart, this))
    , m_rateX(makeTimeAxis(m_rateChart))
    , m_latencyX(makeTimeAxis(m_latencyChart))
    , m_bytesX(makeTimeAxis(m_bytesChart))
    , m_rateY(makeValueAxis(m_rateChart, tr("events/s")))
    , m_latencyY(makeValueAxis(m_latencyChart, tr("ms")))
    , m_bytesY(makeValueAxis(m_bytesChart, tr("KiB/s")))
    , m_latencyLogY(new QLogValueAxis(this))
    , m_window(new QComboBox(this))
    , m_pause(new QToolButton(this))
    , m_resetZoom(new QToolButton(this))
    , m_logScale(new QCheckBox(tr("&Log scale"), this))
    , m_scope(new QLabel(this))
{
    setObjectName(u"chartsPanel"_s);
    for (QChart *chart : { m_rateChart, m_latencyChart, m_bytesChart })
        applyTheme(chart, palette());
    // One legend is enough: the colours are the streams panel's too.
    m_latencyChart->legend()->hide();
    // Legend entries drawn with the line's own pen show its dash pattern.
    m_rateChart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_bytesChart->legend()->hide();
    m_rateView->setObjectName(u"rateChart"_s);
    m_rateView->setAccessibleName(tr("Events per second chart"));
    m_latencyView->setObjectName(u"latencyChart"_s);
    m_latencyView->setAccessibleName(tr("Latency chart"));
    m_bytesView->setObjectName(u"bytesChart"_s);
    m_bytesView->setAccessibleName(tr("Bytes per second chart"));
    // Raw 250 ms bins would drop to zero between a buffering proxy's bursts,
    // as if the stream had paused: both rate charts draw trailing averages.
    const QString rateTip
        = tr("Each point is the average over the %1 s before it (over the "
             "stream's age while it is younger), the same as the streams "
             "panel's Events/s. Line styles tell streams with equal values apart.")
              .arg(kRateWindowSeconds);
    m_rateView->setToolTip(rateTip);
    m_bytesView->setToolTip(rateTip);
    m_latencyView->setToolTip(tr("Each dot is one event's send-time latency. Use the log scale "
                                 "to see millisecond streams beside slow ones."));
    m_latencyLogY->setBase(10);
    m_latencyLogY->setLabelFormat(u"%.6g"_s);
    m_latencyLogY->setMinorTickCount(-1); // 8 unlabelled ticks per decade
    m_latencyLogY->setTitleText(tr("ms (log scale)"));
    m_logScale->setObjectName(u"chartLogScale"_s);
    m_logScale->setAccessibleName(tr("Latency log scale"));
    m_logScale->setToolTip(tr("Latency on a logarithmic axis. On by itself while latencies "
                              "span more than two decades, until you choose."));
    // clicked() is the user's choice; toggled() also fires when the data chose.
    connect(m_logScale, &QCheckBox::clicked, this, [this] { m_logScaleChosen = true; });
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        applyLogScale(on);
        if (m_zoomed)
            fitYToView();
        else
            redraw();
    });
    for (QChartView *view : { m_rateView, m_latencyView, m_bytesView }) {
        static_cast<ZoomableChartView *>(view)->onZoomed = [this, view] {
            handleZoomed(view->chart());
        };
        view->setMinimumHeight(140);
    }

    m_window->setObjectName(u"chartWindow"_s);
    m_window->setAccessibleName(tr("Chart time window"));
    for (int minutes : { 1, 2, 5, 10, 15 })
        m_window->addItem(tr("Last %n minute(s)", nullptr, minutes), minutes);
    m_window->setCurrentIndex(1);
    connect(m_window, &QComboBox::currentIndexChanged, this,
        [this] { setWindowMinutes(m_window->currentData().toInt()); });
    m_pause->setObjectName(u"chartPause"_s);
    m_pause->setAccessibleName(tr("Pause charts"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the charts; capture goes on"));
    connect(m_pause, &QToolButton::toggled, this, &LiveChartsPanel::setPaused);
    m_resetZoom->setObjectName(u"chartResetZoom"_s);
    m_resetZoom->setAccessibleName(tr("Reset chart zoom"));
    m_resetZoom->setText(tr("Reset zoom"));
    m_resetZoom->setEnabled(false);
    connect(m_resetZoom, &QToolButton::clicked, this, &LiveChartsPanel::resetZoom);

    auto *controls = new QHBoxLayout;
    auto *windowLabel = new QLabel(tr("&Window"), this);
    windowLabel->setBuddy(m_window);
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addWidget(m_pause);
    controls->addWidget(m_resetZoom);
    controls->addWidget(m_logScale);
    auto *hint = new QLabel(tr("Drag to zoom · click a point to find its event"), this);
    hint->setEnabled(false);
    controls->addWidget(hint);
    m_scope->setObjectName(u"chartScope"_s);
    m_scope->setAccessibleName(tr("Streams in the charts"));
    controls->addWidget(m_scope);
    controls->addStretch(1);

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->setObjectName(u"chartsSplitter"_s);
    charts->addWidget(m_rateView);
    charts->addWidget(m_latencyView);
    charts->addWidget(m_bytesView);
    for (int i = 0; i < 3; ++i)
        charts->setStretchFactor(i, 1);
    charts->setSizes({ 1000, 1000, 1000 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(charts, 1);

    connectRedrawTriggers();
}

LiveChartsPanel::~LiveChartsPanel() = default;

// "Something new" for a rolling window: events ingested, a stream added,
// removed, replaced or changing state (a stream that ends moves the axis to
// the capture's own time), the capture cleared or opened, and the window or
// the filter changed (those redraw at once). A live chart's x axis follows
// the clock, so while a stream is live the axis also scrolls with nothing
// new, but only once a second: at the widest window a second is a few
// pixels, and a quiet session should not cost ten redraws a second.
void LiveChartsPanel::connectRedrawTriggers()
{
    m_redrawTimer.setSingleShot(true);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_paused)
            redraw();
        else
            m_redrawPending = true;
    });
    m_idleScroll.setInterval(kIdleScrollMs);
    connect(&m_idleScroll, &QTimer::timeout, this, [this] {
        if (anyStreamLive())
            scheduleRedraw();
        else
            m_idleScroll.stop();
    });
    const CapturePipeline &pipeline = m_session->pipeline();
    connect(&pipeline, &CapturePipeline::ingested, this, &LiveChartsPanel::scheduleRedraw);
    const auto streamChanged = [this](StreamId stream) {
        if (isLive(stream) && !m_idleScroll.isActive())
            m_idleScroll.start();
        scheduleRedraw();
    };
    connect(m_session, &DashboardSession::streamAdded, this, streamChanged);
    connect(m_session, &DashboardSession::streamReplaced, this,
        [streamChanged](StreamId, StreamId to) { streamChanged(to); });
    connect(m_session, &DashboardSession::streamStatusChanged, this, streamChanged);
    connect(
        m_session, &DashboardSession::captureStreamsAdded, this, &LiveChartsPanel::scheduleRedraw);
    connect(m_session, &DashboardSession::streamRemoved, this, [this](StreamId) { redraw(); });
    connect(m_session, &DashboardSession::captureReset, this, [this] {
        for (const StreamId stream : m_series.keys())
            removeSeries(stream);
        redraw();
    });
    // Nothing drawn yet: the first show draws, whatever came before it.
    m_redrawPending = true;
    // Started as soon as a stream is live; stopped by its own tick once none
    // is, so that a status change costs no walk over every stream.
    if (anyStreamLive())
        m_idleScroll.start();
}

void LiveChartsPanel::scheduleRedraw()
{
    // Hidden or paused, the charts only remember that they are behind.
    if (!isVisible() || m_paused) {
        m_redrawPending = true;
        return;
    }
    if (m_redrawTimer.isActive())
        return; // coalesced into the redraw already armed
    const qint64 since = m_sinceRedraw.isValid() ? m_sinceRedraw.elapsed() : kRedrawIntervalMs;
    m_redrawTimer.start(int(std::max<qint64>(0, kRedrawIntervalMs - since)));
}

void LiveChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_redrawPending)
        scheduleRedraw();
}

void LiveChartsPanel::changeEvent(QEvent *event)
{
    // Follow the system's light or dark palette when it changes at run time.
    if (event->type() == QEvent::PaletteChange) {
        for (QChart *chart : { m_rateChart, m_latencyChart, m_bytesChart })
            applyTheme(chart, palette());
        for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
            const QColor color = m_session->streamColor(it.key());
            const QPen pen = streamPen(color, m_session->streamSlot(it.key()));
            it->rate->setPen(pen);
            it->bytes->setPen(pen);
            it->latency->setColor(color);
            it->latency->setBorderColor(Qt::transparent);
        }
    }
    QWidget::changeEvent(event);
}

QXYSeries *LiveChartsPanel::rateSeries(StreamId stream) const
{
    const auto it = m_series.constFind(stream);
    return it == m_series.constEnd() ? nullptr : it->rate;
}

QXYSeries *LiveChartsPanel::latencySeries(StreamId stream) const
{
    const auto it = m_series.constFind(stream);
    return it == m_series.constEnd() ? nullptr : it->latency;
}

QXYSeries *LiveChartsPanel::bytesSeries(StreamId stream) const
{
    const auto it = m_series.constFind(stream);
    return it == m_series.constEnd() ? nullptr : it->bytes;
}

QPen LiveChartsPanel::streamPen(const QColor &color, int slot)
{
    // Colours repeat only after many streams; dash patterns after five. Both
    // together keep two streams with the same values apart where one line
    // lies on the other: the lower one shows through the upper one's gaps.
    static const QList<qreal> patterns[] = {
        {}, // solid
        { 5, 3 },
        { 1.5, 2.5 },
        { 6, 2.5, 1.5, 2.5 },
        { 3, 2, 1, 2, 1, 2 },
    };
    QPen pen(color, 1.6);
    pen.setCapStyle(Qt::FlatCap);
    const auto &pattern = patterns[std::size_t(std::max(0, slot) % std::size(patterns))];
    if (!pattern.isEmpty())
        pen.setDashPattern(pattern);
    return pen;
}

bool LiveChartsPanel::latencyLogScale() const
{
    return m_logScale->isChecked();
}

QAbstractAxis *LiveChartsPanel::latencyYAxis() const
{
    return latencyLogScale() ? static_cast<QAbstractAxis *>(m_latencyLogY) : m_latencyY;
}

void LiveChartsPanel::setLatencyLogScale(bool on)
{
    m_logScaleChosen = true;
    m_logScale->setChecked(on);
}

void LiveChartsPanel::applyLogScale(bool on)
{
    QAbstractAxis *from = on ? static_cast<QAbstractAxis *>(m_latencyY) : m_latencyLogY;
    QAbstractAxis *to = on ? static_cast<QAbstractAxis *>(m_latencyLogY) : m_latencyY;
    if (!m_latencyChart->axes(Qt::Vertical).contains(from))
        return;
    m_latencyChart->removeAxis(from);
    from->setParent(this); // removeAxis() hands ownership back
    m_latencyChart->addAxis(to, Qt::AlignLeft);
    for (const StreamSeries &series : std::as_const(m_series))
        series.latency->attachAxis(to);
}

void LiveChartsPanel::setWindowMinutes(int minutes)
{
    m_windowMinutes = std::clamp(minutes, 1, 15);
    const int index = m_window->findData(m_windowMinutes);
    if (index >= 0 && index != m_window->currentIndex())
        m_window->setCurrentIndex(index);
    redraw();
}

void LiveChartsPanel::setPaused(bool paused)
{
    m_paused = paused;
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    if (!paused && m_zoomed)
        resetZoom();
    else if (!paused)
        scheduleRedraw(); // the window moved on while paused
}

LiveChartsPanel::StreamSeries &LiveChartsPanel::seriesFor(StreamId stream)
{
    auto it = m_series.find(stream);
    if (it != m_series.end())
        return *it;
    StreamSeries series;
    const bool other = stream == kOtherStreams;
    const QColor color = other ? QColor(Qt::gray) : m_session->streamColor(stream);
    const QString name = other ? tr("Other streams") : m_session->streamName(stream);
    series.rate = new QLineSeries(m_rateChart);
    series.latency = new QScatterSeries(m_latencyChart);
    series.bytes = new QLineSeries(m_bytesChart);
    series.latency->setMarkerSize(5);
    series.latency->setBorderColor(Qt::transparent);
    const struct
    {
        QXYSeries *series;
        QChart *chart;
        QDateTimeAxis *x;
        QValueAxis *y; // null: the latency axis in use
    } parts[] = {
        { series.rate, m_rateChart, m_rateX, m_rateY },
        { series.latency, m_latencyChart, m_latencyX, nullptr },
        { series.bytes, m_bytesChart, m_bytesX, m_bytesY },
    };
    for (const auto &part : parts) {
        part.series->setName(name);
        part.series->setColor(color);
        part.chart->addSeries(part.series);
        part.series->attachAxis(part.x);
        part.series->attachAxis(part.y ? static_cast<QAbstractAxis *>(part.y) : latencyYAxis());
    }
    // The other streams' line sorts last (slot) and is dotted: it is a sum.
    const QPen pen
        = other ? QPen(color, 1.5, Qt::DotLine) : streamPen(color, m_session->streamSlot(stream));
    series.rate->setPen(pen);
    series.bytes->setPen(pen);
    connect(series.rate, &QXYSeries::clicked, this,
        [this, stream](const QPointF &point) { pickFromLine(stream, point); });
    connect(series.bytes, &QXYSeries::clicked, this,
        [this, stream](const QPointF &point) { pickFromLine(stream, point); });
    connect(series.latency, &QXYSeries::clicked, this,
        [this, stream](const QPointF &point) { pickFromScatter(stream, point); });
    auto inserted = m_series.insert(stream, std::move(series));
    orderSeriesBySlot();
    return *inserted;
}

void LiveChartsPanel::orderSeriesBySlot()
{
    // The legend lists series in the order they were added; a stream edited
    // in the streams panel comes back with a new id but its old slot, and
    // belongs back in its old place.
    QList<StreamId> order = m_series.keys();
    std::sort(order.begin(), order.end(), [this](StreamId a, StreamId b) {
        const int sa = a == kOtherStreams ? INT_MAX : m_session->streamSlot(a);
        const int sb = b == kOtherStreams ? INT_MAX : m_session->streamSlot(b);
        return sa != sb ? sa < sb : a < b;
    });
    QList<QAbstractSeries *> wanted;
    for (StreamId stream : order)
        wanted.append(m_series[stream].rate);
    if (m_rateChart->series() == wanted)
        return;
    const auto reorder = [&](QChart *chart, auto member, QAbstractAxis *x, QAbstractAxis *y) {
        for (StreamId stream : order)
            chart->removeSeries(m_series[stream].*member);
        for (StreamId stream : order) {
            QXYSeries *series = m_series[stream].*member;
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
    };
    reorder(m_rateChart, &StreamSeries::rate, m_rateX, m_rateY);
    reorder(m_latencyChart, &StreamSeries::latency, m_latencyX, latencyYAxis());
    reorder(m_bytesChart, &StreamSeries::bytes, m_bytesX, m_bytesY);
}

void LiveChartsPanel::removeSeries(StreamId stream)
{
    auto it = m_series.find(stream);
    if (it == m_series.end())
        return;
    m_rateChart->removeSeries(it->rate);
    m_latencyChart->removeSeries(it->latency);
    m_bytesChart->removeSeries(it->bytes);
    delete it->rate;
    delete it->latency;
    delete it->bytes;
    m_series.erase(it);
}

qint64 LiveChartsPanel::wallMinusSteadyNs() const
{
    // Captures opened from disk carry their own clocks: take the offset from
    // the newest stored event, which is exact for live and recorded alike.
    const EventStore &store = m_session->store();
    if (!store.isEmpty()) {
        const StoredEventView last = store.at(store.size() - 1);
        return last.arrivalWallNs - last.arrivalSteadyNs;
    }
    return wallNowNs() - steadyNowNs();
}

void LiveChartsPanel::setStreamFilter(const QSet<StreamId> &streams)
{
    if (streams == m_streamFilter)
        return;
    m_streamFilter = streams;
    redraw();
}

QString LiveChartsPanel::scopeText() const
{
    return m_scope->text();
}

QList<StreamId> LiveChartsPanel::chooseStreams(
    qint64 nowNs, QList<StreamId> *rest, int *candidates) const
{
    const CaptureStats &stats = m_session->pipeline().stats();
    const QList<StreamId> &live = m_session->streams();
    QSet<int> liveSlots;
    for (StreamId stream : live)
        liveSlots.insert(m_session->streamSlot(stream));
    struct Ranked
    {
        StreamId stream;
        double rate;
        int slot;
    };
    std::vector<Ranked> ranked;
    for (StreamId stream : stats.streams()) {
        const int slot = m_session->streamSlot(stream);
        // An edited stream keeps its slot under a new id: the old id's events
        // are the same stream's history, not a second stream in the legend.
        // A stream read from an opened capture shares its slot (its colour)
        // with the live stream of the same name, and is drawn all the same.
        if (m_session->isReplaced(stream) && !live.contains(stream) && liveSlots.contains(slot))
            continue;
        if (!m_streamFilter.isEmpty() && !m_streamFilter.contains(stream))
            continue;
        ranked.push_back({ stream, 0.0, slot });
    }
    *candidates = int(ranked.size());
    if (ranked.size() > std::size_t(kDrawnStreams)) {
        // A rate reading merges at most a minute of one-second slots: the
        // ranking costs the same per stream whatever the chart window.
        for (Ranked &r : ranked)
            r.rate = currentRate(*stats.find(r.stream), nowNs).eventsPerSecond;
    }
    // Busiest first; equal rates keep the streams panel's order.
    std::sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
        return a.rate != b.rate ? a.rate > b.rate
            : a.slot != b.slot  ? a.slot < b.slot
                                : a.stream < b.stream;
    });
    QList<StreamId> drawn;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (i < std::size_t(kDrawnStreams))
            drawn.append(ranked[i].stream);
        else
            rest->append(ranked[i].stream);
    }
    return drawn;
}

bool LiveChartsPanel::isLive(StreamId stream) const
{
    // Live while a stream is running; streams paused (as opening a capture
    // pauses them) or ended leave the charts on the capture's own time axis,
    // which otherwise scrolled off within two minutes of wall clock.
    const SubscriptionState state = m_session->status(stream).state;
    return state == SubscriptionState::Open || state == SubscriptionState::Connecting
        || state == SubscriptionState::Waiting;
}

bool LiveChartsPanel::anyStreamLive() const
{
    const QList<StreamId> &streams = m_session->streams();
    return std::any_of(
        streams.cbegin(), streams.cend(), [this](StreamId id) { return isLive(id); });
}

LiveChartsPanel::Window LiveChartsPanel::chooseWindow() const
{
    const CaptureStats &stats = m_session->pipeline().stats();
    const QList<StreamId> streams = stats.streams();
    Window window;
    window.offsetNs = wallMinusSteadyNs();
    const bool live = anyStreamLive();
    window.endNs = live ? steadyNowNs() : 0;
    if (!live) {
        // A capture ends where its last bin does, so its last events count.
        for (StreamId stream : streams) {
            const StreamStats *streamStats = stats.find(stream);
            window.endNs = std::max(
                window.endNs, streamStats->totals().lastNs + streamStats->seriesResolutionNs());
        }
        if (window.endNs == 0)
            window.endNs = steadyNowNs();
    }
    const qint64 widthNs = qint64(m_windowMinutes) * 60 * 1'000'000'000LL;
    // A young capture fills the width (at least 20 s) until it is as old as
    // the window: the first minute of a session is worth seeing in detail.
    qint64 firstNs = window.endNs;
    for (StreamId stream : streams) {
        const auto &points = stats.find(stream)->series();
        if (!points.empty())
            firstNs = std::min(firstNs, points.front().startNs);
    }
    window.startNs
        = std::max(window.endNs - widthNs, std::min(firstNs, window.endNs - 20'000'000'000LL));
    return window;
}

void LiveChartsPanel::updateScope(int candidates, bool restDrawn)
{
    QString scope;
    if (restDrawn)
        scope = tr("Top %1 of %Ln streams by rate; the rest as one line.", nullptr, candidates)
                    .arg(kDrawnStreams);
    if (!m_streamFilter.isEmpty())
        scope = (scope.isEmpty() ? QString() : scope + u' ')
            + tr("Only the streams the table's Stream filter shows.");
    m_scope->setText(scope);
    m_scope->setVisible(!scope.isEmpty());
}

void LiveChartsPanel::drawRates(StreamId stream, const std::vector<RatePoint> &rates,
    const Window &window, Extremes *extremes, Drawing *drawing)
{
    StreamSeries &series = seriesFor(stream);
    QList<QPointF> rate;
    QList<QPointF> bytes;
    rate.reserve(qsizetype(rates.size()));
    bytes.reserve(qsizetype(rates.size()));
    for (const RatePoint &point : rates) {
        const double x = double(point.atNs + window.offsetNs) / 1e6;
        rate.append({ x, point.eventsPerSecond });
        bytes.append({ x, point.bytesPerSecond });
        extremes->maxRate = std::max(extremes->maxRate, point.eventsPerSecond);
        extremes->maxBytes = std::max(extremes->maxBytes, point.bytesPerSecond);
    }
    m_pointCount += rate.size() + bytes.size();
    series.rate->replace(rate);
    drawing->bytes.insert(stream, std::move(bytes));
    drawing->latency.insert(stream, {});
    drawing->latencySeqs.insert(stream, {});
}

std::vector<RatePoint> LiveChartsPanel::otherStreamsRates(const QList<StreamId> &drawn,
    const QList<StreamId> &rest, int candidates, const Window &window) const
{
    // The other streams' bins, added up over the window (and the rate window
    // before it): one line drawn, whatever their number. When no stream is
    // left out (no filter, no edit), that is the capture's total less the
    // drawn streams, which costs the same for 1,000 streams as for 21.
    const CaptureStats &all = m_session->pipeline().stats();
    const qint64 resolution = all.total().seriesResolutionNs();
    const qint64 base = (window.startNs - kRateWindowNs) / resolution * resolution - resolution;
    std::vector<SeriesPoint> sums(std::size_t((window.endNs - base) / resolution + 2));
    const auto addBins = [&](const StreamStats &stats, bool subtract) {
        const auto &bins = stats.series();
        for (auto it = bins.crbegin(); it != bins.crend() && it->startNs >= base; ++it) {
            const auto at = std::size_t((it->startNs - base) / resolution);
            if (at >= sums.size())
                continue;
            // Unsigned: a subtraction wraps and the total's addition brings
            // it back, in either order.
            SeriesPoint &sum = sums[at];
            sum.events += subtract ? 0u - it->events : it->events;
            sum.bytes += subtract ? 0u - it->bytes : it->bytes;
        }
    };
    qint64 origin = std::numeric_limits<qint64>::max();
    if (candidates == all.streams().size()) {
        addBins(all.total(), false);
        for (StreamId stream : drawn)
            addBins(*all.find(stream), true);
        origin = all.total().totals().firstNs;
    } else {
        for (StreamId stream : rest) {
            const StreamStats *stats = all.find(stream);
            origin = std::min(origin, stats->totals().firstNs);
            addBins(*stats, false);
        }
    }
    std::deque<SeriesPoint> merged;
    for (std::size_t i = 0; i < sums.size(); ++i) {
        if (sums[i].events == 0 && sums[i].bytes == 0)
            continue;
        sums[i].startNs = base + qint64(i) * resolution;
        merged.push_back(sums[i]);
    }
    return rollingRates(merged, resolution, window.startNs, window.endNs, kRateWindowNs, origin);
}

void LiveChartsPanel::sampleLatencies(
    const QSet<StreamId> &rest, const Window &window, Extremes *extremes, Drawing *drawing) const
{
    // Individual events, sampled evenly across the window.
    const EventStore &store = m_session->store();
    double minPositive = std::numeric_limits<double>::infinity();
    if (!store.isEmpty()) {
        const qint64 lo = firstRowAtOrAfter(store, window.startNs);
        const qint64 inWindow = store.size() - lo;
        const qint64 stride = std::max<qint64>(1, inWindow / kLatencySampleBudget);
        for (qint64 row = lo; row < store.size(); row += stride) {
            const StoredEventView event = store.at(row);
            if (!event.latencyMs)
                continue;
            const StreamId key = rest.contains(event.stream) ? kOtherStreams : event.stream;
            auto points = drawing->latency.find(key);
            if (points == drawing->latency.end())
                continue;
            points->append(
                { double(event.arrivalSteadyNs + window.offsetNs) / 1e6, *event.latencyMs });
            drawing->latencySeqs[key].push_back(event.seq);
            extremes->maxLatency = std::max(extremes->maxLatency, *event.latencyMs);
            if (*event.latencyMs > 0)
                minPositive = std::min(minPositive, *event.latencyMs);
        }
    }
    extremes->minPositiveLatency = std::isfinite(minPositive) ? minPositive : 0;
}

void LiveChartsPanel::followLatencySpan(const Extremes &extremes)
{
    if (m_logScaleChosen || extremes.minPositiveLatency <= 0)
        return;
    const bool wide = extremes.maxLatency / extremes.minPositiveLatency > kLogScaleSpan;
    if (wide != m_logScale->isChecked()) {
        const QSignalBlocker blocker(m_logScale);
        m_logScale->setChecked(wide);
        applyLogScale(wide);
    }
}

void LiveChartsPanel::drawLatencies(const Extremes &extremes, Drawing *drawing)
{
    // A log axis has no place for zero or less (a skewed sender clock): such
    // events sit on the axis floor instead of vanishing.
    const double logFloor = extremes.minPositiveLatency > 0
        ? std::pow(10.0, std::floor(std::log10(extremes.minPositiveLatency)))
        : 0.1;
    for (auto it = drawing->latency.begin(); it != drawing->latency.end(); ++it) {
        StreamSeries &series = m_series[it.key()];
        if (latencyLogScale()) {
            for (QPointF &point : *it)
                point.setY(std::max(point.y(), logFloor));
        }
        m_pointCount += it->size();
        series.latency->replace(*it);
        series.latencySeqs = std::move(drawing->latencySeqs[it.key()]);
    }
}

void LiveChartsPanel::drawBytes(const Extremes &extremes, Drawing *drawing)
{
    // One unit for the whole axis, chosen so that its labels stay short.
    int unit = 0;
    while (unit < 3 && extremes.maxBytes >= std::pow(1024.0, unit + 1))
        ++unit;
    const double divisor = std::pow(1024.0, unit);
    for (auto it = drawing->bytes.begin(); it != drawing->bytes.end(); ++it) {
        for (QPointF &point : *it)
            point.setY(point.y() / divisor);
        m_series[it.key()].bytes->replace(*it);
    }
    const QString unitTitles[] = { tr("bytes/s"), tr("KiB/s"), tr("MiB/s"), tr("GiB/s") };
    m_bytesY->setTitleText(unitTitles[unit]);
    applyNiceRange(m_bytesY, extremes.maxBytes / divisor * 1.05);
}

void LiveChartsPanel::redraw()
{
    if (m_zoomed)
        return;
    QElapsedTimer clock;
    clock.start();
    m_redrawTimer.stop(); // whatever was armed is drawn now
    m_redrawPending = false;
    const Window window = chooseWindow();

    // At most kDrawnStreams lines of their own; the rest summed into one.
    QList<StreamId> rest;
    int candidates = 0;
    const QList<StreamId> drawn = chooseStreams(window.endNs, &rest, &candidates);
    const QSet<StreamId> drawnSet(drawn.cbegin(), drawn.cend());
    for (const StreamId stream : m_series.keys()) {
        if (!drawnSet.contains(stream) && (stream != kOtherStreams || rest.isEmpty()))
            removeSeries(stream);
    }
    updateScope(candidates, !rest.isEmpty());

    Extremes extremes;
    Drawing drawing;
    m_pointCount = 0;
    const CaptureStats &stats = m_session->pipeline().stats();
    for (StreamId stream : drawn) {
        // Trailing averages, computed in core so that the streams panel and
        // the CLI read the same figures (see RateSeries.h).
        drawRates(stream, rollingRates(*stats.find(stream), window.startNs, window.endNs), window,
            &extremes, &drawing);
    }
    if (!rest.isEmpty()) {
        drawRates(kOtherStreams, otherStreamsRates(drawn, rest, candidates, window), window,
            &extremes, &drawing);
    }
    sampleLatencies(QSet<StreamId>(rest.cbegin(), rest.cend()), window, &extremes, &drawing);
    followLatencySpan(extremes);
    drawLatencies(extremes, &drawing);

    // Past a handful of streams a legend only shows dots without names; the
    // streams panel carries the same colours with the names.
    m_rateChart->legend()->setVisible(m_series.size() <= 6);

    applyXRange((window.startNs + window.offsetNs) / 1'000'000,
        (window.endNs + window.offsetNs) / 1'000'000);
    applyNiceRange(m_rateY, extremes.maxRate * 1.05);
    drawBytes(extremes, &drawing);
    applyLatencyRange(extremes.minPositiveLatency, extremes.maxLatency);
    m_lastRedrawUs = clock.nsecsElapsed() / 1000;
    m_sinceRedraw.start();
    ++m_redrawCount;
    Q_EMIT redrawn();
}

void LiveChartsPanel::applyXRange(qint64 fromMs, qint64 toMs)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs);
    for (QDateTimeAxis *axis : { m_rateX, m_latencyX, m_bytesX })
        axis->setRange(from, to);
}

void LiveChartsPanel::applyLatencyRange(double minPositive, double maximum)
{
    if (latencyLogScale())
        applyDecadeRange(m_latencyLogY, minPositive, maximum);
    else
        applyNiceRange(m_latencyY, maximum * 1.05);
}

void LiveChartsPanel::handleZoomed(QChart *source)
{
    QDateTimeAxis *axis = source == m_rateChart ? m_rateX
        : source == m_latencyChart              ? m_latencyX
                                                : m_bytesX;
    zoomToTime(axis->min().toMSecsSinceEpoch(), axis->max().toMSecsSinceEpoch());
}

void LiveChartsPanel::zoomToTime(qint64 fromMs, qint64 toMs)
{
    m_zoomed = true;
    m_resetZoom->setEnabled(true);
    if (!m_paused)
        setPaused(true);
    applyXRange(fromMs, toMs);
    fitYToView();
}

void LiveChartsPanel::fitYToView()
{
    // A zoom keeps the y range of the whole window otherwise: a quiet minute
    // next to a spike would stay a flat line at the bottom.
    const double from = double(m_rateX->min().toMSecsSinceEpoch());
    const double to = double(m_rateX->max().toMSecsSinceEpoch());
    const auto inView = [from, to](const QPointF &p) {
        return p.x() >= from && p.x() <= to;
    };
    double maxRate = 0;
    double maxBytes = 0;
    double maxLatency = 0;
    double minPositive = std::numeric_limits<double>::infinity();
    for (const StreamSeries &series : std::as_const(m_series)) {
        // A line crossing the view's edges counts at the edges too: take the
        // points just outside as well, as the line is drawn through them.
        for (auto [line, highest] :
            { std::pair { series.rate, &maxRate }, std::pair { series.bytes, &maxBytes } }) {
            const QList<QPointF> points = line->points();
            for (qsizetype i = 0; i < points.size(); ++i) {
                const bool near = inView(points.at(i))
                    || (i + 1 < points.size() && points.at(i).x() < from
                        && points.at(i + 1).x() >= from)
                    || (i > 0 && points.at(i).x() > to && points.at(i - 1).x() <= to);
                if (near)
                    *highest = std::max(*highest, points.at(i).y());
            }
        }
        for (const QPointF &point : series.latency->points()) {
            if (!inView(point))
                continue;
            maxLatency = std::max(maxLatency, point.y());
            if (point.y() > 0)
                minPositive = std::min(minPositive, point.y());
        }
    }
    applyNiceRange(m_rateY, maxRate * 1.05);
    applyNiceRange(m_bytesY, maxBytes * 1.05);
    applyLatencyRange(std::isfinite(minPositive) ? minPositive : 0, maxLatency);
}

void LiveChartsPanel::resetZoom()
{
    m_zoomed = false;
    m_resetZoom->setEnabled(false);
    for (QChart *chart : { m_rateChart, m_latencyChart, m_bytesChart })
        chart->zoomReset();
    if (m_paused)
        setPaused(false);
    redraw();
}

void LiveChartsPanel::pickFromScatter(StreamId stream, const QPointF &point)
{
    const auto it = m_series.constFind(stream);
    if (it == m_series.constEnd())
        return;
    const QList<QPointF> points = it->latency->points();
    qsizetype best = -1;
    double bestDistance = 0;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const double dx = (points.at(i).x() - point.x()) / 1000.0;
        const double dy = points.at(i).y() - point.y();
        const double d = dx * dx + dy * dy;
        if (best < 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    if (best >= 0 && std::size_t(best) < it->latencySeqs.size())
        Q_EMIT eventPicked(it->latencySeqs[std::size_t(best)]);
}

void LiveChartsPanel::pickFromLine(StreamId stream, const QPointF &point)
{
    const EventStore &store = m_session->store();
    if (store.isEmpty() || stream == kOtherStreams) // a sum of streams has no one event
        return;
    const qint64 steadyNs = qint64(point.x() * 1e6) - wallMinusSteadyNs();
    const qint64 lo = firstRowAtOrAfter(store, steadyNs);
    // The nearest event of that stream, looking a bounded distance each way.
    constexpr qint64 kReach = 200000;
    for (qint64 step = 0; step < kReach; ++step) {
        for (const qint64 row : { lo + step, lo - step - 1 }) {
            if (row >= 0 && row < store.size() && store.at(row).stream == stream) {
                Q_EMIT eventPicked(store.at(row).seq);
                return;
            }
        }
    }
}

} // namespace ssescope::ui
