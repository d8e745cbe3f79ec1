#pragma once

#include "core/latency/LatencyExtractor.h"
#include "core/net/SubscriptionConfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <climits>

namespace ssescope::cli {

// Timers count int milliseconds; beyond that Qt switches them off.
inline constexpr double kMaxSeconds = double(INT_MAX / 1000);

// "--NAME needs a number of UNIT from 0 to MAX, not ..." when the option is
// set and out of range (NaN included), else empty with *out set (or kept).
QString parseNumberOption(const QCommandLineParser &parser, const QCommandLineOption &option,
    double *out, double maximum, const QString &unit);

// How every stream is requested: the options the run and `compare` share,
// declared once so both take exactly the same spelling, checks and help.
struct CliRequestOptions final
{
    CliRequestOptions();

    QList<QCommandLineOption> all() const;
    // Whether any of them was given (a capture comparison takes none).
    QString firstSet(const QCommandLineParser &parser) const;
    // Fills the request every stream starts from, and the latency source.
    // An error message (a usage error), or empty.
    QString apply(
        const QCommandLineParser &parser, SubscriptionConfig *base, LatencyConfig *latency) const;

    QCommandLineOption header;
    QCommandLineOption method;
    QCommandLineOption data;
    QCommandLineOption dataFile;
    QCommandLineOption lastEventId;
    QCommandLineOption policy;
    QCommandLineOption retry;
    QCommandLineOption maxAttempts;
    QCommandLineOption readTimeout;
    QCommandLineOption connectTimeout;
    QCommandLineOption insecure;
    QCommandLineOption compressed;
    QCommandLineOption latency;
    QCommandLineOption latencyUnit;
    QCommandLineOption clockOffset;
    QCommandLineOption noReconnect;
};

// URL or NAME=URL arguments as subscriptions from base; a stream without a
// name is called by host and path, and a repeated name gets "#2", "#3".
// An error message, or empty.
QString parseStreamArguments(
    const QStringList &arguments, const SubscriptionConfig &base, QList<SubscriptionConfig> *out);

} // namespace ssescope::cli
