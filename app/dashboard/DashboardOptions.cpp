#include "DashboardOptions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

QString DashboardOptions::usage()
{
    return QCoreApplication::translate("DashboardOptions",
        "usage: ssescope [--help] [--version] [--demo] [--workspace FILE] [--open CAPTURE]\n"
        "                [--max-events N] [--max-memory MIB] [--latency SPEC] [--compressed]\n"
        "                [--tokens SPEC] [--ndjson] [--any-content-type]\n"
        "                [--compare] [URL | NAME=URL] ...\n"
        "--latency reads each URL's send time from json:/POINTER, regex:PATTERN, id, auto\n"
        "(the default: a time field found in the first events) or none.\n"
        "With no arguments SSE Scope starts its demo server on loopback and shows its streams.\n"
        "--compare opens the comparison view on the streams given (two or more), or on the\n"
        "streams of the capture given with --open.\n"
        "--compressed lets every URL given accept compressed responses.\n"
        "--tokens (openai, anthropic, /POINTER or TYPE:/POINTER) marks every URL given as an\n"
        "LLM token stream; --ndjson reads newline-delimited JSON; --any-content-type reads a\n"
        "body whatever its Content-Type.\n"
        "To record without a window, use ssescope-cli.\n");
}

std::optional<DashboardOptions> DashboardOptions::parse(
    const QStringList &arguments, QString *error)
{
    DashboardOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= arguments.size()) {
                *error = tr("%1 needs a value.").arg(arg);
                return std::nullopt;
            }
            return arguments.at(++i);
        };
        const auto number = [&](qint64 *out, qint64 limit) {
            const auto text = value();
            if (!text)
                return false;
            bool ok = false;
            *out = text->toLongLong(&ok);
            if (!ok || *out <= 0 || *out > limit) {
                *error = tr("%1 needs a number from 1 to %2, not \"%3\".")
                             .arg(arg)
                             .arg(limit)
                             .arg(*text);
                return false;
            }
            return true;
        };
        if (arg == u"--demo") {
            options.demo = true;
        } else if (arg == u"--compare") {
            options.compare = true;
        } else if (arg == u"--compressed") {
            options.compressed = true;
        } else if (arg == u"--ndjson") {
            options.ndjson = true;
        } else if (arg == u"--any-content-type") {
            options.anyContentType = true;
        } else if (arg == u"--tokens") {
            const auto spec = value();
            if (!spec)
                return std::nullopt;
            QString reason;
            const auto tokens = TokenStreamConfig::fromSpec(*spec, &reason);
            if (!tokens) {
                *error = tr("%1: %2").arg(arg, reason);
                return std::nullopt;
            }
            options.tokens = *tokens;
        } else if (arg == u"--workspace") {
            const auto path = value();
            if (!path)
                return std::nullopt;
            options.workspace = *path;
        } else if (arg == u"--open") {
            const auto path = value();
            if (!path)
                return std::nullopt;
            options.capture = *path;
        } else if (arg == u"--max-events") {
            if (!number(&options.maxEvents, 1'000'000'000))
                return std::nullopt;
        } else if (arg == u"--max-memory") {
            // MiB: up to 1 TiB, so the byte count cannot overflow.
            if (!number(&options.maxMemoryMiB, 1024 * 1024))
                return std::nullopt;
        } else if (arg == u"--latency") {
            const auto spec = value();
            if (!spec)
                return std::nullopt;
            // The same parser as ssescope-cli's --latency.
            QString reason;
            const auto latency = LatencyConfig::fromSpec(*spec, &reason);
            if (!latency) {
                *error = tr("%1: %2").arg(arg, reason);
                return std::nullopt;
            }
            options.latency = *latency;
        } else if (arg == u"-v" || arg == u"--version") {
            options.version = true;
        } else if (arg == u"-h" || arg == u"--help") {
            *error = QString();
            return std::nullopt;
        } else if (arg.startsWith(u'-')) {
            *error = tr("Unknown option %1.").arg(arg);
            return std::nullopt;
        } else {
            SubscriptionConfig config;
            QString url = arg;
            const qsizetype equals = arg.indexOf(u'=');
            const qsizetype scheme = arg.indexOf(u"://"_s);
            if (equals > 0 && (scheme < 0 || equals < scheme)) {
                config.name = arg.left(equals);
                url = arg.mid(equals + 1);
            }
            config.url = QUrl(url, QUrl::StrictMode);
            const QString invalid = config.validationError();
            if (!invalid.isEmpty()) {
                *error = invalid;
                return std::nullopt;
            }
            options.streams.append(config);
        }
    }
    // Wherever --latency or --compressed stood, they apply to every URL.
    for (SubscriptionConfig &config : options.streams) {
        config.latency = options.latency;
        config.allowCompression = options.compressed;
        config.tokens = options.tokens;
        config.bodyFormat = options.ndjson ? BodyFormat::Ndjson : BodyFormat::Sse;
        config.acceptAnyContentType = options.anyContentType;
    }
    return options;
}

} // namespace ssescope::ui
