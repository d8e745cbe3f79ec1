#pragma once

#include "core/net/SubscriptionConfig.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace ssescope::ui {

// The window's command line: URLs (NAME=URL too), --workspace, --demo, --open,
// store caps and --latency.
struct DashboardOptions
{
    QList<SubscriptionConfig> streams;
    QString workspace;
    QString capture;
    bool demo = false; // also implied when nothing else is asked for
    qint64 maxEvents = 0; // store caps; 0 = the default
    qint64 maxMemoryMiB = 0;
    // --latency SPEC, given to every URL on the command line. The window
    // detects send times unless told otherwise (ssescope-cli does not).
    LatencyConfig latency = autoLatency();
    bool compare = false; // open the comparison view on the streams given
    // --compressed: every URL given accepts compressed responses, as
    // ssescope-cli's option does (a compressing proxy may then hold events).
    bool compressed = false;
    // --tokens SPEC, --ndjson, --any-content-type: as ssescope-cli's, for every URL given.
    TokenStreamConfig tokens;
    bool ndjson = false;
    bool anyContentType = false;
    bool version = false; // --version: print the version and exit

    // Whether the embedded demo server should start and be subscribed to.
    bool wantsDemo() const
    {
        return demo || (streams.isEmpty() && workspace.isEmpty() && capture.isEmpty());
    }

    static LatencyConfig autoLatency()
    {
        LatencyConfig config;
        config.source = LatencySource::Auto;
        return config;
    }
    static QString usage();
    // Returns nothing, with a sentence in *error, on bad arguments.
    static std::optional<DashboardOptions> parse(const QStringList &arguments, QString *error);

    Q_DECLARE_TR_FUNCTIONS(DashboardOptions)
};

} // namespace ssescope::ui
