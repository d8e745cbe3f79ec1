#include "CliOptions.h"

#include "metrics/MetricsServer.h"

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
  ssescope-cli convert IN OUT           convert between jsonl, csv and sse captures
                                        ("-" is standard input or output, JSON Lines)

Standard input takes commands: "restart" reconnects every stream (sending
Last-Event-ID), "quit" exits. The end of standard input is not a command.

Exit codes: 0 every stream ended normally or was stopped (limits, a signal,
quit); 1 a stream failed (any status but 200, 204 included; a wrong content
type; gave up after errors); 2 usage error; 3 input or output error.)"_s;

// Timers count int milliseconds; beyond that Qt switches them off.
constexpr double kMaxSeconds = double(INT_MAX / 1000);

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

// A header line ends at CR or LF: either would let a value add headers.
bool hasLineBreakOrNul(QStringView text)
{
    return text.contains(u'\r') || text.contains(u'\n') || text.contains(QChar(0));
}

} // namespace

ParsedCommandLine parseCommandLine(const QStringList &argumentsIn)
{
    ParsedCommandLine result;
    QStringList arguments = argumentsIn;
    const QString subcommand = arguments.value(1);
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
    const QCommandLineOption header({ u"H"_s, u"header"_s },
        QCoreApplication::translate("CliOptions", "Request header \"Name: value\" (repeatable)."),
        u"header"_s);
    const QCommandLineOption method({ u"X"_s, u"method"_s },
        QCoreApplication::translate("CliOptions", "HTTP method (default GET; POST with a body)."),
        u"method"_s);
    const QCommandLineOption data({ u"d"_s, u"data"_s },
        QCoreApplication::translate("CliOptions", "Request body."), u"body"_s);
    const QCommandLineOption dataFile(u"data-file"_s,
        QCoreApplication::translate("CliOptions", "Read the request body from a file."), u"file"_s);
    const QCommandLineOption lastEventId(u"last-event-id"_s,
        QCoreApplication::translate("CliOptions", "Initial Last-Event-ID."), u"id"_s);
    const QCommandLineOption policy(u"policy"_s,
        QCoreApplication::translate(
            "CliOptions", "Reconnection policy: strict or resilient (default)."),
        u"policy"_s);
    const QCommandLineOption retry(u"retry"_s,
        QCoreApplication::translate(
            "CliOptions", "Initial reconnection delay in ms (default 3000)."),
        u"ms"_s);
    const QCommandLineOption maxAttempts(u"max-attempts"_s,
        QCoreApplication::translate("CliOptions", "Give up after N failed attempts in a row."),
        u"n"_s);
    const QCommandLineOption readTimeout(u"read-timeout"_s,
        QCoreApplication::translate("CliOptions", "Reconnect when no bytes arrive for S seconds."),
        u"s"_s);
    const QCommandLineOption connectTimeout(u"connect-timeout"_s,
        QCoreApplication::translate(
            "CliOptions", "Seconds to wait for response headers (default 15)."),
        u"s"_s);
    const QCommandLineOption insecure(u"insecure"_s,
        QCoreApplication::translate("CliOptions", "Do not verify TLS certificates."));
    const QCommandLineOption compressed(u"compressed"_s,
        QCoreApplication::translate(
            "CliOptions", "Accept compressed responses (proxies may then hold events back)."));
    const QCommandLineOption latency(u"latency"_s,
        QCoreApplication::translate(
            "CliOptions",
            "Send time in events: json:/POINTER, regex:PATTERN, id, auto (a time field "
            "found in the first events) or none (default)."),
        u"source"_s);
    const QCommandLineOption latencyUnit(u"latency-unit"_s,
        QCoreApplication::translate(
            "CliOptions", "Unit of numeric send times: auto (default), s, ms, us, ns."),
        u"unit"_s);
    const QCommandLineOption clockOffset(u"clock-offset"_s,
        QCoreApplication::translate(
            "CliOptions", "How far the sender's clock runs ahead of ours, in ms."),
        u"ms"_s);
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
    const QCommandLineOption noReconnect(u"no-reconnect"_s,
        QCoreApplication::translate("CliOptions", "A stream that ends stays ended."));
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
    parser.addOptions(
        { header, method, data, dataFile, lastEventId, policy, retry, maxAttempts, readTimeout,
            connectTimeout, insecure, compressed, latency, latencyUnit, clockOffset, output, format,
            comments, statsHelp, maxEvents, duration, noReconnect, metrics, metricsPublic, pair });
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
    for (const QString &h : parser.values(header)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0)
            return fail(QCoreApplication::translate(
                "CliOptions", "header \"%1\" must look like \"Name: value\"")
                            .arg(h));
        if (hasLineBreakOrNul(h))
            return fail(u"-H: header %1 holds a line break or NUL, which no header can carry"_s.arg(
                QString::number(base.headers.size() + 1)));
        base.headers.append(
            { h.left(colon).trimmed().toUtf8(), h.mid(colon + 1).trimmed().toUtf8() });
    }
    if (parser.isSet(data))
        base.body = parser.value(data).toUtf8();
    if (parser.isSet(dataFile)) {
        QFile file(parser.value(dataFile));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QCoreApplication::translate("CliOptions", "cannot read --data-file %1: %2")
                            .arg(file.fileName(), file.errorString()));
        base.body = file.readAll();
    }
    base.method = parser.isSet(method)
        ? parser.value(method).toUpper().toLatin1()
        : (base.body.isEmpty() ? QByteArray("GET") : QByteArray("POST"));
    if (hasLineBreakOrNul(parser.value(lastEventId)))
        return fail(u"--last-event-id holds a line break or NUL, which no header can carry"_s);
    base.lastEventId = parser.value(lastEventId).toUtf8();
    if (parser.isSet(policy)) {
        const auto kind = policyFromName(parser.value(policy));
        if (!kind)
            return fail(u"--policy must be strict or resilient"_s);
        base.reconnect.kind = *kind;
    }
    const auto number
        = [&](const QCommandLineOption &option, double *out, double maximum, const QString &unit) {
              if (!parser.isSet(option))
                  return true;
              bool ok = false;
              const double value = parser.value(option).toDouble(&ok);
              if (!ok || !(value >= 0 && value <= maximum)) { // NaN fails too
                  result.error = u"--%1 needs a number of %2 from 0 to %3, not \"%4\""_s.arg(
                      option.names().last(), unit, QString::number(maximum, 'f', 0),
                      parser.value(option));
                  return false;
              }
              *out = value;
              return true;
          };
    double retryMs = double(base.reconnect.initialRetryMs), attempts = 0, idle = 0,
           connect = double(base.connectTimeoutMs) / 1000, offset = 0, limit = 0;
    const QString seconds = u"seconds"_s;
    if (!number(retry, &retryMs, double(INT_MAX), u"milliseconds"_s)
        || !number(maxAttempts, &attempts, double(INT_MAX), u"attempts"_s)
        || !number(readTimeout, &idle, kMaxSeconds, seconds)
        || !number(connectTimeout, &connect, kMaxSeconds, seconds)
        || !number(maxEvents, &limit, 1e18, u"events"_s)
        || !number(duration, &result.run.durationS, kMaxSeconds, seconds))
        return result;
    if (parser.isSet(clockOffset)) {
        bool ok = false;
        offset = parser.value(clockOffset).toDouble(&ok);
        if (!ok)
            return fail(u"--clock-offset needs a number of milliseconds"_s);
    }
    base.reconnect.initialRetryMs = qint64(retryMs);
    base.reconnect.maxAttempts = int(attempts);
    base.reconnect.reconnect = !parser.isSet(noReconnect);
    base.idleTimeoutMs = qint64(idle * 1000);
    base.connectTimeoutMs = qint64(connect * 1000);
    base.ignoreTlsErrors = parser.isSet(insecure);
    base.allowCompression = parser.isSet(compressed);
    result.run.maxEvents = qint64(limit);

    if (parser.isSet(latency)) {
        QString error;
        const auto config = LatencyConfig::fromSpec(parser.value(latency), &error);
        if (!config)
            return fail(error);
        result.run.latency = *config;
    }
    if (parser.isSet(latencyUnit)) {
        const auto unit = timeUnitFromName(parser.value(latencyUnit).toUtf8());
        if (!unit)
            return fail(u"--latency-unit must be auto, s, ms, us or ns"_s);
        result.run.latency.unit = *unit;
    }
    result.run.latency.clockOffsetMs = offset;
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
    QSet<QString> names;
    for (const QString &arg : urls) {
        SubscriptionConfig config = base;
        const qsizetype eq = arg.indexOf(u'=');
        const qsizetype scheme = arg.indexOf(u"://"_s);
        if (eq > 0 && (scheme < 0 || eq < scheme)) {
            config.name = arg.left(eq);
            config.url = QUrl(arg.mid(eq + 1), QUrl::StrictMode);
        } else {
            config.url = QUrl(arg, QUrl::StrictMode);
        }
        if (config.name.isEmpty())
            config.name = config.url.host() + config.url.path();
        const QString invalid = config.validationError();
        if (!invalid.isEmpty())
            return fail(invalid);
        QString unique = config.name;
        for (int n = 2; names.contains(unique); ++n)
            unique = config.name + u'#' + QString::number(n);
        config.name = unique;
        names.insert(unique);
        result.run.subscriptions.append(config);
    }
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
