// Rolling rates (core/stats/RateSeries) against streams built by hand: bursts
// from a buffering proxy, steady streams, and streams that stop.
#include "core/stats/RateSeries.h"

#include <QTest>

using namespace ssescope;

namespace {
constexpr qint64 s = 1'000'000'000;
constexpr qint64 ms = 1'000'000;
constexpr qint64 kStart = 100 * s;

// `burst` events in one network read every periodMs, for durationS seconds;
// burst 1 is a steady stream of one event per read.
void feed(StreamStats &stats, int burst, int periodMs, int durationS)
{
    quint64 chunk = 0;
    for (qint64 at = kStart; at < kStart + durationS * s; at += periodMs * ms)
        stats.recordEvents(at, quint64(burst), quint64(burst) * 100, ++chunk);
}
} // namespace

class RateSeriesTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void averagesWithoutGapsToZero_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("periodMs");
        QTest::addColumn<double>("average"); // events/s
        QTest::addColumn<double>("pointTolerance"); // each chart point after the first window
        QTest::addColumn<double>("readingTolerance"); // currentRate()
        QTest::addColumn<bool>("bursty");
        // 90 events every 4.5 s: a 10 s window holds two or three bursts (18 or 27/s).
        QTest::newRow("proxy, 90 every 4.5 s") << 90 << 4500 << 20.0 << 0.36 << 0.05 << true;
        QTest::newRow("demo /bursty, 25 every 1 s") << 25 << 1000 << 25.0 << 0.01 << 0.01 << true;
        QTest::newRow("steady 20/s") << 1 << 50 << 20.0 << 0.01 << 0.01 << false;
        QTest::newRow("ticker 40/s") << 1 << 25 << 40.0 << 0.01 << 0.01 << false;
        QTest::newRow("clock 1/s") << 1 << 1000 << 1.0 << 0.01 << 0.01 << false;
        QTest::newRow("fast reads, 50 every 10 ms") << 50 << 10 << 5000.0 << 0.01 << 0.01 << false;
    }

    void averagesWithoutGapsToZero()
    {
        QFETCH(int, burst);
        QFETCH(int, periodMs);
        QFETCH(double, average);
        QFETCH(double, pointTolerance);
        QFETCH(double, readingTolerance);
        QFETCH(bool, bursty);
        StreamStats stats;
        feed(stats, burst, periodMs, 120);
        const qint64 end = kStart + 120 * s;
        const std::vector<RatePoint> points = rollingRates(stats, kStart, end);
        QVERIFY(points.size() >= 2);
        QCOMPARE(points.front().atNs, kStart + stats.seriesResolutionNs());
        int checked = 0;
        for (const RatePoint &p : points) {
            if (p.atNs < kStart + kRateWindowNs)
                continue;
            ++checked;
            QVERIFY2(p.eventsPerSecond > 0, qPrintable(QString::number(p.atNs - kStart)));
            QVERIFY2(qAbs(p.eventsPerSecond - average) <= average * pointTolerance,
                qPrintable(QStringLiteral("%1/s at %2 ms")
                               .arg(p.eventsPerSecond)
                               .arg((p.atNs - kStart) / ms)));
            QCOMPARE(p.bytesPerSecond, p.eventsPerSecond * 100);
        }
        QVERIFY(checked >= 1);
        // Sampled anywhere between bursts, the table's reading is the average.
        for (qint64 now = kStart + 61 * s; now < end; now += 333 * ms) {
            const RateReading reading = currentRate(stats, now);
            QVERIFY2(qAbs(reading.eventsPerSecond - average) <= average * readingTolerance,
                qPrintable(QStringLiteral("%1/s at %2 ms over %3 s")
                               .arg(reading.eventsPerSecond)
                               .arg((now - kStart) / ms)
                               .arg(reading.windowNs / s)));
            QCOMPARE(reading.bursty, bursty);
        }
    }

    // A young stream reads its rate from its second read on: neither ramping
    // up over the window nor overshooting; its first read never overshoots.
    void youngStreamReadsItsRate_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("periodMs");
        QTest::addColumn<double>("average");
        QTest::newRow("steady 20/s") << 1 << 50 << 20.0;
        QTest::newRow("clock 1/s") << 1 << 1000 << 1.0;
        QTest::newRow("25 every 1 s") << 25 << 1000 << 25.0;
    }

    void youngStreamReadsItsRate()
    {
        QFETCH(int, burst);
        QFETCH(int, periodMs);
        QFETCH(double, average);
        StreamStats stats;
        feed(stats, burst, periodMs, 9);
        // From the second read on (the first alone counts over the window).
        for (qint64 now = kStart + s + 250 * ms; now < kStart + 9 * s; now += 250 * ms)
            QCOMPARE(rateAt(stats, now, kRateWindowNs).eventsPerSecond, average);
        for (const RatePoint &p : rollingRates(stats, kStart, kStart + 9 * s)) {
            if (p.atNs > kStart + s)
                QCOMPARE(p.eventsPerSecond, average);
            else
                QVERIFY(p.eventsPerSecond > 0 && p.eventsPerSecond <= average);
        }
    }

    void stoppedStreamDecaysToZero_data()
    {
        QTest::addColumn<qint64>("windowNs");
        QTest::newRow("10 s") << kRateWindowNs;
        QTest::newRow("60 s") << kWideRateWindowNs;
        QTest::newRow("1 s") << s;
    }

    void stoppedStreamDecaysToZero()
    {
        QFETCH(qint64, windowNs);
        StreamStats stats;
        feed(stats, 1, 50, 30); // last event at 29.95 s, in the bin ending at 30 s
        const qint64 lastBinEnd = kStart + 30 * s;
        const qint64 end = lastBinEnd + windowNs + 20 * s;
        const std::vector<RatePoint> points = rollingRates(stats, kStart, end, windowNs);
        for (const RatePoint &p : points) {
            if (p.atNs < lastBinEnd + windowNs)
                QVERIFY2(p.eventsPerSecond > 0, qPrintable(QString::number(p.atNs - kStart)));
            else
                QCOMPARE(p.eventsPerSecond, 0.0);
        }
        QCOMPARE(points.back().atNs, end);
        QCOMPARE(points.back().eventsPerSecond, 0.0);
        QCOMPARE(rateAt(stats, end, windowNs).eventsPerSecond, 0.0);
        QVERIFY(rateAt(stats, lastBinEnd + windowNs - s, windowNs).eventsPerSecond > 0);
    }

    // Long silences are skipped, not stepped through, and equal runs keep
    // only their ends: a chart never gets more points than it needs.
    void pointsStayFew()
    {
        StreamStats stats;
        stats.recordEvents(kStart, 5, 500, 1);
        stats.recordEvents(kStart + 3600 * s, 5, 500, 2);
        const std::vector<RatePoint> points = rollingRates(stats, kStart, kStart + 3700 * s);
        // Each lone burst draws at most a window's worth of steps (40 of 250 ms)
        // as a young stream's divisor grows; an hour of silence adds two points.
        QVERIFY2(points.size() <= 2 * 40 + 4, qPrintable(QString::number(points.size())));
        for (size_t i = 1; i < points.size(); ++i)
            QVERIFY(points[i].atNs > points[i - 1].atNs);
    }

    void emptyStatsHaveNoPoints()
    {
        StreamStats stats;
        QVERIFY(rollingRates(stats, 0, 100 * s).empty());
        QCOMPARE(currentRate(stats, 100 * s).eventsPerSecond, 0.0);
    }
};

QTEST_GUILESS_MAIN(RateSeriesTest)
#include "tst_rateseries.moc"
