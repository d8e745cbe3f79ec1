#pragma once

#include "app/cli/CliOptionsTable.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <optional>

namespace ssescope::cli {

// What a run asserts, for CI: each expectation applies to every stream.
struct ExpectationOptions
{
    struct Event
    {
        QByteArray type;
        QString dataPattern; // empty: any data
        QString spec; // as given: TYPE or TYPE=DATA_REGEX
    };
    QList<Event> events; // --expect-event
    std::optional<quint64> minEvents; // --expect-min-events
    std::optional<double> maxLatencyP99Ms; // --expect-max-latency-ms
    bool noGaps = false; // --expect-no-gaps
    double withinS = 0; // --within: the whole run's limit
    QString junit; // --junit FILE, empty = none

    bool any() const { return !events.isEmpty() || minEvents || maxLatencyP99Ms || noGaps; }
};

// The run's --expect-* options, --within and --junit.
struct CliExpectOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CliExpectOptions();

    QList<QCommandLineOption> all() const;
    CliOptionError read(const QCommandLineParser &parser, ExpectationOptions *out) const;

    TextOption event;
    NumberOption within;
    NumberOption minEvents;
    NumberOption maxLatency;
    FlagOption noGaps;
    TextOption junit;
};

} // namespace ssescope::cli
