#include "RouteComparison.h"

#include "core/common/FastHash.h"

#include <QtAlgorithms>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// Events match by type and id, or by type and data when they have no id:
// two unrelated streams both numbering their events 1, 2, 3 (a ticker and a
// bursty stream) would otherwise "match". Data past kHashedDataBytes is
// hashed by its first and last halves of that and its length, so a 10 MiB
// event costs no 10 MiB pass; two such events alike at both ends and in
// length but not in between would match.
constexpr qsizetype kHashedDataBytes = 4096;

quint64 matchKey(QByteArrayView type, QByteArrayView id, QByteArrayView data)
{
    quint64 h = hashBytes(type, 0x5ee5);
    if (!id.isEmpty())
        return mixHash(h ^ hashBytes(id, 0x1d));
    if (data.size() <= kHashedDataBytes)
        return mixHash(h ^ hashBytes(data, 0xda7a));
    const qsizetype half = kHashedDataBytes / 2;
    return mixHash(h ^ hashBytes(data.first(half), 0xda7b)
        ^ mixHash(hashBytes(data.last(half), 0xda7c) + quint64(data.size())));
}

template<typename T> void keepNewest(std::deque<T> &points, quint64 *forgotten = nullptr)
{
    while (points.size() > RouteComparison::kMaxPointsKept) {
        points.pop_front();
        if (forgotten)
            ++*forgotten;
    }
}

Quantiles quantilesMs(const LogHistogram &us)
{
    Quantiles q;
    q.count = us.count();
    if (q.count == 0)
        return q;
    q.p50 = us.quantile(0.50) / 1e3;
    q.p90 = us.quantile(0.90) / 1e3;
    q.p99 = us.quantile(0.99) / 1e3;
    q.max = us.max() / 1e3;
    return q;
}

} // namespace

RouteComparison::RouteComparison(std::vector<RouteSpec> routes)
{
    m_routes.reserve(routes.size());
    for (RouteSpec &spec : routes) {
        Route route;
        route.spec = std::move(spec);
        m_routes.push_back(std::move(route));
    }
}

void RouteComparison::touch(qint64 steadyNs)
{
    m_lastActivityNs = m_haveActivity ? std::max(m_lastActivityNs, steadyNs) : steadyNs;
    m_haveActivity = true;
}

qint64 RouteComparison::originNs() const
{
    qint64 origin = 0;
    bool have = false;
    for (const Route &route : m_routes) {
        const auto consider = [&](qint64 ns) {
            origin = have ? std::min(origin, ns) : ns;
            have = true;
        };
        if (route.spec.requestedNs != 0)
            consider(route.spec.requestedNs);
        if (route.events > 0)
            consider(route.firstEventNs);
    }
    return have ? origin : m_lastActivityNs;
}

void RouteComparison::recordRead(StreamId stream, qint64 steadyNs, quint64 chunkIndex,
    quint64 events, quint64 bytes, const double *latenciesMs, size_t latencyCount)
{
    const int index = indexOf(stream);
    if (index < 0 || events == 0)
        return;
    Route &route = m_routes[size_t(index)];
    touch(steadyNs);
    for (size_t i = 0; i < latencyCount; ++i)
        route.latencyUs.add(latenciesMs[i] * 1e3);

    if (route.events == 0)
        route.firstEventNs = steadyNs;
    route.events += events;
    route.bytes += bytes;
    route.lastEventNs = std::max(route.lastEventNs, steadyNs);

    // The measurer may hand one read over in parts (a comment or its latency
    // bound splits a run): they are one read here.
    if (!route.reads.empty() && route.reads.back().chunkIndex == chunkIndex
        && route.reads.back().steadyNs == steadyNs) {
        RouteRead &read = route.reads.back();
        route.burstEvents += events;
        read.events += quint32(events);
        read.bytes += bytes;
        read.cumulativeEvents = route.events;
        return;
    }
    // A read's sizes go into the histograms once it is whole: when the next
    // one starts (figures() counts the newest itself).
    if (!route.reads.empty()) {
        const RouteRead &previous = route.reads.back();
        route.eventsPerRead.add(double(previous.events));
        route.bytesPerRead.add(double(previous.bytes));
        route.readGapUs.add(double(std::max<qint64>(0, steadyNs - previous.steadyNs)) / 1e3);
    }
    ++route.readCount;
    if (route.bursts > 0 && steadyNs - route.burstLastNs <= kBurstJoinNs) {
        route.burstEvents += events;
        route.burstLastNs = steadyNs;
        route.longestBurstNs = std::max(route.longestBurstNs, steadyNs - route.burstStartNs);
    } else {
        if (route.bursts > 0) {
            route.eventsPerBurst.add(double(route.burstEvents));
            route.burstGapUs.add(double(std::max<qint64>(0, steadyNs - route.burstStartNs)) / 1e3);
        }
        ++route.bursts;
        route.burstStartNs = steadyNs;
        route.burstLastNs = steadyNs;
        route.burstEvents = events;
    }
    route.reads.push_back(RouteRead { steadyNs, chunkIndex, quint32(events), bytes, route.events });
    keepNewest(route.reads, &route.readsForgotten);
}

void RouteComparison::matchEvent(
    StreamId stream, QByteArrayView type, QByteArrayView id, QByteArrayView data, qint64 steadyNs)
{
    const int index = indexOf(stream);
    if (index < 0 || size_t(index) >= kMaxMatchedRoutes || m_routes.size() < 2)
        return;
    const quint32 bit = 1u << index;
    const quint64 key = matchKey(type, id, data);
    auto it = m_pending.find(key);
    if (it == m_pending.end()) {
        m_pending.emplace(key, Pending { steadyNs, ++m_serial, bit, index });
        m_order.emplace_back(key, m_serial);
        // Past the bound the oldest pending keys go, counted if unmatched;
        // places of keys that left already (every route matched them) go too.
        while (qsizetype(m_pending.size()) > kMaxPendingKeys && !m_order.empty()) {
            const auto [oldKey, serial] = m_order.front();
            const auto old = m_pending.find(oldKey);
            if (old != m_pending.end() && old->second.serial == serial) {
                if (qPopulationCount(old->second.seenBy) < 2)
                    ++m_forgotten;
                m_pending.erase(old);
            }
            m_order.pop_front();
        }
        return;
    }
    Pending &pending = it->second;
    if (pending.seenBy & bit)
        return; // the same route again (a replay after reconnecting): not a match
    if (qPopulationCount(pending.seenBy) == 1) {
        // The first route's own delay is 0, recorded once a second route matched.
        Route &first = m_routes[size_t(pending.firstRoute)];
        first.delayUs.add(0.0);
        first.delays.push_back(RouteDelayPoint { pending.firstNs, 0.0 });
        keepNewest(first.delays);
        ++m_matched;
    }
    pending.seenBy |= bit;
    // Routes are fed in arrival order, batch by batch; one that arrives out of
    // order by a hair counts as just as fast.
    const double delayMs = double(std::max<qint64>(0, steadyNs - pending.firstNs)) / 1e6;
    Route &route = m_routes[size_t(index)];
    route.delayUs.add(delayMs * 1e3);
    route.delays.push_back(RouteDelayPoint { steadyNs, delayMs });
    keepNewest(route.delays);
    if (qPopulationCount(pending.seenBy) == uint(std::min(m_routes.size(), kMaxMatchedRoutes))) {
        m_pending.erase(it); // every route has it: nothing more to match
        dropStaleOrder();
    }
}

bool RouteComparison::isStale(const std::pair<quint64, quint64> &entry) const
{
    const auto pending = m_pending.find(entry.first);
    return pending == m_pending.end() || pending->second.serial != entry.second;
}

void RouteComparison::dropStaleOrder()
{
    // A key every route delivered leaves m_pending but stays in m_order until
    // the cap trims it, and the cap never trims when every event matches: at
    // 100,000 matched events a second m_order grew by 8 MB a second. Keys
    // leave the front as they match; an unmatched one there (an event only
    // one route carried) would block that, so m_order is also compacted once
    // it holds twice what m_pending does: amortised O(1) per event.
    while (!m_order.empty() && isStale(m_order.front()))
        m_order.pop_front();
    if (m_order.size() <= std::max<size_t>(1024, 2 * size_t(m_pending.size())))
        return;
    std::deque<std::pair<quint64, quint64>> live;
    for (auto &entry : m_order)
        if (!isStale(entry))
            live.push_back(std::move(entry));
    m_order.swap(live);
}

void RouteComparison::noteStatus(StreamId stream, const SubscriptionStatus &status, qint64 steadyNs)
{
    const int index = indexOf(stream);
    if (index < 0)
        return;
    Route &route = m_routes[size_t(index)];
    route.status = status;
    if (status.state == SubscriptionState::Open && route.responseNs == 0)
        route.responseNs = status.sinceSteadyNs != 0 ? status.sinceSteadyNs : steadyNs;
}

RouteFigures RouteComparison::figures(size_t index, qint64 nowSteadyNs) const
{
    const Route &route = m_routes.at(index);
    RouteFigures f;
    f.name = route.spec.name;
    f.events = route.events;
    f.reads = route.readCount;
    f.bytes = route.bytes;
    if (route.readCount > 0 && !route.reads.empty()) {
        LogHistogram eventsPerRead;
        eventsPerRead.merge(route.eventsPerRead);
        eventsPerRead.add(double(route.reads.back().events));
        LogHistogram bytesPerRead;
        bytesPerRead.merge(route.bytesPerRead);
        bytesPerRead.add(double(route.reads.back().bytes));
        f.eventsPerRead = double(route.events) / double(route.readCount);
        f.eventsPerReadP50 = eventsPerRead.quantile(0.5);
        f.eventsPerReadP90 = eventsPerRead.quantile(0.9);
        f.maxEventsPerRead = eventsPerRead.max();
        f.bytesPerReadP50 = bytesPerRead.quantile(0.5);
    }
    if (route.readGapUs.count() > 0)
        f.readGapP50Ms = route.readGapUs.quantile(0.5) / 1e3;
    f.bursts = route.bursts;
    if (route.bursts > 0) {
        f.eventsPerBurst = double(route.events) / double(route.bursts);
        LogHistogram eventsPerBurst;
        eventsPerBurst.merge(route.eventsPerBurst);
        eventsPerBurst.add(double(route.burstEvents));
        f.maxEventsPerBurst = eventsPerBurst.max();
        f.longestBurstMs = double(route.longestBurstNs) / 1e6;
    }
    if (route.burstGapUs.count() > 0)
        f.burstGapP50Ms = route.burstGapUs.quantile(0.5) / 1e3;
    f.latencyMs = quantilesMs(route.latencyUs);
    f.delayMs = quantilesMs(route.delayUs);

    // A capture read from a file knows no request time: what is measured
    // from the request stays unknown (-1) rather than counted from another
    // route's first event.
    const bool knowsRequest = route.spec.requestedNs != 0;
    const qint64 start = knowsRequest ? route.spec.requestedNs : originNs();
    f.waitedMs = double(std::max<qint64>(0, nowSteadyNs - start)) / 1e6;
    if (knowsRequest && route.responseNs != 0)
        f.responseAfterMs = double(std::max<qint64>(0, route.responseNs - start)) / 1e6;
    else if (knowsRequest && route.events > 0) // the first event proves the headers came
        f.responseAfterMs = double(std::max<qint64>(0, route.firstEventNs - start)) / 1e6;
    if (route.events > 0) {
        if (knowsRequest)
            f.firstEventAfterMs = double(std::max<qint64>(0, route.firstEventNs - start)) / 1e6;
        const double spanS = double(std::max<qint64>(0, nowSteadyNs - route.firstEventNs)) / 1e9;
        f.eventsPerSecond = spanS >= 1.0 ? double(route.events) / spanS : 0.0;
    }
    f.compressionRequested = route.spec.compressionRequested;
    f.unmatchedPastLimit = m_routes.size() > 1 && index >= kMaxMatchedRoutes;
    f.httpStatus = route.status.httpStatus;
    f.statusMessage = route.status.message;
    return f;
}

std::vector<RouteFigures> RouteComparison::allFigures(qint64 nowSteadyNs) const
{
    std::vector<RouteFigures> all;
    all.reserve(m_routes.size());
    for (size_t i = 0; i < m_routes.size(); ++i)
        all.push_back(figures(i, nowSteadyNs));
    return all;
}

} // namespace ssescope
