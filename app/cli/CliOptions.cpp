#include "CliOptions.h"

#include "app/cli/CliRequestOptions.h"
#include "core/metrics/MetricsServer.h"

#include <QCoreApplication>
#include <QCommandLineParser>
#include <QFile>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

const QString kDescription
    = uR"(Subscribe to Server-Sent Events streams, record them and show live statistics.

  ssescope-cli [options] URL|NAME=URL ...
  ssescope-cli stats CAPTURE            statistics of a saved capture
  ssescope-cli compare NAME=URL ...     routes side by side: streaming, buffered or
  ssescope-cli compare CAPTURE          stalled (see ssescope-cli compare --help)
  ssescope-cli convert IN OUT           convert between jsonl, csv and sse captures
                                        ("-" is standard input or output, JSON Lines)

Standard input takes commands: "restart" reconnects every stream (sending
Last-Event-ID), "quit" exits. The end of standard input is not a command.

Exit codes: 0 every stream ended normally or was stopped (limits, a signal,
quit); 1 a stream failed (any status but 200, 204 included; a wrong content
type; gave up after errors); 2 usage error; 3 input or output error.)"_s;

bool parseSeconds(const QString &text, double minimum, double *seconds)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !(value >= minimum && value <= kMaxSeconds)) // NaN fails too
        return false;
    *seconds = value;
    return true;
}

// "-", standard input or output, has no name to tell: the CLI's own default.
std::optional<CaptureFormat> formatFromPath(const QString &path)
{
    return path == u"-" ? CaptureFormat::JsonLines : captureFormatFromPath(path);
}

const QString kCompareDescription
    = uR"(Compare routes to the same events side by side (say, direct and through
a proxy), and say of each whether it is streaming, buffered or stalled.

  ssescope-cli compare [options] NAME=URL|URL ...   live, for --duration seconds
  ssescope-cli compare [--format F] CAPTURE          a saved capture, each stream a route

Standard output: one line per route, in the order given (a capture's: in the
order its streams first appear), "NAME: VERDICT: explanation", where VERDICT
is streaming, buffered, stalled or inconclusive; then a blank line and a
table of figures (times in ms). With --csv -, the figures as CSV instead.

Exit codes: 0 the comparison ran, whatever the verdicts; 2 usage error;
3 the capture cannot be read (or has corrupt records), or an output cannot
be written.)"_s;

// A capture is one argument that is no URL: a URL always says its scheme.
bool isCaptureArgument(const QStringList &positional)
{
    return positional.size() == 1 && !positional.first().contains(u"://"_s);
}

void parseCompare(QStringList arguments, ParsedCommandLine *result)
{
    result->command = ParsedCommandLine::Command::Compare;
    CompareOptions &options = result->compare;
    QCommandLineParser parser;
    parser.setApplicationDescription(kCompareDescription);
    parser.addHelpOption();
    parser.addPositionalArgument(u"route"_s,
        QCoreApplication::translate(
            "CliOptions", "Live routes, each URL or NAME=URL; or one capture file."),
        u"NAME=URL...|CAPTURE"_s);
    const CliRequestOptions request;
    const QCommandLineOption duration(u"duration"_s,
        QCoreApplication::translate("CliOptions",
            "Live: watch the routes for S seconds, then report (default 10, more than 0)."),
        u"s"_s);
    const QCommandLineOption csv(u"csv"_s,
        QCoreApplication::translate("CliOptions",
            "Also write the figures as CSV to FILE; \"-\": on standard output, instead of the "
            "report."),
        u"file"_s);
    const QCommandLineOption format({ u"f"_s, u"format"_s },
        QCoreApplication::translate("CliOptions",
            "Capture format: jsonl, csv or sse (default: from the file name; \"-\" is standard "
            "input, JSON Lines)."),
        u"format"_s);
    parser.addOptions(request.all());
    parser.addOptions({ duration, csv, format });
    arguments.removeAt(1);
    if (!parser.parse(arguments)) {
        result->error = parser.errorText();
        return;
    }
    if (parser.isSet(u"help"_s)) {
        result->command = ParsedCommandLine::Command::Help;
        result->helpText = parser.helpText();
        return;
    }
    options.csv = parser.value(csv);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result->error = QCoreApplication::translate(
            "CliOptions", "compare takes routes (NAME=URL ...) or one capture file");
        return;
    }
    if (isCaptureArgument(positional)) {
        // Options for requests or their duration have nothing to act on:
        // saying so beats a comparison that silently ignored them.
        QString live = request.firstSet(parser);
        if (live.isEmpty() && parser.isSet(duration))
            live = u"--duration"_s;
        if (!live.isEmpty()) {
            result->error = QCoreApplication::translate(
                "CliOptions", "%1 applies to live routes, not to a capture")
                                .arg(live);
            return;
        }
        options.capture = positional.first();
        if (parser.isSet(format)) {
            options.format = captureFormatFromName(parser.value(format));
            if (!options.format) {
                result->error = QCoreApplication::translate(
                    "CliOptions", "unknown format \"%1\": use jsonl, csv or sse")
                                    .arg(parser.value(format));
                return;
            }
        } else {
            options.format = formatFromPath(options.capture);
            if (!options.format)
                result->error = QCoreApplication::translate("CliOptions",
                    "cannot tell the format of \"%1\": name it .jsonl, .csv or .sse, or pass "
                    "--format")
                                    .arg(options.capture);
        }
        return;
    }
    if (parser.isSet(format)) {
        result->error = QCoreApplication::translate(
            "CliOptions", "--format applies to a capture, not to live routes");
        return;
    }
    SubscriptionConfig base;
    QString error = request.apply(parser, &base, &options.latency);
    if (error.isEmpty())
        error = parseStreamArguments(positional, base, &options.subscriptions);
    // Bounded, and above 0: a comparison that watched nothing says nothing.
    if (error.isEmpty() && parser.isSet(duration)
        && !parseSeconds(parser.value(duration), 0.001, &options.durationS))
        error = u"--duration needs a number of seconds above 0, up to %1, not \"%2\""_s
                    .arg(kMaxSeconds)
                    .arg(parser.value(duration));
    result->error = error;
}

} // namespace

ParsedCommandLine parseCommandLine(const QStringList &argumentsIn)
{
    ParsedCommandLine result;
    QStringList arguments = argumentsIn;
    const QString subcommand = arguments.value(1);
    if (subcommand == u"compare") {
        parseCompare(arguments, &result);
        return result;
    }
    if (subcommand == u"convert" || subcommand == u"stats") {
        QCommandLineParser parser;
        parser.setApplicationDescription(kDescription);
        const QCommandLineOption formatOption({ u"f"_s, u"format"_s },
            QCoreApplication::translate(
                "CliOptions", "Capture format: jsonl, csv or sse (default: from the file name)."),
            u"format"_s);
        const QCommandLineOption fromOption(u"from"_s,
            QCoreApplication::translate(
                "CliOptions", "Input format (default: from the file name)."),
            u"format"_s);
        const QCommandLineOption toOption(u"to"_s,
            QCoreApplication::translate(
                "CliOptions", "Output format (default: from the file name)."),
            u"format"_s);
        parser.addHelpOption();
        parser.addOptions({ formatOption, fromOption, toOption });
        arguments.removeAt(1);
        if (!parser.parse(arguments)) {
            result.error = parser.errorText();
            return result;
        }
        if (parser.isSet(u"help"_s)) {
            result.command = ParsedCommandLine::Command::Help;
            result.helpText = parser.helpText();
            return result;
        }
        const auto formatFrom
            = [&](const QCommandLineOption &option, std::optional<CaptureFormat> *out) {
                  if (!parser.isSet(option))
                      return true;
                  *out = captureFormatFromName(parser.value(option));
                  if (!*out)
                      result.error = QCoreApplication::translate(
                          "CliOptions", "unknown format \"%1\": use jsonl, csv or sse")
                                         .arg(parser.value(option));
                  return out->has_value();
              };
        const QStringList positional = parser.positionalArguments();
        if (subcommand == u"stats") {
            result.command = ParsedCommandLine::Command::Stats;
            if (positional.size() != 1) {
                result.error
                    = QCoreApplication::translate("CliOptions", "stats takes one capture file");
                return result;
            }
            result.stats.input = positional.first();
            if (!formatFrom(formatOption, &result.stats.format))
                return result;
            if (!result.stats.format)
                result.stats.format = formatFromPath(result.stats.input);
            if (!result.stats.format)
                result.error = QCoreApplication::translate("CliOptions",
                    "cannot tell the format of \"%1\": name it .jsonl, .csv or .sse, or pass "
                    "--format")
                                   .arg(result.stats.input);
            return result;
        }
        result.command = ParsedCommandLine::Command::Convert;
        if (positional.size() != 2) {
            result.error = QCoreApplication::translate(
                "CliOptions", "convert takes an input and an output file");
            return result;
        }
        result.convert.input = positional.at(0);
        result.convert.output = positional.at(1);
        if (!formatFrom(fromOption, &result.convert.from)
            || !formatFrom(toOption, &result.convert.to))
            return result;
        if (!result.convert.from)
            result.convert.from = formatFromPath(result.convert.input);
        if (!result.convert.to)
            result.convert.to = formatFromPath(result.convert.output);
        if (!result.convert.from || !result.convert.to)
            result.error = QCoreApplication::translate("CliOptions",
                "cannot tell a capture format from the file names: use .jsonl, .csv or .sse, or "
                "--from and --to");
        return result;
    }

    // --stats takes an optional value, which QCommandLineParser cannot express.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == u"--")
            break;
        if (arg == u"--stats" || arg.startsWith(u"--stats="_s)) {
            const QString value = arg == u"--stats" ? u"1"_s : arg.mid(8);
            if (!parseSeconds(value, 0.01, &result.run.statsIntervalS)) {
                result.error = u"--stats needs an interval from 0.01 to %1 seconds, not \"%2\""_s
                                   .arg(kMaxSeconds)
                                   .arg(value);
                return result;
            }
            arguments.removeAt(i--);
        }
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(kDescription);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"url"_s,
        QCoreApplication::translate("CliOptions", "Stream URLs, each optionally NAME=URL."),
        u"URL|NAME=URL..."_s);
    const CliRequestOptions request;
    const QCommandLineOption output({ u"o"_s, u"output"_s },
        QCoreApplication::translate("CliOptions", "Write events here (default: standard output)."),
        u"file"_s);
    const QCommandLineOption format(u"format"_s,
        QCoreApplication::translate("CliOptions", "Output format: jsonl (default), csv or sse."),
        u"format"_s);
    const QCommandLineOption comments(u"comments"_s,
        QCoreApplication::translate("CliOptions", "Record comments (heartbeats) too."));
    const QCommandLineOption statsHelp(u"stats"_s,
        QCoreApplication::translate("CliOptions",
            "Print a live per-stream table on standard error every INTERVAL seconds (--stats or "
            "--stats=INTERVAL, default 1)."));
    const QCommandLineOption maxEvents(u"max-events"_s,
        QCoreApplication::translate("CliOptions", "Stop after N events in all."), u"n"_s);
    const QCommandLineOption duration(
        u"duration"_s, QCoreApplication::translate("CliOptions", "Stop after S seconds."), u"s"_s);
    const QCommandLineOption pair(u"pair"_s,
        QCoreApplication::translate("CliOptions",
            "Compare two routes, NAME_A,NAME_B: the same event (by id, else data) on both; the "
            "delay of B after A (repeatable)."),
        u"a,b"_s);
    const QCommandLineOption metrics(u"metrics"_s,
        QCoreApplication::translate("CliOptions",
            "Serve Prometheus/OpenMetrics statistics on HOST:PORT (path /metrics), a loopback "
            "address unless --metrics-public."),
        u"host:port"_s);
    const QCommandLineOption metricsPublic(u"metrics-public"_s,
        QCoreApplication::translate("CliOptions",
            "Let --metrics listen on an address other hosts can reach (it shows stream names and "
            "URLs)."));
    parser.addOptions(request.all());
    parser.addOptions(
        { output, format, comments, statsHelp, maxEvents, duration, metrics, metricsPublic, pair });
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(u"help"_s)) {
        result.command = ParsedCommandLine::Command::Help;
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(u"version"_s)) {
        result.command = ParsedCommandLine::Command::Version;
        return result;
    }
    const auto fail = [&](const QString &message) {
        result.error = message;
        return result;
    };

    SubscriptionConfig base;
    if (const QString error = request.apply(parser, &base, &result.run.latency); !error.isEmpty())
        return fail(error);
    double limit = 0;
    for (const QString &error : { parseNumberOption(parser, maxEvents, &limit, 1e18, u"events"_s),
             parseNumberOption(
                 parser, duration, &result.run.durationS, kMaxSeconds, u"seconds"_s) }) {
        if (!error.isEmpty())
            return fail(error);
    }
    result.run.maxEvents = qint64(limit);
    result.run.output = parser.value(output);
    if (parser.isSet(format)) {
        const auto f = captureFormatFromName(parser.value(format));
        if (!f)
            return fail(u"--format must be jsonl, csv or sse"_s);
        result.run.format = *f;
    } else if (!result.run.output.isEmpty() && result.run.output != u"-") {
        result.run.format
            = captureFormatFromPath(result.run.output).value_or(CaptureFormat::JsonLines);
    }
    result.run.comments = parser.isSet(comments);
    result.run.metricsAddress = parser.value(metrics);
    result.run.metricsPublic = parser.isSet(metricsPublic);
    if (!result.run.metricsAddress.isEmpty()) {
        const QString error
            = MetricsServer::addressError(result.run.metricsAddress, result.run.metricsPublic);
        if (!error.isEmpty())
            return fail(error);
    }

    const QStringList urls = parser.positionalArguments();
    if (urls.isEmpty())
        return fail(
            QCoreApplication::translate("CliOptions", "give at least one stream URL (see --help)"));
    if (const QString error = parseStreamArguments(urls, base, &result.run.subscriptions);
        !error.isEmpty())
        return fail(error);
    for (const QString &spec : parser.values(pair)) {
        const QStringList pairNames = spec.split(u',');
        if (pairNames.size() != 2 || pairNames[0] == pairNames[1])
            return fail(u"--pair takes two different stream pairNames, NAME_A,NAME_B"_s);
        const auto known = [&](const QString &name) {
            return std::any_of(result.run.subscriptions.cbegin(), result.run.subscriptions.cend(),
                [&](const SubscriptionConfig &c) { return c.name == name; });
        };
        if (!known(pairNames[0]) || !known(pairNames[1]))
            return fail(u"--pair %1: name both streams, as given by NAME=URL"_s.arg(spec));
        result.run.pairs.append({ pairNames[0], pairNames[1] });
    }
    return result;
}

} // namespace ssescope::cli
