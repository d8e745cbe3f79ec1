#include "CliOptions.h"

#include "app/cli/CliOptionsCommands.h"
#include "app/cli/CliRequestOptions.h"
#include "core/metrics/MetricsServer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

using Measure = NumberOption::Measure;

// The options of the run beside those of the request: the table --help lists.
struct RunOptionTable final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    RunOptionTable();
    QList<QCommandLineOption> all() const;

    CliRequestOptions request;
    CliExpectOptions expect;
    TextOption output;
    ChoiceOption<CaptureFormat> format;
    FlagOption comments;
    // --stats takes an optional value, which QCommandLineParser cannot express:
    // takeStatsInterval() reads it first; the parser only lists it in --help.
    NumberOption stats;
    NumberOption maxEvents;
    NumberOption duration;
    TextOption pair;
    TextOption column;
    TextOption metrics;
    FlagOption metricsPublic;
};

RunOptionTable::RunOptionTable()
    : output(
        { u"o"_s, u"output"_s }, tr("Write events here (default: standard output)."), u"file"_s)
    , format({ u"format"_s }, tr("Output format: jsonl (default), csv or sse."), u"format"_s,
          captureFormatFromName,
          QT_TRANSLATE_NOOP("CliOptions", "--format must be jsonl, csv or sse, not \"%1\""))
    , comments({ u"comments"_s }, tr("Record comments (heartbeats) too."))
    , stats({ u"stats"_s },
          tr("Print a live per-stream table on standard error every INTERVAL seconds (--stats or "
             "--stats=INTERVAL, default 1)."),
          QString(), Measure::Interval, kMaxSeconds)
    , maxEvents(
          { u"max-events"_s }, tr("Stop after N events in all."), u"n"_s, Measure::Events, 1e18)
    , duration(
          { u"duration"_s }, tr("Stop after S seconds."), u"s"_s, Measure::Seconds, kMaxSeconds)
    , pair({ u"pair"_s },
          tr("Compare two routes, NAME_A,NAME_B: the same event (by id, else data) on both; the "
             "delay of B after A (repeatable)."),
          u"a,b"_s)
    , column(columnOption())
    , metrics({ u"metrics"_s },
          tr("Serve Prometheus/OpenMetrics statistics on HOST:PORT (path /metrics), a loopback "
             "address unless --metrics-public."),
          u"host:port"_s)
    , metricsPublic({ u"metrics-public"_s },
          tr("Let --metrics listen on an address other hosts can reach (it shows stream names "
             "and URLs)."))
{ }

QList<QCommandLineOption> RunOptionTable::all() const
{
    QList<QCommandLineOption> options = request.all();
    for (const CliOption *row : std::initializer_list<const CliOption *> { &output, &format,
             &comments, &stats, &maxEvents, &duration, &metrics, &metricsPublic, &pair, &column })
        options.append(row->option());
    options.append(expect.all());
    return options;
}

// Takes every --stats and --stats=INTERVAL out of arguments (up to "--").
CliOptionError takeStatsInterval(
    const NumberOption &stats, QStringList *arguments, double *interval)
{
    for (qsizetype i = 1; i < arguments->size(); ++i) {
        const QString arg = arguments->at(i);
        if (arg == u"--")
            break;
        if (arg == u"--stats" || arg.startsWith(u"--stats="_s)) {
            if (const CliOptionError error
                = stats.check(arg == u"--stats" ? u"1"_s : arg.mid(8), interval))
                return error;
            arguments->removeAt(i--);
        }
    }
    return {};
}

CliOptionError readOutput(
    const RunOptionTable &table, const QCommandLineParser &parser, RunOptions *run)
{
    double limit = 0;
    for (const CliOptionError &error :
        { table.maxEvents.read(parser, &limit), table.duration.read(parser, &run->durationS) }) {
        if (error)
            return error;
    }
    run->maxEvents = qint64(limit);
    run->output = table.output.value(parser);
    std::optional<CaptureFormat> format;
    if (const CliOptionError error = table.format.read(parser, &format))
        return error;
    if (format)
        run->format = *format;
    else if (!run->output.isEmpty() && run->output != u"-")
        run->format = captureFormatFromPath(run->output).value_or(CaptureFormat::JsonLines);
    if (run->format == CaptureFormat::Har)
        return CliOptionError(
            CliOptionError::tr("HAR is one document written at the end: record JSON Lines, then "
                               "\"ssescope-cli convert run.jsonl run.har\""));
    if (const CliOptionError error
        = readColumns(table.column.values(parser), run->format, &run->columns))
        return error;
    run->comments = table.comments.value(parser);
    run->metricsAddress = table.metrics.value(parser);
    run->metricsPublic = table.metricsPublic.value(parser);
    if (!run->metricsAddress.isEmpty()) {
        const QString error = MetricsServer::addressError(run->metricsAddress, run->metricsPublic);
        if (!error.isEmpty())
            return CliOptionError(error);
    }
    return {};
}

CliOptionError readPairs(const QStringList &specs, RunOptions *run)
{
    const auto known = [run](const QString &name) {
        return std::any_of(run->subscriptions.cbegin(), run->subscriptions.cend(),
            [&](const SubscriptionConfig &c) { return c.name == name; });
    };
    for (const QString &spec : specs) {
        const QStringList names = spec.split(u',');
        if (names.size() != 2 || names[0] == names[1])
            return CliOptionError(
                CliOptionError::tr("--pair takes two different stream names, NAME_A,NAME_B"));
        if (!known(names[0]) || !known(names[1]))
            return CliOptionError(
                CliOptionError::tr("--pair %1: name both streams, as given by NAME=URL").arg(spec));
        run->pairs.append({ names[0], names[1] });
    }
    return {};
}

CliOptionError readRun(
    const RunOptionTable &table, const QCommandLineParser &parser, RunOptions *run)
{
    SubscriptionConfig base;
    if (const CliOptionError error = table.request.apply(parser, &base, &run->latency))
        return error;
    if (const CliOptionError error = readOutput(table, parser, run))
        return error;
    if (const CliOptionError error = table.expect.read(parser, &run->expect))
        return error;
    const QStringList urls = parser.positionalArguments();
    if (urls.isEmpty())
        return CliOptionError(CliOptionError::tr("give at least one stream URL (see --help)"));
    if (const CliOptionError error = parseStreamArguments(urls, base, &run->subscriptions))
        return error;
    return readPairs(table.pair.values(parser), run);
}

} // namespace

QString runDescription()
{
    return QCoreApplication::translate("CliOptions",
        "Subscribe to Server-Sent Events streams, record them and show live statistics.\n"
        "\n"
        "  ssescope-cli [options] URL|NAME=URL ...\n"
        "  ssescope-cli stats CAPTURE            statistics of a saved capture\n"
        "  ssescope-cli compare NAME=URL ...     routes side by side: streaming, buffered or\n"
        "  ssescope-cli compare CAPTURE          stalled (see ssescope-cli compare --help)\n"
        "  ssescope-cli convert IN OUT           convert between jsonl, csv and sse captures (or "
        "to har)\n"
        "                                        (\"-\" is standard input or output, JSON "
        "Lines)\n"
        "\n"
        "Standard input takes commands: \"restart\" reconnects every stream (sending\n"
        "Last-Event-ID), \"quit\" exits. The end of standard input is not a command.\n"
        "\n"
        "Exit codes: 0 every stream ended normally or was stopped (limits, a signal,\n"
        "quit); 1 a stream failed (any status but 200, 204 included; a wrong content\n"
        "type; gave up after errors); 2 usage error; 3 input or output error;\n"
        "4 an expectation (--expect-*) failed, which outranks 1.");
}

bool parseOrHelp(
    QCommandLineParser &parser, const QStringList &arguments, ParsedCommandLine *result)
{
    if (!parser.parse(arguments)) {
        result->error = parser.errorText();
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        result->command = ParsedCommandLine::Command::Help;
        result->helpText = parser.helpText();
        return false;
    }
    return true;
}

TextOption columnOption()
{
    return TextOption({ u"column"_s },
        QCoreApplication::translate("CliOptions",
            "Add a CSV column: the value at a JSON Pointer in each event's data, NAME=POINTER "
            "(repeatable)."),
        u"name=pointer"_s);
}

CliOptionError readColumns(
    const QStringList &specs, CaptureFormat output, QList<JsonColumn> *columns)
{
    if (!specs.isEmpty() && output != CaptureFormat::Csv)
        return CliOptionError(CliOptionError::tr("--column is for CSV output (--format csv)"));
    for (const QString &spec : specs) {
        QString error;
        const auto column = JsonColumn::parse(spec, &error);
        if (!column)
            return CliOptionError(CliOptionError::tr("--column %1: %2").arg(spec, error));
        columns->append(*column);
    }
    return {};
}

std::optional<CaptureFormat> formatFromPath(const QString &path)
{
    return path == u"-" ? CaptureFormat::JsonLines : captureFormatFromPath(path);
}

ChoiceOption<CaptureFormat> captureFormatOption(const QStringList &names, const QString &help)
{
    return ChoiceOption<CaptureFormat>(names, help, u"format"_s, captureFormatFromName,
        QT_TRANSLATE_NOOP("CliOptions", "unknown format \"%1\": use jsonl, csv or sse"));
}

CliOptionError unknownCaptureFormat(const QString &capture)
{
    return CliOptionError(CliOptionError::tr("cannot tell the format of \"%1\": name it .jsonl, "
                                             ".csv or .sse, or pass --format")
                              .arg(capture));
}

void parseRun(QStringList arguments, ParsedCommandLine *result)
{
    const RunOptionTable table;
    if (const CliOptionError error
        = takeStatsInterval(table.stats, &arguments, &result->run.statsIntervalS)) {
        result->error = error.message();
        return;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(runDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"url"_s,
        QCoreApplication::translate("CliOptions", "Stream URLs, each optionally NAME=URL."),
        u"URL|NAME=URL..."_s);
    parser.addOptions(table.all());
    if (!parseOrHelp(parser, arguments, result))
        return;
    if (parser.isSet(u"version"_s)) {
        result->command = ParsedCommandLine::Command::Version;
        return;
    }
    result->error = readRun(table, parser, &result->run).message();
}

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    ParsedCommandLine result;
    const QString subcommand = arguments.value(1);
    if (subcommand == u"compare")
        parseCompare(arguments, &result);
    else if (subcommand == u"convert" || subcommand == u"stats")
        parseCaptureCommand(arguments, &result);
    else
        parseRun(arguments, &result);
    return result;
}

} // namespace ssescope::cli
