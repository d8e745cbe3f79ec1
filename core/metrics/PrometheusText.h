#pragma once

#include "core/net/SubscriptionStatus.h"
#include "core/stats/StreamStats.h"
#include "core/stats/TokenStats.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ssescope {

struct StreamMetricsInput
{
    QString name;
    QString url;
    SubscriptionState state = SubscriptionState::Idle;
    const StreamStats *stats = nullptr;
    const TokenStats *tokens = nullptr; // LLM token streams only
    StreamEndCounts ends {}; // how its connections ended (SubscriptionStatus::ends)
};

// Two routes compared: matches of the same event, and B's delay after A.
struct RouteMetricsInput
{
    QString a;
    QString b;
    quint64 matched = 0;
    quint64 forgotten = 0;
    const StreamStats *delays = nullptr; // "latency" = B's arrival minus A's
};

// The Prometheus text exposition format (version 0.0.4), which OpenMetrics
// scrapers read too: one series per stream, rolling windows as labels.
QByteArray renderPrometheusText(const QList<StreamMetricsInput> &streams, qint64 nowSteadyNs,
    const QList<RouteMetricsInput> &routes = {});

} // namespace ssescope
