#pragma once

#include "net/SubscriptionStatus.h"
#include "stats/StreamStats.h"

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
};

// The Prometheus text exposition format (version 0.0.4), which OpenMetrics
// scrapers read too: one series per stream, rolling windows as labels.
QByteArray renderPrometheusText(const QList<StreamMetricsInput> &streams, qint64 nowSteadyNs);

} // namespace ssescope
