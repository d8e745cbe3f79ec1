#pragma once

// The parsers of each ssescope-cli command, behind parseCommandLine().

#include "app/cli/CliOptions.h"
#include "app/cli/CliOptionsTable.h"

#include <QCommandLineParser>
#include <QStringList>

namespace ssescope::cli {

// "ssescope-cli [options] URL|NAME=URL ...": record live streams.
void parseRun(QStringList arguments, ParsedCommandLine *result);
// "ssescope-cli compare ...": routes side by side, from a capture or live.
void parseCompare(QStringList arguments, ParsedCommandLine *result);
// "ssescope-cli stats CAPTURE" and "ssescope-cli convert IN OUT".
void parseCaptureCommand(QStringList arguments, ParsedCommandLine *result);

// The run's description, which stats and convert share as their --help.
QString runDescription();

// Runs the parser; false when there is nothing more to read: a usage error
// (result->error) or --help (result->command and helpText).
bool parseOrHelp(
    QCommandLineParser &parser, const QStringList &arguments, ParsedCommandLine *result);

// The format of a capture file's name; "-", standard input or output, has no
// name to tell: the CLI's own default, JSON Lines.
std::optional<CaptureFormat> formatFromPath(const QString &path);

// --format, --from, --to of a capture: the one refusal they share.
ChoiceOption<CaptureFormat> captureFormatOption(const QStringList &names, const QString &help);

// "cannot tell the format of CAPTURE ..."
CliOptionError unknownCaptureFormat(const QString &capture);
// --column NAME=POINTER (repeatable): custom columns, CSV output only.
TextOption columnOption();
CliOptionError readColumns(
    const QStringList &specs, CaptureFormat output, QList<JsonColumn> *columns);

} // namespace ssescope::cli
