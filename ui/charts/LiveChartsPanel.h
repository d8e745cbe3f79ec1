#pragma once

#include "core/sse/SseEvent.h"
#include "core/stats/RateSeries.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QPen>
#include <QTimer>
#include <QWidget>

#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QCheckBox;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QToolButton;
class QValueAxis;
class QXYSeries;

namespace ssescope::ui {

class DashboardSession;

// Events/s, latency and bytes/s per stream, overlaid one colour and one line
// style per stream on a shared rolling time axis (1 to 15 minutes). Rates are
// trailing averages (core/stats/RateSeries, the streams panel's window too), so
// a stream arriving in bursts does not look as if it paused between them.
// Latency can use a log axis, so millisecond streams are not flattened by one
// that takes seconds. Redrawn when something new is there to draw (see
// scheduleRedraw), at most ten times a second, by replacing whole series;
// never per event. Dragging zooms (and pauses), and
// each chart's y axis then fits the points in view; clicking a point picks the
// nearest event.
//
// However many streams there are, at most kDrawnStreams get lines of their
// own: the busiest by current rate. The others are summed into one "other
// streams" line (and one grey latency series), and a label says so: a line
// per stream for a workspace of 1,000 streams was 3,000 series, which stalled
// the window for over a second per redraw. The charts follow the table's
// Stream filter (setStreamFilter) and say so.
class LiveChartsPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDrawnStreams = 20;
    // The key of the "other streams" series in rateSeries() and friends:
    // stream ids start at 1.
    static constexpr StreamId kOtherStreams = 0;

    explicit LiveChartsPanel(DashboardSession *session, QWidget *parent = nullptr);
    ~LiveChartsPanel() override;
    Q_DISABLE_COPY_MOVE(LiveChartsPanel)

    void setWindowMinutes(int minutes);
    int windowMinutes() const { return m_windowMinutes; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Only these streams (empty: all), as the event table's Stream filter.
    void setStreamFilter(const QSet<StreamId> &streams);
    // What the charts show, in words: "Top 20 of 1,000 streams by rate; ...".
    QString scopeText() const;
    // Series per chart in the last redraw, the "other streams" one included.
    qsizetype drawnSeriesCount() const { return m_series.size(); }
    // Redraws now (scheduleRedraw does it while visible and not paused).
    void redraw();
    // Redraws done since the panel was made, for tests and benchmarks.
    qint64 redrawCount() const { return m_redrawCount; }
    // The shortest time between two redraws that scheduleRedraw arms.
    static constexpr int kRedrawIntervalMs = 100;
    // How often a live chart with nothing new scrolls its time axis.
    static constexpr int kIdleScrollMs = 1000;
    // Latency on a logarithmic axis. Until the user chooses, it follows the
    // data: on when latencies span more than two decades.
    void setLatencyLogScale(bool on);
    bool latencyLogScale() const;
    QAbstractAxis *latencyYAxis() const;
    // What a drag on a chart does: show that time span (ms since the epoch)
    // on every chart, paused, with y axes fitted to what is in view.
    void zoomToTime(qint64 fromMs, qint64 toMs);
    bool isZoomed() const { return m_zoomed; }
    void resetZoom();
    // The pen of a stream's rate and bytes lines: its colour and a dash
    // pattern by slot, so streams with identical data stay distinguishable.
    static QPen streamPen(const QColor &color, int slot);

    QChartView *rateView() const { return m_rateView; }
    QChartView *latencyView() const { return m_latencyView; }
    QChartView *bytesView() const { return m_bytesView; }
    // Points drawn in the last redraw, per chart, for tests and benchmarks.
    qsizetype pointCount() const { return m_pointCount; }
    qint64 lastRedrawUs() const { return m_lastRedrawUs; }

    // The series drawn for a stream (tests pick points through them).
    QXYSeries *rateSeries(StreamId stream) const;
    QXYSeries *latencySeries(StreamId stream) const;
    QXYSeries *bytesSeries(StreamId stream) const;

Q_SIGNALS:
    void eventPicked(quint64 seq);
    void redrawn(); // after every redraw, so tests need not poll redrawCount()

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct StreamSeries
    {
        QLineSeries *rate = nullptr;
        QScatterSeries *latency = nullptr;
        QLineSeries *bytes = nullptr;
        std::vector<quint64> latencySeqs; // parallel to the scatter's points
    };

    // The time span one redraw covers, on the steady clock of the events.
    struct Window
    {
        qint64 startNs = 0;
        qint64 endNs = 0;
        qint64 offsetNs = 0; // wall minus steady: x values are wall-clock ms
    };
    // The largest values drawn, for the y axes and the log scale's choice.
    struct Extremes
    {
        double maxRate = 0;
        double maxBytes = 0;
        double maxLatency = 0;
        double minPositiveLatency = 0;
    };
    // Points of one redraw, per series key, before they replace the series'.
    struct Drawing
    {
        QHash<StreamId, QList<QPointF>> latency;
        QHash<StreamId, std::vector<quint64>> latencySeqs;
        QHash<StreamId, QList<QPointF>> bytes; // bytes/s until the unit is chosen
    };

    void connectRedrawTriggers();
    void scheduleRedraw();
    bool isLive(StreamId stream) const;
    bool anyStreamLive() const;
    Window chooseWindow() const;
    void updateScope(int candidates, bool restDrawn);
    void drawRates(StreamId stream, const std::vector<RatePoint> &rates, const Window &window,
        Extremes *extremes, Drawing *drawing);
    std::vector<RatePoint> otherStreamsRates(const QList<StreamId> &drawn,
        const QList<StreamId> &rest, int candidates, const Window &window) const;
    void sampleLatencies(const QSet<StreamId> &rest, const Window &window, Extremes *extremes,
        Drawing *drawing) const;
    void followLatencySpan(const Extremes &extremes);
    void drawLatencies(const Extremes &extremes, Drawing *drawing);
    void drawBytes(const Extremes &extremes, Drawing *drawing);
    StreamSeries &seriesFor(StreamId stream);
    // The streams that get lines of their own, busiest first; the rest of
    // the candidates (in the capture, in the filter) go to *rest.
    QList<StreamId> chooseStreams(qint64 nowNs, QList<StreamId> *rest, int *candidates) const;
    void removeSeries(StreamId stream);
    void applyXRange(qint64 fromMs, qint64 toMs);
    void pickFromLine(StreamId stream, const QPointF &point);
    void pickFromScatter(StreamId stream, const QPointF &point);
    void handleZoomed(QChart *source);
    void fitYToView();
    void applyLogScale(bool on);
    void applyLatencyRange(double minPositive, double maximum);
    void orderSeriesBySlot();
    qint64 wallMinusSteadyNs() const;

    DashboardSession *m_session;
    QChart *m_rateChart;
    QChart *m_latencyChart;
    QChart *m_bytesChart;
    QChartView *m_rateView;
    QChartView *m_latencyView;
    QChartView *m_bytesView;
    QDateTimeAxis *m_rateX;
    QDateTimeAxis *m_latencyX;
    QDateTimeAxis *m_bytesX;
    QValueAxis *m_rateY;
    QValueAxis *m_latencyY;
    QValueAxis *m_bytesY;
    QLogValueAxis *m_latencyLogY;
    QComboBox *m_window;
    QToolButton *m_pause;
    QToolButton *m_resetZoom;
    QCheckBox *m_logScale;
    QLabel *m_scope;
    QSet<StreamId> m_streamFilter;
    QHash<StreamId, StreamSeries> m_series;
    QTimer m_redrawTimer; // single shot, armed by scheduleRedraw
    QTimer m_idleScroll; // runs while a stream is live
    QElapsedTimer m_sinceRedraw;
    bool m_redrawPending = false; // something new while hidden or paused
    int m_windowMinutes = 2;
    bool m_paused = false;
    bool m_zoomed = false;
    bool m_logScaleChosen = false; // the user set it: stop following the data
    qsizetype m_pointCount = 0;
    qint64 m_lastRedrawUs = 0;
    qint64 m_redrawCount = 0;
};

} // namespace ssescope::ui
