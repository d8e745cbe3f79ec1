// The charts draw rates as trailing averages (core/stats/RateSeries): steady
// streams are flat lines at their rate, not combs of 250 ms bins times four,
// and bursty streams do not drop to zero between bursts. Latency has a log
// axis; identical streams differ in line style; zooming fits the y axes.
#include "UiTestSupport.h"

#include "ui/charts/LiveChartsPanel.h"

#include <QAbstractAxis>
#include <QCheckBox>
#include <QChart>
#include <QChartView>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QXYSeries>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using ssescope::test::ingestEvents;
using ssescope::test::ingestRead;

namespace {
constexpr qint64 kSecond = 1'000'000'000LL;
constexpr qint64 kBase = 100 * kSecond;

double yMax(QChartView *view)
{
    return qobject_cast<QValueAxis *>(view->chart()->axes(Qt::Vertical).value(0))->max();
}
} // namespace

class TestLiveCharts final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void steadyRatesAreFlat_data();
    void steadyRatesAreFlat();
    void axisLabelsShowTheirDecimals();
    void axisLabelsGroupThousands();
    void byteRatesPickAReadableUnit_data();
    void byteRatesPickAReadableUnit();
    void burstyStreamsNeverDropToZero_data();
    void burstyStreamsNeverDropToZero();
    void latencyLogScaleCoversFastAndSlowStreams();
    void identicalStreamsHaveDifferentLineStyles();
    void zoomFitsTheYAxes();
    void newControlsHaveAccessibleNames();
    void thousandStreamsDrawTheTopTwentyAndOneOtherLine();
    void anEditedStreamIsListedOnce();
    void chartsFollowTheStreamFilter();
    void nothingNewIsNotRedrawn();
    void batchesFasterThanTenASecondAreDrawnTogether();
    void aLiveStreamScrollsTheAxisOnceASecond();
};

void TestLiveCharts::steadyRatesAreFlat_data()
{
    QTest::addColumn<int>("perSecond"); // events in one burst, once a second
    QTest::addColumn<int>("spreadMs"); // 0: all at once; else evenly over the second
    QTest::newRow("clock, 1/s") << 1 << 0;
    QTest::newRow("bursts of 25 each second") << 25 << 0;
    QTest::newRow("ticker, 40/s evenly") << 40 << 1000;
}

void TestLiveCharts::steadyRatesAreFlat()
{
    QFETCH(int, perSecond);
    QFETCH(int, spreadMs);
    DashboardSession session;
    LiveChartsPanel charts(&session);
    const qint64 base = 100'000'000'000LL;
    for (int second = 0; second < 20; ++second) {
        for (int i = 0; i < perSecond; ++i) {
            const qint64 at = base + qint64(second) * 1'000'000'000LL
                + (spreadMs ? qint64(i) * spreadMs * 1'000'000LL / perSecond : 0);
            ingestEvents(
                session, 1, 1, [](int) { return QByteArray("x"); }, "message", at);
        }
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    QXYSeries *rate = charts.rateSeries(1);
    QVERIFY(rate);
    // After the first second, every point is the rate (equal runs keep only
    // their ends, so there are few points).
    int checked = 0;
    const double firstX = rate->at(0).x();
    for (const QPointF &point : rate->points()) {
        if (point.x() - firstX < 1000 || point.y() == 0)
            continue;
        ++checked;
        QVERIFY2(qAbs(point.y() - perSecond) <= perSecond * 0.1 + 0.01,
            qPrintable(u"%1 events/s at %2"_s.arg(point.y()).arg(point.x() - firstX)));
    }
    QVERIFY(checked >= 1);
}

void TestLiveCharts::axisLabelsShowTheirDecimals()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    charts.redraw(); // nothing captured: 0..4 in whole steps, never "0 0 1 1 1"
    auto *axis
        = qobject_cast<QValueAxis *>(charts.rateView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    const int ticks = axis->tickCount();
    const double step = (axis->max() - axis->min()) / (ticks - 1);
    const auto match = QRegularExpression(u"\\.(\\d+)f"_s).match(axis->labelFormat());
    QVERIFY2(match.hasMatch(), qPrintable(axis->labelFormat()));
    const int decimals = match.captured(1).toInt();
    QVERIFY2(step * std::pow(10, decimals) == std::round(step * std::pow(10, decimals)),
        qPrintable(axis->labelFormat()));
}

// Rates in the hundreds of thousands read with their thousands grouped, in
// the user's locale, as the tables' numbers do.
void TestLiveCharts::axisLabelsGroupThousands()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    DashboardSession session;
    LiveChartsPanel charts(&session);
    charts.resize(1200, 300);
    charts.show();
    // 125,000 events in each of two quarters of a second: 250 k events/s.
    for (int quarter = 0; quarter < 2; ++quarter)
        ingestEvents(
            session, 1, 125000, [](int) { return QByteArray("x"); }, "message",
            100'000'000'000LL + quarter * 250'000'000LL);
    charts.setWindowMinutes(1);
    charts.redraw();
    QCoreApplication::processEvents();
    QStringList labels;
    for (QGraphicsItem *item : charts.rateView()->scene()->items()) {
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item))
            labels << text->toPlainText();
        else if (auto *simple = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            labels << simple->text();
    }
    QLocale::setDefault(previous);
    QVERIFY2(labels.contains(u"100,000"_s), qPrintable(labels.join(u" | "_s)));
}

void TestLiveCharts::byteRatesPickAReadableUnit_data()
{
    QTest::addColumn<int>("eventBytes"); // one event of this size each second
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("expected"); // the line's height in that unit
    QTest::newRow("small") << 500 << u"bytes/s"_s << 500.0;
    QTest::newRow("just under a KiB") << 1000 << u"bytes/s"_s << 1000.0;
    QTest::newRow("tens of KiB") << 40 * 1024 << u"KiB/s"_s << 40.0;
    QTest::newRow("a few MiB") << 3 * 1024 * 1024 << u"MiB/s"_s << 3.0;
    QTest::newRow("tens of MiB") << 20 * 1024 * 1024 << u"MiB/s"_s << 20.0;
}

void TestLiveCharts::byteRatesPickAReadableUnit()
{
    QFETCH(int, eventBytes);
    QFETCH(QString, unit);
    QFETCH(double, expected);
    DashboardSession session;
    LiveChartsPanel charts(&session);
    const QByteArray payload(eventBytes - 7, 'x'); // ingestEvents counts 7 bytes of framing
    const qint64 base = 100'000'000'000LL;
    for (int second = 0; second < 5; ++second)
        ingestEvents(
            session, 1, 1, [&](int) { return payload; }, "message",
            base + qint64(second) * 1'000'000'000LL);
    charts.setWindowMinutes(1);
    charts.redraw();
    auto *axis
        = qobject_cast<QValueAxis *>(charts.bytesView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->titleText(), unit);
    auto *bytes = qobject_cast<QXYSeries *>(charts.bytesView()->chart()->series().value(0));
    QVERIFY(bytes);
    double highest = 0;
    for (const QPointF &point : bytes->points())
        highest = std::max(highest, point.y());
    QVERIFY2(qAbs(highest - expected) < expected * 0.01, qPrintable(QString::number(highest)));
    QVERIFY(axis->max() >= highest);
}

void TestLiveCharts::burstyStreamsNeverDropToZero_data()
{
    QTest::addColumn<int>("burst"); // events in one network read
    QTest::addColumn<int>("periodMs");
    QTest::addColumn<double>("average");
    QTest::newRow("nginx proxy_buffering: 90 every 4.5 s") << 90 << 4500 << 20.0;
    QTest::newRow("demo /bursty: 25 every 1 s") << 25 << 1000 << 25.0;
}

// The chart used to plot raw 250 ms bins: zero between bursts, as if the
// stream had paused. Its points are now trailing averages.
void TestLiveCharts::burstyStreamsNeverDropToZero()
{
    QFETCH(int, burst);
    QFETCH(int, periodMs);
    QFETCH(double, average);
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    for (qint64 at = kBase; at < kBase + 60 * kSecond; at += periodMs * 1'000'000LL)
        ingestRead(session, 1, burst, at, ++chunk);
    charts.setWindowMinutes(1);
    charts.redraw();
    QXYSeries *rate = charts.rateSeries(1);
    QVERIFY(rate);
    QVERIFY(rate->count() >= 2);
    const double firstX = rate->at(0).x();
    int afterFirstWindow = 0;
    for (const QPointF &point : rate->points()) {
        QVERIFY2(point.y() > 0, qPrintable(QString::number(point.x() - firstX)));
        if (point.x() - firstX >= 10'000) {
            ++afterFirstWindow;
            // A 10 s window holds two or three of the proxy's bursts: 18 or 27/s.
            QVERIFY2(qAbs(point.y() - average) <= average * 0.36,
                qPrintable(u"%1/s at %2 ms"_s.arg(point.y()).arg(point.x() - firstX)));
        }
    }
    QVERIFY(afterFirstWindow >= 1);
    QVERIFY(charts.bytesSeries(1));
    for (const QPointF &point : charts.bytesSeries(1)->points())
        QVERIFY(point.y() > 0);
}

void TestLiveCharts::latencyLogScaleCoversFastAndSlowStreams()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    for (int i = 0; i < 20; ++i) {
        const qint64 at = kBase + i * 500'000'000LL;
        ingestRead(session, 1, 1, at, ++chunk, 0.5);
        ingestRead(session, 2, 1, at + 1000, ++chunk, 2000.0);
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    // More than two decades apart: the log axis comes on by itself.
    QVERIFY(charts.latencyLogScale());
    auto *log = qobject_cast<QLogValueAxis *>(charts.latencyYAxis());
    QVERIFY(log);
    QCOMPARE(charts.latencyView()->chart()->axes(Qt::Vertical), QList<QAbstractAxis *>({ log }));
    QVERIFY(charts.latencySeries(1)->attachedAxes().contains(log));
    QVERIFY2(log->min() <= 0.5 && log->min() > 0.01, qPrintable(QString::number(log->min())));
    QVERIFY2(log->max() >= 2000 && log->max() <= 20000, qPrintable(QString::number(log->max())));

    // The user's choice sticks, across redraws.
    charts.resize(1200, 300);
    charts.show();
    QCoreApplication::processEvents();
    // The decades are labelled (a bare "%g" format printed nothing).
    QStringList labels;
    for (QGraphicsItem *item : charts.latencyView()->scene()->items()) {
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
            labels << text->toPlainText();
    }
    QVERIFY2(labels.contains(u"1"_s) && labels.contains(u"10"_s) && labels.contains(u"100"_s),
        qPrintable(labels.join(u" | "_s)));
    charts.setLatencyLogScale(false);
    charts.redraw();
    QVERIFY(!charts.latencyLogScale());
    auto *linear = qobject_cast<QValueAxis *>(charts.latencyYAxis());
    QVERIFY(linear);
    QVERIFY(charts.latencySeries(2)->attachedAxes().contains(linear));
    QVERIFY(linear->max() >= 2000);
    charts.setLatencyLogScale(true);
    charts.redraw();
    QVERIFY(qobject_cast<QLogValueAxis *>(charts.latencyYAxis()));
}

void TestLiveCharts::identicalStreamsHaveDifferentLineStyles()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    for (int i = 0; i < 20; ++i) {
        ingestRead(session, 1, 5, kBase + i * kSecond, ++chunk);
        ingestRead(session, 2, 5, kBase + i * kSecond, ++chunk);
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    QCOMPARE(charts.rateSeries(1)->points(), charts.rateSeries(2)->points());
    for (auto get : { &LiveChartsPanel::rateSeries, &LiveChartsPanel::bytesSeries }) {
        const QPen a = (charts.*get)(1)->pen();
        const QPen b = (charts.*get)(2)->pen();
        QVERIFY(a.style() != b.style() || a.dashPattern() != b.dashPattern());
    }
    // The first five slots all differ.
    QSet<QString> patterns;
    for (int slot = 0; slot < 5; ++slot) {
        QString key;
        for (qreal d : LiveChartsPanel::streamPen(Qt::red, slot).dashPattern())
            key += QString::number(d) + u' ';
        patterns.insert(
            LiveChartsPanel::streamPen(Qt::red, slot).style() == Qt::SolidLine ? u"solid"_s : key);
    }
    QCOMPARE(patterns.size(), 5);
    // The legend lists streams in slot order.
    const QList<QAbstractSeries *> order = charts.rateView()->chart()->series();
    QCOMPARE(order.indexOf(charts.rateSeries(1)), 0);
    QCOMPARE(order.indexOf(charts.rateSeries(2)), 1);
}

void TestLiveCharts::zoomFitsTheYAxes()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    // 1,000 events/s for 10 s, then 10/s for 50 s, with latency 900 ms then 5 ms.
    for (int second = 0; second < 60; ++second) {
        const bool busy = second < 10;
        ingestRead(
            session, 1, busy ? 1000 : 10, kBase + second * kSecond, ++chunk, busy ? 900.0 : 5.0);
    }
    charts.setWindowMinutes(1);
    charts.setLatencyLogScale(false);
    charts.redraw();
    QVERIFY(yMax(charts.rateView()) >= 1000);
    const double fullBytes = yMax(charts.bytesView());
    const double fullLatency = qobject_cast<QValueAxis *>(charts.latencyYAxis())->max();
    QVERIFY(fullLatency >= 900);
    const double lastX = charts.rateSeries(1)->points().last().x();
    charts.zoomToTime(qint64(lastX) - 20'000, qint64(lastX));
    QVERIFY(charts.isZoomed());
    QVERIFY(charts.isPaused());
    QVERIFY2(yMax(charts.rateView()) <= 20, qPrintable(QString::number(yMax(charts.rateView()))));
    QVERIFY(yMax(charts.rateView()) >= 10);
    QVERIFY(yMax(charts.bytesView()) < fullBytes / 20);
    const double zoomedLatency = qobject_cast<QValueAxis *>(charts.latencyYAxis())->max();
    QVERIFY2(zoomedLatency >= 5 && zoomedLatency <= 10, qPrintable(QString::number(zoomedLatency)));
    // On the log axis too.
    charts.setLatencyLogScale(true);
    auto *log = qobject_cast<QLogValueAxis *>(charts.latencyYAxis());
    QVERIFY(log);
    QVERIFY2(log->max() <= 10, qPrintable(QString::number(log->max())));
    charts.setLatencyLogScale(false);
    charts.resetZoom();
    QVERIFY(!charts.isZoomed());
    QVERIFY(yMax(charts.rateView()) >= 1000);
    QCOMPARE(qobject_cast<QValueAxis *>(charts.latencyYAxis())->max(), fullLatency);
}

void TestLiveCharts::newControlsHaveAccessibleNames()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    auto *log = charts.findChild<QCheckBox *>(u"chartLogScale"_s);
    QVERIFY(log);
    QVERIFY(!log->accessibleName().isEmpty());
    QVERIFY(log->focusPolicy() & Qt::TabFocus);
    QVERIFY(!charts.rateView()->toolTip().isEmpty());
}

// 1,000 streams drew 3,000 series, and each redraw stalled the window for over
// a second. Now the busiest kDrawnStreams get lines and the rest one summed
// line, so what is drawn does not grow with the streams.
void TestLiveCharts::thousandStreamsDrawTheTopTwentyAndOneOtherLine()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    // Streams 1, 51, 101... send 5 events a second, the others 1.
    for (int second = 0; second < 20; ++second) {
        for (StreamId stream = 1; stream <= 1000; ++stream)
            ingestRead(
                session, stream, stream % 50 == 1 ? 5 : 1, kBase + second * kSecond, ++chunk);
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    QCOMPARE(charts.drawnSeriesCount(), LiveChartsPanel::kDrawnStreams + 1);
    QCOMPARE(charts.rateView()->chart()->series().size(), LiveChartsPanel::kDrawnStreams + 1);
    for (StreamId stream = 1; stream <= 1000; stream += 50)
        QVERIFY2(charts.rateSeries(stream), qPrintable(QString::number(stream)));
    QVERIFY(!charts.rateSeries(2));
    QXYSeries *other = charts.rateSeries(LiveChartsPanel::kOtherStreams);
    QVERIFY(other);
    QCOMPARE(other->name(), u"Other streams"_s);
    // The 980 quieter streams, one event a second each, read as one line at 980/s.
    QVERIFY(other->count() > 0);
    const double last = other->at(other->count() - 1).y();
    QVERIFY2(qAbs(last - 980.0) < 1.0, qPrintable(QString::number(last)));
    QVERIFY2(charts.scopeText().contains(
                 u"Top 20 of %1 streams by rate"_s.arg(QLocale().toString(1000))),
        qPrintable(charts.scopeText()));
    QVERIFY(charts.latencySeries(LiveChartsPanel::kOtherStreams));
}

// Stale state: an edited stream comes back under a new id with its old slot;
// the old id's events are its history, not a second legend entry.
void TestLiveCharts::anEditedStreamIsListedOnce()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    SubscriptionConfig config;
    config.name = u"ticker"_s;
    config.url = QUrl(u"http://127.0.0.1:9/never"_s); // loopback; nothing listens
    const StreamId before = session.addStream(config);
    quint64 chunk = 0;
    for (int i = 0; i < 5; ++i)
        ingestRead(session, before, 2, kBase + i * kSecond, ++chunk);
    config.name = u"ticker, edited"_s;
    const StreamId after = session.replaceStream(before, config);
    QVERIFY(after != before);
    for (int i = 5; i < 10; ++i)
        ingestRead(session, after, 2, kBase + i * kSecond, ++chunk);
    charts.setWindowMinutes(1);
    charts.redraw();
    QCOMPARE(charts.rateView()->chart()->series().size(), 1);
    QVERIFY(charts.rateSeries(after));
    QVERIFY(!charts.rateSeries(before));
    session.removeAll();
}

void TestLiveCharts::chartsFollowTheStreamFilter()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    quint64 chunk = 0;
    for (int i = 0; i < 10; ++i) {
        for (StreamId stream = 1; stream <= 3; ++stream)
            ingestRead(session, stream, 1, kBase + i * kSecond, ++chunk);
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    QCOMPARE(charts.rateView()->chart()->series().size(), 3);
    QVERIFY(charts.scopeText().isEmpty());
    charts.setStreamFilter({ 2 });
    QCOMPARE(charts.rateView()->chart()->series().size(), 1);
    QVERIFY(charts.rateSeries(2));
    QCOMPARE(charts.scopeText(), u"Only the streams the table's Stream filter shows."_s);
    charts.setStreamFilter({});
    QCOMPARE(charts.rateView()->chart()->series().size(), 3);
}

// Redrawing on a timer cost three charts' worth of series every 100 ms with
// nothing arriving. Now a batch arms one redraw, and a capture with no live
// stream is drawn once and left alone.
void TestLiveCharts::nothingNewIsNotRedrawn()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    QSignalSpy redrawn(&charts, &LiveChartsPanel::redrawn);
    quint64 chunk = 0;
    ingestRead(session, 1, 5, kBase, ++chunk);
    QCOMPARE(charts.redrawCount(), 0); // hidden: nothing drawn yet
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QTRY_COMPARE(charts.redrawCount(), 1); // the first show draws what came before it
    QTest::qWait(LiveChartsPanel::kIdleScrollMs * 3 / 2);
    QCOMPARE(charts.redrawCount(), 1);

    ingestRead(session, 1, 5, kBase + kSecond, ++chunk);
    QTRY_COMPARE(charts.redrawCount(), 2);
    QVERIFY(charts.rateSeries(1));
    QTest::qWait(LiveChartsPanel::kRedrawIntervalMs * 3);
    QCOMPARE(charts.redrawCount(), 2);

    // Paused, new batches wait for the charts to resume.
    charts.setPaused(true);
    ingestRead(session, 1, 5, kBase + 2 * kSecond, ++chunk);
    QTest::qWait(LiveChartsPanel::kRedrawIntervalMs * 3);
    QCOMPARE(charts.redrawCount(), 2);
    charts.setPaused(false);
    QTRY_COMPARE(charts.redrawCount(), 3);
    QCOMPARE(redrawn.count(), 3);
}

void TestLiveCharts::batchesFasterThanTenASecondAreDrawnTogether()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QTRY_COMPARE(charts.redrawCount(), 1);
    quint64 chunk = 0;
    // Twenty batches in one turn of the event loop: one redraw.
    for (int i = 0; i < 20; ++i)
        ingestRead(session, 1, 1, kBase + i * kSecond / 100, ++chunk);
    QTRY_COMPARE(charts.redrawCount(), 2);
    QTest::qWait(LiveChartsPanel::kRedrawIntervalMs * 3);
    QCOMPARE(charts.redrawCount(), 2);

    // A hundred batches 10 ms apart: at most one redraw per 100 ms.
    const qint64 before = charts.redrawCount();
    QElapsedTimer clock;
    clock.start();
    constexpr int kBatches = 100;
    for (int i = 0; i < kBatches; ++i) {
        ingestRead(session, 1, 1, kBase + kSecond + i * kSecond / 100, ++chunk);
        QTest::qWait(10);
    }
    QTest::qWait(LiveChartsPanel::kRedrawIntervalMs * 2);
    const qint64 redraws = charts.redrawCount() - before;
    const qint64 allowed = clock.elapsed() / LiveChartsPanel::kRedrawIntervalMs + 1;
    QVERIFY2(redraws >= 1 && redraws <= allowed,
        qPrintable(u"%1 redraws in %2 ms"_s.arg(redraws).arg(clock.elapsed())));
    QVERIFY2(redraws < kBatches / 2, qPrintable(QString::number(redraws)));
}

// A live chart's axis follows the clock: with nothing arriving it still
// scrolls while a stream is live, once a second rather than ten times.
void TestLiveCharts::aLiveStreamScrollsTheAxisOnceASecond()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    SubscriptionConfig config;
    config.name = u"waiting"_s;
    config.url = QUrl(u"http://127.0.0.1:9/never"_s); // loopback; nothing listens
    config.reconnect.initialRetryMs = 60000; // waits a minute: live, and quiet
    const StreamId stream = session.addStream(config);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QTRY_COMPARE_WITH_TIMEOUT(session.status(stream).state, SubscriptionState::Waiting, 10000);
    QTest::qWait(LiveChartsPanel::kRedrawIntervalMs * 2);
    auto *axis = charts.rateView()->chart()->axes(Qt::Horizontal).value(0);
    const auto axisEnd = [axis] {
        return axis->property("max").toDateTime();
    };
    const QDateTime endBefore = axisEnd();
    const qint64 before = charts.redrawCount();
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(LiveChartsPanel::kIdleScrollMs * 5 / 2);
    const qint64 redraws = charts.redrawCount() - before;
    const qint64 allowed = clock.elapsed() / LiveChartsPanel::kIdleScrollMs + 1;
    QVERIFY2(redraws >= 1 && redraws <= allowed,
        qPrintable(u"%1 redraws in %2 ms"_s.arg(redraws).arg(clock.elapsed())));
    QVERIFY2(axisEnd() > endBefore, qPrintable(axisEnd().toString(Qt::ISODateWithMs)));
    session.removeAll();
}

QTEST_MAIN(TestLiveCharts)
#include "tst_livecharts.moc"
