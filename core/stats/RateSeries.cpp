#include "RateSeries.h"

#include <algorithm>

namespace ssescope {

namespace {

constexpr qint64 kSecondNs = 1'000'000'000;
// Bursty: at least this many events per read on average, and a silence of at
// least kBurstGapNs between two of them. A fast steady stream has many events
// per read but no silences; a slow clock has silences but one event per read.
constexpr double kBurstyEventsPerRead = 4;
constexpr qint64 kBurstGapNs = 500'000'000;

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value >= 0 ? value / step : -((-value + step - 1) / step);
    return q * step;
}

qint64 ceilTo(qint64 value, qint64 step)
{
    const qint64 down = floorTo(value, step);
    return down == value ? value : down + step;
}

// A sum over the window ending at atNs, per second. newest is the newest bin
// in the window (its start and its part of the sum).
//
// A stream younger than the window is not divided by the whole window (every
// new stream would ramp up for 10 s) nor simply by its age (a clock's second
// event, at 1.25 s, would read 1.6/s; bursts likewise). Once it has two bins
// with events, it reads the lower of its sum over its age (at least 1 s) and
// what came before its newest bin over the time from its first event to that
// bin: exact for steady and periodic streams, and still decaying when a young
// stream falls silent.
double perSecond(
    quint64 sum, quint64 newest, qint64 newestNs, qint64 originNs, qint64 atNs, qint64 windowNs)
{
    const qint64 age = atNs - originNs;
    if (age >= windowNs)
        return double(sum) * 1e9 / double(windowNs);
    // One read alone is no rate yet: a proxy's first burst of 90 would read
    // 90/s and set the chart's scale for minutes. It counts over the window.
    if (newestNs <= originNs)
        return double(sum) * 1e9 / double(windowNs);
    const double overAge = double(sum) * 1e9 / double(std::max(age, std::min(kSecondNs, windowNs)));
    return std::min(overAge, double(sum - newest) * 1e9 / double(newestNs - originNs));
}

} // namespace

std::vector<RatePoint> rollingRates(const std::deque<SeriesPoint> &bins, qint64 resolutionNs,
    qint64 fromNs, qint64 toNs, qint64 windowNs, qint64 originNs)
{
    std::vector<RatePoint> out;
    resolutionNs = std::max<qint64>(1, resolutionNs);
    windowNs = std::max(ceilTo(windowNs, resolutionNs), resolutionNs);
    if (bins.empty())
        return out;
    const qint64 firstBin = bins.front().startNs;
    const qint64 origin = std::clamp(originNs, firstBin, firstBin + resolutionNs - 1);
    qint64 t = std::max(ceilTo(fromNs, resolutionNs), firstBin + resolutionNs);
    const qint64 last = floorTo(toNs, resolutionNs);
    if (t > last)
        return out;

    // Bins in [tail, head) started in [t - window, t): the window at t.
    auto tail = std::lower_bound(bins.cbegin(), bins.cend(), t - windowNs,
        [](const SeriesPoint &p, qint64 at) { return p.startNs < at; });
    auto head = tail;
    quint64 events = 0;
    quint64 bytes = 0;
    const auto emit = [&](qint64 at) {
        if (tail == head) {
            out.push_back({ at, 0, 0 });
            return;
        }
        const SeriesPoint &newest = *std::prev(head);
        out.push_back({ at, perSecond(events, newest.events, newest.startNs, origin, at, windowNs),
            perSecond(bytes, newest.bytes, newest.startNs, origin, at, windowNs) });
    };
    while (t <= last) {
        while (head != bins.cend() && head->startNs < t) {
            events += head->events;
            bytes += head->bytes;
            ++head;
        }
        while (tail != head && tail->startNs < t - windowNs) {
            events -= tail->events;
            bytes -= tail->bytes;
            ++tail;
        }
        emit(t);
        if (tail == head) {
            // Nothing in the window: the line lies at zero until the next bin
            // arrives, so skip the silence instead of stepping through it.
            const qint64 next = head == bins.cend() ? last : std::min(last, head->startNs);
            if (next > t) {
                t = next;
                emit(t);
            }
        }
        t += resolutionNs;
    }

    // Keep only the ends of runs of equal values.
    std::vector<RatePoint> kept;
    kept.reserve(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
        const bool edge = i == 0 || i + 1 == out.size();
        if (edge || out[i].eventsPerSecond != out[i - 1].eventsPerSecond
            || out[i].eventsPerSecond != out[i + 1].eventsPerSecond
            || out[i].bytesPerSecond != out[i - 1].bytesPerSecond
            || out[i].bytesPerSecond != out[i + 1].bytesPerSecond)
            kept.push_back(out[i]);
    }
    return kept;
}

std::vector<RatePoint> rollingRates(
    const StreamStats &stats, qint64 fromNs, qint64 toNs, qint64 windowNs)
{
    return rollingRates(
        stats.series(), stats.seriesResolutionNs(), fromNs, toNs, windowNs, stats.totals().firstNs);
}

RateReading rateAt(const StreamStats &stats, qint64 nowNs, qint64 windowNs)
{
    RateReading reading;
    const auto &bins = stats.series();
    const qint64 resolution = std::max<qint64>(1, stats.seriesResolutionNs());
    windowNs = std::max(ceilTo(windowNs, resolution), resolution);
    reading.windowNs = windowNs;
    if (bins.empty())
        return reading;
    const qint64 end = floorTo(nowNs, resolution);
    quint64 bytes = 0;
    const SeriesPoint *newest = nullptr;
    qint64 laterStart = -1; // start of the next bin with events, walking backwards
    for (auto it = bins.crbegin(); it != bins.crend() && it->startNs >= end - windowNs; ++it) {
        if (it->startNs >= end || it->events == 0)
            continue;
        if (!newest)
            newest = &*it;
        reading.events += it->events;
        reading.reads += it->chunks;
        bytes += it->bytes;
        if (laterStart >= 0)
            reading.longestGapNs
                = std::max(reading.longestGapNs, laterStart - (it->startNs + resolution));
        laterStart = it->startNs;
    }
    if (!newest)
        return reading;
    const qint64 first = std::clamp(
        stats.totals().firstNs, bins.front().startNs, bins.front().startNs + resolution - 1);
    reading.eventsPerSecond
        = perSecond(quint64(reading.events), newest->events, newest->startNs, first, end, windowNs);
    reading.bytesPerSecond = perSecond(bytes, newest->bytes, newest->startNs, first, end, windowNs);
    reading.eventsPerRead = reading.reads ? double(reading.events) / double(reading.reads) : 0;
    reading.bursty
        = reading.eventsPerRead >= kBurstyEventsPerRead && reading.longestGapNs >= kBurstGapNs;
    return reading;
}

RateReading currentRate(const StreamStats &stats, qint64 nowNs)
{
    const RateReading wide = rateAt(stats, nowNs, kWideRateWindowNs);
    if (wide.bursty && wide.longestGapNs >= kWideRateGapNs)
        return wide;
    RateReading reading = rateAt(stats, nowNs, kRateWindowNs);
    // Burstiness is a property of the stream, not of the last 10 s: a window
    // holding a single burst has no gap inside it to see.
    reading.bursty = reading.bursty || wide.bursty;
    return reading;
}

} // namespace ssescope
