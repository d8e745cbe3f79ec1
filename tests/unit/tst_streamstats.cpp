// Rolling windows checked against figures computed by hand.
#include "core/stats/CaptureStats.h"
#include "core/stats/LogHistogram.h"
#include "StatsTestSupport.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace ssescope;

namespace {
constexpr qint64 s = 1'000'000'000;
constexpr qint64 ms = 1'000'000;

} // namespace

class StreamStatsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void histogramQuantilesWithinStatedError()
    {
        LogHistogram histogram;
        QRandomGenerator random(7);
        std::vector<double> values;
        for (int i = 0; i < 20000; ++i) {
            const double v = std::exp(random.generateDouble() * 14.0); // 1 .. 1.2e6
            values.push_back(v);
            histogram.add(v);
        }
        std::sort(values.begin(), values.end());
        for (double q : { 0.5, 0.9, 0.99 }) {
            const double exact = values[size_t(std::ceil(q * values.size())) - 1];
            const double estimate = histogram.quantile(q);
            QVERIFY2(std::abs(estimate - exact) <= exact * LogHistogram::kRelativeError,
                qPrintable(
                    QStringLiteral("q=%1 exact=%2 estimate=%3").arg(q).arg(exact).arg(estimate)));
        }
        QCOMPARE(histogram.quantile(1.0), values.back());
        QCOMPARE(histogram.count(), quint64(20000));
    }

    void histogramHandlesNegativesAndZero()
    {
        LogHistogram histogram;
        for (double v : { -100.0, -10.0, 0.0, 10.0, 100.0 })
            histogram.add(v);
        QVERIFY(histogram.quantile(0.2) < -90 && histogram.quantile(0.2) > -110);
        QVERIFY(std::abs(histogram.quantile(0.6)) <= 0.5);
        QCOMPARE(histogram.min(), -100.0);
        QCOMPARE(histogram.max(), 100.0);
        LogHistogram other;
        other.add(1000);
        histogram.merge(other);
        QCOMPARE(histogram.max(), 1000.0);
        QCOMPARE(histogram.count(), quint64(6));
    }

    void histogramBinsCoverEveryNonNegativeValue()
    {
        LogHistogram histogram;
        for (double v : { -5.0, 0.25, 3.0, 3.1, 1000.0 })
            histogram.add(v);
        quint64 total = 0;
        double lastHigh = -1;
        histogram.forEachBin([&](double low, double high, quint64 count) {
            QVERIFY(low < high);
            QVERIFY(low >= lastHigh); // ascending, no overlap
            lastHigh = high;
            total += count;
            if (low <= 1000.0 && 1000.0 < high)
                QCOMPARE(count, quint64(1));
            if (low <= 3.0 && 3.1 < high)
                QCOMPARE(count, quint64(2));
        });
        QCOMPARE(total, quint64(4)); // the negative value is not walked
    }

    void windowsMatchHandComputedFigures()
    {
        StreamStats stats;
        // Second 100: 10 events, 2 chunks (5 each), 100 bytes each.
        for (int i = 0; i < 10; ++i)
            stats.recordEvent(100 * s + i * 10 * ms, 100, 1 + i / 5, std::nullopt);
        // Seconds 101..109: 1 event a second, each its own chunk, latency 20 ms.
        for (int sec = 101; sec <= 109; ++sec)
            stats.recordEvent(sec * s, 50, 100 + sec, 20.0);
        const qint64 now = 110 * s + 300 * ms; // second 110 is not complete

        const WindowStats one = stats.window(1, now); // second 109 only
        QCOMPARE(one.events, quint64(1));
        QCOMPARE(one.eventsPerSecond, 1.0);
        QCOMPARE(one.bytesPerSecond, 50.0);
        QCOMPARE(one.latencyMs.count, quint64(1));
        QVERIFY(std::abs(one.latencyMs.p50 - 20.0) <= 20.0 * LogHistogram::kRelativeError);
        QCOMPARE(one.latencyMs.max, 20.0);

        const WindowStats ten = stats.window(10, now); // seconds 100..109
        QCOMPARE(ten.events, quint64(19));
        QCOMPARE(ten.bytes, quint64(10 * 100 + 9 * 50));
        QCOMPARE(ten.chunks, quint64(11));
        QCOMPARE(ten.eventsPerSecond, 1.9);
        QCOMPARE(ten.eventsPerChunk, 19.0 / 11.0);
        QCOMPARE(ten.chunksPerSecond, 1.1);
        // Inter-arrival: 9 gaps of 10 ms, 1 gap of 910 ms, 8 gaps of 1 s.
        QCOMPARE(ten.interArrivalMs.count, quint64(18));
        // Sorted: nine of 10 ms, 910 ms, eight of 1000 ms; rank ceil(q * 18).
        QVERIFY(std::abs(ten.interArrivalMs.p50 - 10.0) <= 10.0 * LogHistogram::kRelativeError);
        QVERIFY(std::abs(ten.interArrivalMs.p90 - 1000.0) <= 1000.0 * LogHistogram::kRelativeError);
        QCOMPARE(ten.interArrivalMs.max, 1000.0);
        QCOMPARE(ten.latencyMs.count, quint64(9));

        const WindowStats sixty = stats.window(60, now);
        QCOMPARE(sixty.events, quint64(19));
        QCOMPARE(sixty.eventsPerSecond, 19.0 / 60.0);

        // Much later, the old seconds have left every window.
        QCOMPARE(stats.window(60, 200 * s).events, quint64(0));
        QCOMPARE(stats.totals().events, quint64(19));
        QCOMPARE(stats.totals().chunks, quint64(11));
    }

    void slotsAreReusedAcrossTheRing()
    {
        StreamStats stats;
        stats.recordEvent(5 * s, 1, 1, std::nullopt);
        stats.recordEvent(65 * s, 1, 2, std::nullopt); // same ring slot as second 5
        QCOMPARE(stats.window(60, 66 * s).events, quint64(1));
    }

    void seriesIsBucketedAndBounded()
    {
        StreamStats stats(100 * ms, 5);
        for (int i = 0; i < 10; ++i)
            stats.recordEvent(i * 100 * ms + 10 * ms, 10, 1, double(i));
        stats.recordEvent(950 * ms, 10, 1, 100.0); // same 100 ms bucket as the last one, same chunk
        QCOMPARE(stats.series().size(), size_t(5));
        const SeriesPoint &last = stats.series().back();
        QCOMPARE(last.startNs, 900 * ms);
        QCOMPARE(last.events, quint32(2));
        QCOMPARE(last.latencyMaxMs, 100.0f);
        QCOMPARE(last.latencyCount, quint32(2));
        QCOMPARE(last.maxEventsPerChunk, quint32(11));
    }

    // The pipeline counts the events of one read as a run; what it shows must
    // be what counting them one by one shows.
    void runsCountAsTheirEvents_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("maxRun");
        QTest::addColumn<qint64>("maxStepNs");
        QTest::addColumn<int>("latencyPercent");
        QTest::addColumn<qint64>("startNs");
        QTest::newRow("single events") << 1u << 1 << 3 * ms << 50 << 5 * s;
        QTest::newRow("long runs, no latency") << 2u << 500 << 40 * ms << 0 << 5 * s;
        QTest::newRow("runs with latency") << 3u << 40 << 20 * ms << 100 << 5 * s;
        QTest::newRow("runs across seconds") << 4u << 60 << 900 * ms << 30 << 5 * s;
        QTest::newRow("late and equal stamps") << 5u << 20 << qint64(0) << 60 << 5 * s;
        // Imported captures may carry steady times before zero.
        QTest::newRow("negative times") << 6u << 30 << 50 * ms << 20 << -3 * s;
    }
    void runsCountAsTheirEvents()
    {
        QFETCH(quint32, seed);
        QFETCH(int, maxRun);
        QFETCH(qint64, maxStepNs);
        QFETCH(int, latencyPercent);
        QFETCH(qint64, startNs);
        QRandomGenerator random(seed);
        StreamStats single(100 * ms, 50);
        StreamStats runs(100 * ms, 50);
        single.keepLifetime();
        runs.keepLifetime();
        qint64 now = startNs + 123;
        quint64 chunk = 0;
        for (int read = 0; read < 400; ++read) {
            // Some reads stamp a little earlier than the last (another stream's
            // clock read first), some share the chunk of the read before.
            now += maxStepNs ? qint64(random.bounded(quint64(maxStepNs))) : 0;
            const qint64 stamp = random.bounded(10) == 0 ? now - 5 * ms : now;
            chunk += random.bounded(8) == 0 ? 0 : 1;
            const int count = 1 + int(random.bounded(maxRun));
            quint64 bytes = 0;
            std::vector<double> latencies;
            for (int i = 0; i < count; ++i) {
                const quint64 wire = 10 + random.bounded(200);
                std::optional<double> latency;
                if (int(random.bounded(100)) < latencyPercent)
                    latency = random.generateDouble() * 300.0 - 20.0; // skewed clocks: some < 0
                single.recordEvent(stamp, wire, chunk, latency);
                bytes += wire;
                if (latency)
                    latencies.push_back(*latency);
            }
            runs.recordEvents(stamp, quint64(count), bytes, chunk);
            for (const double latency : latencies)
                runs.recordLatency(stamp, latency);
        }
        test::compareStats(single, runs, now + s);
    }

    void captureStatsKeepsStreamsApartAndTotals()
    {
        CaptureStats stats;
        stats.recordEvent(1, 10 * s, 10, 1, std::nullopt);
        stats.recordEvent(2, 10 * s, 20, 1, 5.0); // chunk 1 of another stream: another read
        stats.recordComment(1, 10 * s);
        stats.recordLatencyMiss(1);
        stats.setConnectionCounters(1, 2, 3);
        stats.setConnectionCounters(2, 1, 0);
        QCOMPARE(stats.find(1)->totals().events, quint64(1));
        QCOMPARE(stats.find(2)->totals().bytes, quint64(20));
        QCOMPARE(stats.total().totals().events, quint64(2));
        QCOMPARE(stats.total().totals().chunks, quint64(2));
        QCOMPARE(stats.total().totals().comments, quint64(1));
        QCOMPARE(stats.total().totals().latencyMisses, quint64(1));
        QCOMPARE(stats.total().totals().reconnections, quint64(3));
        QCOMPARE(stats.total().totals().errors, quint64(3));
        QCOMPARE(stats.streams(), (QList<StreamId> { 1, 2 }));
        QVERIFY(!stats.find(9));
    }
};

QTEST_GUILESS_MAIN(StreamStatsTest)
#include "tst_streamstats.moc"
