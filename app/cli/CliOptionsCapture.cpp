// "ssescope-cli stats" and "ssescope-cli convert": saved captures.
#include "app/cli/CliOptionsCommands.h"

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

struct CaptureOptionTable final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CaptureOptionTable();

    ChoiceOption<CaptureFormat> format; // stats
    TextOption tokens; // stats
    ChoiceOption<CaptureFormat> from; // convert
    ChoiceOption<CaptureFormat> to;
    TextOption column; // convert, to CSV
};

CaptureOptionTable::CaptureOptionTable()
    : format(captureFormatOption({ u"f"_s, u"format"_s },
        tr("Capture format: jsonl, csv or sse (default: from the file name).")))
    , tokens({ u"tokens"_s },
          tr("Measure every stream as an LLM token stream: openai, anthropic, /POINTER or "
             "TYPE:/POINTER."),
          u"delta"_s)
    , from(captureFormatOption({ u"from"_s }, tr("Input format (default: from the file name).")))
    , to(captureFormatOption(
          { u"to"_s }, tr("Output format (default: from the file name); har writes HAR 1.2.")))
    , column(columnOption())
{ }

CliOptionError readStats(
    const CaptureOptionTable &table, const QCommandLineParser &parser, StatsOptions *stats)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return CliOptionError(CliOptionError::tr("stats takes one capture file"));
    stats->input = positional.first();
    if (const CliOptionError error = table.format.read(parser, &stats->format))
        return error;
    if (table.tokens.isSet(parser)) {
        QString error;
        const auto tokens = TokenStreamConfig::fromSpec(table.tokens.value(parser), &error);
        if (!tokens)
            return CliOptionError(CliOptionError::tr("--tokens: %1").arg(error));
        stats->tokens = *tokens;
    }
    if (!stats->format)
        stats->format = formatFromPath(stats->input);
    return stats->format ? CliOptionError() : unknownCaptureFormat(stats->input);
}

CliOptionError readConvert(
    const CaptureOptionTable &table, const QCommandLineParser &parser, ConvertOptions *convert)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return CliOptionError(CliOptionError::tr("convert takes an input and an output file"));
    convert->input = positional.at(0);
    convert->output = positional.at(1);
    for (const CliOptionError &error :
        { table.from.read(parser, &convert->from), table.to.read(parser, &convert->to) }) {
        if (error)
            return error;
    }
    if (!convert->from)
        convert->from = formatFromPath(convert->input);
    if (!convert->to)
        convert->to = formatFromPath(convert->output);
    if (!convert->from || !convert->to)
        return CliOptionError(CliOptionError::tr(
            "cannot tell a capture format from the file names: use .jsonl, .csv or .sse, or "
            "--from and --to"));
    if (*convert->from == CaptureFormat::Har)
        return CliOptionError(CliOptionError::tr(
            "HAR is written, not read: convert from a .jsonl, .csv or .sse capture"));
    return readColumns(table.column.values(parser), *convert->to, &convert->columns);
}

} // namespace

void parseCaptureCommand(QStringList arguments, ParsedCommandLine *result)
{
    const bool stats = arguments.value(1) == u"stats";
    const CaptureOptionTable table;
    QCommandLineParser parser;
    parser.setApplicationDescription(runDescription());
    parser.addHelpOption();
    parser.addOptions(
        { table.format.option(), table.tokens.option(), table.from.option(), table.to.option() });
    if (!stats)
        parser.addOption(table.column.option());
    arguments.removeAt(1);
    if (!parseOrHelp(parser, arguments, result))
        return;
    result->command
        = stats ? ParsedCommandLine::Command::Stats : ParsedCommandLine::Command::Convert;
    const CliOptionError error = stats ? readStats(table, parser, &result->stats)
                                       : readConvert(table, parser, &result->convert);
    result->error = error.message();
}

} // namespace ssescope::cli
