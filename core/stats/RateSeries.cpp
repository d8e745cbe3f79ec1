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

// Young streams are averaged over their age, at least a second: a 10 s divisor
// would make every new stream ramp up for 10 s.
double divisorSeconds(qint64 atNs, qint64 firstBinNs, qint64 windowNs)
{
    const qint64 age = atNs - firstBinNs;
    const qint64 floor = std::min(kSecondNs, windowNs);
    return double(std::clamp(age, floor, windowNs)) / 1e9;
}

} // namespace

std::vector<RatePoint> rollingRates(const std::deque<SeriesPoint> &bins, qint64 resolutionNs,
    qint64 fromNs, qint64 toNs, qint64 windowNs)
{
    std::vector<RatePoint> out;
    resolutionNs = std::max<qint64>(1, resolutionNs);
    windowNs = std::max(ceilTo(windowNs, resolutionNs), resolutionNs);
    if (bins.empty())
        return out;
    const qint64 firstBin = bins.front().startNs;
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
        const double seconds = divisorSeconds(at, firstBin, windowNs);
        out.push_back({ at, double(events) / seconds, double(bytes) / seconds });
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
    return rollingRates(stats.series(), stats.seriesResolutionNs(), fromNs, toNs, windowNs);
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
    qint64 laterStart = -1; // start of the next bin with events, walking backwards
    for (auto it = bins.crbegin(); it != bins.crend() && it->startNs >= end - windowNs; ++it) {
        if (it->startNs >= end || it->events == 0)
            continue;
        reading.events += it->events;
        reading.reads += it->chunks;
        bytes += it->bytes;
        if (laterStart >= 0)
            reading.longestGapNs
                = std::max(reading.longestGapNs, laterStart - (it->startNs + resolution));
        laterStart = it->startNs;
    }
    if (end <= bins.front().startNs)
        return reading;
    const double seconds = divisorSeconds(end, bins.front().startNs, windowNs);
    reading.eventsPerSecond = double(reading.events) / seconds;
    reading.bytesPerSecond = double(bytes) / seconds;
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
