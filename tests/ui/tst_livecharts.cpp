// The charts draw rates as a rolling one-second sum: steady streams are flat
// lines at their rate, not combs of 250 ms bins times four.
#include "UiTestSupport.h"

#include "charts/LiveChartsPanel.h"

#include <QChart>
#include <QChartView>
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
            ingestEvents(session, 1, 1, [](int) { return QByteArray("x"); }, "message", at);
        }
    }
    charts.setWindowMinutes(1);
    charts.redraw();
    QXYSeries *rate = charts.rateSeries(1);
    QVERIFY(rate);
    // After the first second (the window filling), every point is the rate.
    int checked = 0;
    const double firstX = rate->at(0).x();
    for (const QPointF &point : rate->points()) {
        if (point.x() - firstX < 1000 || point.y() == 0)
            continue;
        ++checked;
        QVERIFY2(qAbs(point.y() - perSecond) <= perSecond * 0.1 + 0.01,
            qPrintable(u"%1 events/s at %2"_s.arg(point.y()).arg(point.x() - firstX)));
    }
    QVERIFY(checked >= 10);
}

void TestLiveCharts::axisLabelsShowTheirDecimals()
{
    DashboardSession session;
    LiveChartsPanel charts(&session);
    charts.redraw(); // nothing captured: 0..4 in whole steps, never "0 0 1 1 1"
    auto *axis = qobject_cast<QValueAxis *>(charts.rateView()->chart()->axes(Qt::Vertical).value(0));
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
    // 250,000 events within a quarter of a second: a peak of 250 k events/s.
    ingestEvents(session, 1, 250000, [](int) { return QByteArray("x"); }, "message",
        100'000'000'000LL);
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
        ingestEvents(session, 1, 1, [&](int) { return payload; }, "message",
            base + qint64(second) * 1'000'000'000LL);
    charts.setWindowMinutes(1);
    charts.redraw();
    auto *axis = qobject_cast<QValueAxis *>(charts.bytesView()->chart()->axes(Qt::Vertical).value(0));
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

QTEST_MAIN(TestLiveCharts)
#include "tst_livecharts.moc"
