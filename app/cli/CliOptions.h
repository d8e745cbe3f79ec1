#pragma once

#include "app/cli/CliExpectOptions.h"
#include "core/capture/CaptureFormat.h"
#include "core/latency/LatencyExtractor.h"
#include "core/net/SubscriptionConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ssescope::cli {

// Exit codes, documented in --help and the README.
enum ExitCode {
    ExitOk = 0, // every stream ended normally (or was stopped: limits, signal, quit)
    ExitStreamFailed = 1, // a stream failed (non-200 including 204, wrong type, gave up)
    ExitUsage = 2, // bad command line
    ExitIo = 3, // output not writable, input not readable, or corrupt records
    ExitExpectation = 4, // an --expect-* failed (outranks 1; 3 outranks it)
};

struct RunOptions
{
    QList<SubscriptionConfig> subscriptions;
    LatencyConfig latency;
    QString output; // empty or "-" = stdout
    CaptureFormat format = CaptureFormat::JsonLines;
    QList<JsonColumn> columns; // --column NAME=POINTER: CSV's custom columns
    bool comments = false;
    double statsIntervalS = 0; // 0 = no live table
    qint64 maxEvents = 0; // 0 = unlimited
    double durationS = 0; // 0 = unlimited
    QString metricsAddress; // HOST:PORT, empty = off
    bool metricsPublic = false; // may listen beyond loopback
    QList<QPair<QString, QString>> pairs; // streams compared route against route, by name
    ExpectationOptions expect; // assertions for CI: --expect-*, --within, --junit
};

struct ConvertOptions
{
    QString input;
    QString output;
    std::optional<CaptureFormat> from;
    std::optional<CaptureFormat> to;
    QList<JsonColumn> columns; // --column NAME=POINTER: CSV's custom columns
};

struct StatsOptions
{
    QString input;
    std::optional<CaptureFormat> format;
    TokenStreamConfig tokens; // --tokens: every stream of the capture is a token stream
};

// "ssescope-cli compare": routes side by side, from a capture or live.
struct CompareOptions
{
    static constexpr double kDefaultDurationS = 10;

    QString capture; // a saved capture, each stream a route; empty: live routes
    std::optional<CaptureFormat> format; // the capture's
    QList<SubscriptionConfig> subscriptions; // live routes, in the order given
    LatencyConfig latency;
    double durationS = kDefaultDurationS; // live: how long to watch
    QString csv; // also write the figures as CSV here; "-": on stdout instead of the report
};

struct ParsedCommandLine
{
    enum class Command { Run, Convert, Stats, Compare, Help, Version } command = Command::Run;
    RunOptions run;
    ConvertOptions convert;
    StatsOptions stats;
    CompareOptions compare;
    QString error; // non-empty: a usage error, to print with the exit code ExitUsage
    QString helpText;
};

ParsedCommandLine parseCommandLine(const QStringList &arguments);

} // namespace ssescope::cli
