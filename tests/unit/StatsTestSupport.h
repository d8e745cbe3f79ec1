#pragma once

// Compares everything a StreamStats shows, for tests that count the same
// events two ways.
#include "core/stats/StreamStats.h"

#include <QTest>

namespace ssescope::test {

inline void compareQuantiles(const Quantiles &a, const Quantiles &b)
{
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.p50, b.p50);
    QCOMPARE(a.p90, b.p90);
    QCOMPARE(a.p99, b.p99);
    QCOMPARE(a.max, b.max);
}

inline void compareStats(const StreamStats &a, const StreamStats &b, qint64 nowNs)
{
    QCOMPARE(a.totals().events, b.totals().events);
    QCOMPARE(a.totals().bytes, b.totals().bytes);
    QCOMPARE(a.totals().chunks, b.totals().chunks);
    QCOMPARE(a.totals().firstNs, b.totals().firstNs);
    QCOMPARE(a.totals().lastNs, b.totals().lastNs);
    for (const int seconds : { 1, 10, 60 }) {
        const WindowStats wa = a.window(seconds, nowNs);
        const WindowStats wb = b.window(seconds, nowNs);
        QCOMPARE(wa.events, wb.events);
        QCOMPARE(wa.bytes, wb.bytes);
        QCOMPARE(wa.chunks, wb.chunks);
        compareQuantiles(wa.interArrivalMs, wb.interArrivalMs);
        compareQuantiles(wa.latencyMs, wb.latencyMs);
    }
    QCOMPARE(a.series().size(), b.series().size());
    for (size_t i = 0; i < a.series().size(); ++i) {
        const SeriesPoint &pa = a.series()[i];
        const SeriesPoint &pb = b.series()[i];
        QCOMPARE(pa.startNs, pb.startNs);
        QCOMPARE(pa.events, pb.events);
        QCOMPARE(pa.chunks, pb.chunks);
        QCOMPARE(pa.bytes, pb.bytes);
        QCOMPARE(pa.latencyMaxMs, pb.latencyMaxMs);
        QCOMPARE(pa.latencySumMs, pb.latencySumMs);
        QCOMPARE(pa.latencyCount, pb.latencyCount);
        QCOMPARE(pa.maxEventsPerChunk, pb.maxEventsPerChunk);
    }
    QVERIFY(a.lifetime() && b.lifetime());
    QCOMPARE(a.lifetime()->maxEventsPerChunk, b.lifetime()->maxEventsPerChunk);
    for (const double q : { 0.0, 0.5, 0.9, 0.99, 1.0 }) {
        QCOMPARE(
            a.lifetime()->interArrivalUs.quantile(q), b.lifetime()->interArrivalUs.quantile(q));
        QCOMPARE(a.lifetime()->latencyUs.quantile(q), b.lifetime()->latencyUs.quantile(q));
    }
    QCOMPARE(a.lifetime()->interArrivalUs.count(), b.lifetime()->interArrivalUs.count());
    QCOMPARE(a.lifetime()->latencyUs.count(), b.lifetime()->latencyUs.count());
}

} // namespace ssescope::test
