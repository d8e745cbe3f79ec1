// "ssescope-cli compare": its options and their checks.
#include "app/cli/CliOptionsCommands.h"
#include "app/cli/CliRequestOptions.h"

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

struct CompareOptionTable final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CompareOptionTable();
    QList<QCommandLineOption> all() const;

    CliRequestOptions request;
    NumberOption duration;
    TextOption csv;
    ChoiceOption<CaptureFormat> format;
};

CompareOptionTable::CompareOptionTable()
    : duration({ u"duration"_s },
        tr("Live: watch the routes for S seconds, then report (default 10, more than 0)."), u"s"_s,
        NumberOption::Measure::PositiveSeconds, kMaxSeconds)
    , csv({ u"csv"_s },
          tr("Also write the figures as CSV to FILE; \"-\": on standard output, instead of the "
             "report."),
          u"file"_s)
    , format(captureFormatOption({ u"f"_s, u"format"_s },
          tr("Capture format: jsonl, csv or sse (default: from the file name; \"-\" is standard "
             "input, JSON Lines).")))
{ }

QList<QCommandLineOption> CompareOptionTable::all() const
{
    return request.all()
        + QList<QCommandLineOption> { duration.option(), csv.option(), format.option() };
}

QString compareDescription()
{
    return QCoreApplication::translate("CliOptions",
        "Compare routes to the same events side by side (say, direct and through\n"
        "a proxy), and say of each whether it is streaming, buffered or stalled.\n"
        "\n"
        "  ssescope-cli compare [options] NAME=URL|URL ...   live, for --duration seconds\n"
        "  ssescope-cli compare [--format F] CAPTURE          a saved capture, each stream a "
        "route\n"
        "\n"
        "Standard output: one line per route, in the order given (a capture's: in the\n"
        "order its streams first appear), \"NAME: VERDICT: explanation\", where VERDICT\n"
        "is streaming, buffered, stalled or inconclusive; then a blank line and a\n"
        "table of figures (times in ms). With --csv -, the figures as CSV instead.\n"
        "\n"
        "Exit codes: 0 the comparison ran, whatever the verdicts; 2 usage error;\n"
        "3 the capture cannot be read (or has corrupt records), or an output cannot\n"
        "be written.");
}

// A capture is one argument that is no URL: a URL always says its scheme.
bool isCaptureArgument(const QStringList &positional)
{
    return positional.size() == 1 && !positional.first().contains(u"://"_s);
}

CliOptionError readCapture(
    const CompareOptionTable &table, const QCommandLineParser &parser, CompareOptions *options)
{
    // Options for requests or their duration have nothing to act on:
    // saying so beats a comparison that silently ignored them.
    QString live = table.request.firstSet(parser);
    if (live.isEmpty() && table.duration.isSet(parser))
        live = table.duration.spelling();
    if (!live.isEmpty())
        return CliOptionError(
            CliOptionError::tr("%1 applies to live routes, not to a capture").arg(live));
    options->capture = parser.positionalArguments().first();
    if (const CliOptionError error = table.format.read(parser, &options->format))
        return error;
    if (!options->format)
        options->format = formatFromPath(options->capture);
    return options->format ? CliOptionError() : unknownCaptureFormat(options->capture);
}

CliOptionError readLive(
    const CompareOptionTable &table, const QCommandLineParser &parser, CompareOptions *options)
{
    if (table.format.isSet(parser))
        return CliOptionError(
            CliOptionError::tr("--format applies to a capture, not to live routes"));
    SubscriptionConfig base;
    if (const CliOptionError error = table.request.apply(parser, &base, &options->latency))
        return error;
    if (const CliOptionError error
        = parseStreamArguments(parser.positionalArguments(), base, &options->subscriptions))
        return error;
    // Bounded, and above 0: a comparison that watched nothing says nothing.
    return table.duration.read(parser, &options->durationS);
}

} // namespace

void parseCompare(QStringList arguments, ParsedCommandLine *result)
{
    result->command = ParsedCommandLine::Command::Compare;
    const CompareOptionTable table;
    QCommandLineParser parser;
    parser.setApplicationDescription(compareDescription());
    parser.addHelpOption();
    parser.addPositionalArgument(u"route"_s,
        QCoreApplication::translate(
            "CliOptions", "Live routes, each URL or NAME=URL; or one capture file."),
        u"NAME=URL...|CAPTURE"_s);
    parser.addOptions(table.all());
    arguments.removeAt(1);
    if (!parseOrHelp(parser, arguments, result))
        return;
    CompareOptions &options = result->compare;
    options.csv = table.csv.value(parser);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result->error
            = CliOptionError::tr("compare takes routes (NAME=URL ...) or one capture file");
        return;
    }
    const CliOptionError error = isCaptureArgument(positional)
        ? readCapture(table, parser, &options)
        : readLive(table, parser, &options);
    result->error = error.message();
}

} // namespace ssescope::cli
