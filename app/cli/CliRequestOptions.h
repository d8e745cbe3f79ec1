#pragma once

#include "app/cli/CliOptionsTable.h"
#include "core/common/TimeValue.h"
#include "core/latency/LatencyExtractor.h"
#include "core/net/SubscriptionConfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

namespace ssescope::cli {

// How every stream is requested: the options the run and `compare` share,
// declared once so both take exactly the same spelling, checks and help.
struct CliRequestOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CliRequestOptions();

    QList<QCommandLineOption> all() const;
    // Whether any of them was given (a capture comparison takes none).
    QString firstSet(const QCommandLineParser &parser) const;
    // Fills the request every stream starts from, and the latency source.
    CliOptionError apply(
        const QCommandLineParser &parser, SubscriptionConfig *base, LatencyConfig *latency) const;

    TextOption header;
    TextOption method;
    TextOption data;
    TextOption dataFile;
    TextOption lastEventId;
    ChoiceOption<ReconnectPolicyKind> policy;
    NumberOption retry;
    NumberOption maxAttempts;
    NumberOption readTimeout;
    NumberOption connectTimeout;
    FlagOption insecure;
    TextOption caCert;
    TextOption proxy;
    FlagOption compressed;
    TextOption latency;
    ChoiceOption<TimeUnit> latencyUnit;
    NumberOption clockOffset;
    FlagOption noReconnect;
    // Streams that are not plain SSE: LLM token deltas, NDJSON, any type.
    TextOption tokens;
    FlagOption ndjson;
    FlagOption anyContentType;
    TextOption errorEvent;
    TextOption errorJsonType;
    TextOption terminal;

private:
    // The table, for help and for firstSet(): every option above, in order.
    QList<const CliOption *> rows() const;
    CliOptionError applyHeaders(const QCommandLineParser &parser, SubscriptionConfig *base) const;
    CliOptionError applyBody(const QCommandLineParser &parser, SubscriptionConfig *base) const;
    CliOptionError applyReconnection(
        const QCommandLineParser &parser, SubscriptionConfig *base) const;
    CliOptionError applyLatency(const QCommandLineParser &parser, LatencyConfig *latency) const;
    CliOptionError applyBodyKind(const QCommandLineParser &parser, SubscriptionConfig *base) const;
};

// URL or NAME=URL arguments as subscriptions from base; a stream without a
// name is called by host and path, and a repeated name gets "#2", "#3".
CliOptionError parseStreamArguments(
    const QStringList &arguments, const SubscriptionConfig &base, QList<SubscriptionConfig> *out);

} // namespace ssescope::cli
