#include "CliRequestOptions.h"

#include "core/net/ProxyChoice.h"

#include <QFile>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

using Measure = NumberOption::Measure;

std::optional<ReconnectPolicyKind> policyNamed(const QString &name)
{
    return policyFromName(name);
}

std::optional<TimeUnit> unitNamed(const QString &name)
{
    return timeUnitFromName(name.toUtf8());
}

} // namespace

CliRequestOptions::CliRequestOptions()
    : header(
        { u"H"_s, u"header"_s }, tr("Request header \"Name: value\" (repeatable)."), u"header"_s)
    , method(
          { u"X"_s, u"method"_s }, tr("HTTP method (default GET; POST with a body)."), u"method"_s)
    , data({ u"d"_s, u"data"_s }, tr("Request body."), u"body"_s)
    , dataFile({ u"data-file"_s }, tr("Read the request body from a file."), u"file"_s)
    , lastEventId({ u"last-event-id"_s }, tr("Initial Last-Event-ID."), u"id"_s)
    , policy({ u"policy"_s }, tr("Reconnection policy: strict or resilient (default)."),
          u"policy"_s, policyNamed,
          QT_TRANSLATE_NOOP("CliOptions", "--policy must be strict or resilient, not \"%1\""))
    , retry({ u"retry"_s }, tr("Initial reconnection delay in ms (default 3000)."), u"ms"_s,
          Measure::Milliseconds, double(INT_MAX))
    , maxAttempts({ u"max-attempts"_s }, tr("Give up after N failed attempts in a row."), u"n"_s,
          Measure::Attempts, double(INT_MAX))
    , readTimeout({ u"read-timeout"_s }, tr("Reconnect when no bytes arrive for S seconds."),
          u"s"_s, Measure::Seconds, kMaxSeconds)
    , connectTimeout({ u"connect-timeout"_s },
          tr("Seconds to wait for response headers (default 15)."), u"s"_s, Measure::Seconds,
          kMaxSeconds)
    , insecure({ u"insecure"_s }, tr("Do not verify TLS certificates."))
    , caCert({ u"cacert"_s },
          tr("Also trust the PEM certificates in this file for https (a private CA)."), u"file"_s)
    , proxy({ u"proxy"_s },
          tr("Proxy for these streams, loopback included: http://[USER:PASSWORD@]HOST:PORT, or "
             "none. Default: http_proxy, https_proxy and no_proxy (never for loopback)."),
          u"url"_s)
    , compressed({ u"compressed"_s },
          tr("Accept compressed responses (proxies may then hold events back)."))
    , latency({ u"latency"_s },
          tr("Send time in events: json:/POINTER, regex:PATTERN, id, auto (a time field found "
             "in the first events) or none (default)."),
          u"source"_s)
    , latencyUnit({ u"latency-unit"_s },
          tr("Unit of numeric send times: auto (default), s, ms, us, ns."), u"unit"_s, unitNamed,
          QT_TRANSLATE_NOOP(
              "CliOptions", "--latency-unit must be auto, s, ms, us or ns, not \"%1\""))
    , clockOffset({ u"clock-offset"_s },
          tr("How far the sender's clock runs ahead of ours, in ms."), u"ms"_s,
          Measure::SignedMilliseconds)
    , noReconnect({ u"no-reconnect"_s }, tr("A stream that ends stays ended."))
    , tokens({ u"tokens"_s },
          tr("An LLM token stream: openai, anthropic, a JSON Pointer to the text delta, or "
             "TYPE:/POINTER (time to first token, inter-token gaps, tokens/s)."),
          u"delta"_s)
    , ndjson({ u"ndjson"_s }, tr("The body is newline-delimited JSON: one event per line."))
    , anyContentType({ u"any-content-type"_s },
          tr("Read the body whatever its Content-Type (e.g. application/octet-stream)."))
    , errorEvent({ u"error-event"_s },
          tr("Event type that says the stream failed (end \"error-event\"; default error, "
             "\"\" for none)."),
          u"type"_s)
    , errorJsonType({ u"error-json-type"_s },
          tr("JSON data whose \"type\" is this says the stream failed (default error, \"\" for "
             "none)."),
          u"value"_s)
    , terminal({ u"terminal"_s },
          tr("The last event of a complete response, as data, event type or JSON \"type\" (e.g. "
             "[DONE], message_stop): a close without it ends \"no-terminal\"."),
          u"marker"_s)
{ }

QList<const CliOption *> CliRequestOptions::rows() const
{
    return { &header, &method, &data, &dataFile, &lastEventId, &policy, &retry, &maxAttempts,
        &readTimeout, &connectTimeout, &insecure, &caCert, &proxy, &compressed, &latency,
        &latencyUnit, &clockOffset, &noReconnect, &tokens, &ndjson, &anyContentType, &errorEvent,
        &errorJsonType, &terminal };
}

QList<QCommandLineOption> CliRequestOptions::all() const
{
    QList<QCommandLineOption> options;
    for (const CliOption *row : rows())
        options.append(row->option());
    return options;
}

QString CliRequestOptions::firstSet(const QCommandLineParser &parser) const
{
    for (const CliOption *row : rows()) {
        if (row->isSet(parser))
            return row->spelling();
    }
    return {};
}

CliOptionError CliRequestOptions::apply(
    const QCommandLineParser &parser, SubscriptionConfig *base, LatencyConfig *latencyOut) const
{
    for (const CliOptionError &error : { applyHeaders(parser, base), applyBody(parser, base) }) {
        if (error)
            return error;
    }
    // A body changes the default method, so the method follows it.
    base->method = method.isSet(parser)
        ? method.value(parser).toUpper().toLatin1()
        : (base->body.isEmpty() ? QByteArray("GET") : QByteArray("POST"));
    if (const CliOptionError error = applyReconnection(parser, base))
        return error;
    base->ignoreTlsErrors = insecure.value(parser);
    base->caFile = caCert.value(parser);
    if (const QString problem = SubscriptionConfig::caFileProblem(base->caFile); !problem.isEmpty())
        return CliOptionError(problem);
    base->proxy = proxy.value(parser);
    if (const QString problem = ProxyChoice::settingProblem(base->proxy); !problem.isEmpty())
        return CliOptionError(problem);
    base->allowCompression = compressed.value(parser);
    if (const CliOptionError error = applyBodyKind(parser, base))
        return error;
    if (errorEvent.isSet(parser))
        base->errorEventType = errorEvent.value(parser).toUtf8();
    if (errorJsonType.isSet(parser))
        base->errorJsonType = errorJsonType.value(parser).toUtf8();
    if (terminal.isSet(parser))
        base->terminal = terminal.value(parser).toUtf8();
    return applyLatency(parser, latencyOut);
}

CliOptionError CliRequestOptions::applyBodyKind(
    const QCommandLineParser &parser, SubscriptionConfig *base) const
{
    if (tokens.isSet(parser)) {
        QString error;
        const auto config = TokenStreamConfig::fromSpec(tokens.value(parser), &error);
        if (!config)
            return CliOptionError(tr("--tokens: %1").arg(error));
        base->tokens = *config;
    }
    if (ndjson.value(parser))
        base->bodyFormat = BodyFormat::Ndjson;
    base->acceptAnyContentType = anyContentType.value(parser);
    return {};
}

CliOptionError CliRequestOptions::applyHeaders(
    const QCommandLineParser &parser, SubscriptionConfig *base) const
{
    for (const QString &h : header.values(parser)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0)
            return CliOptionError(tr("header \"%1\" must look like \"Name: value\"").arg(h));
        // Checked before trimming: a trailing CR is a line break too.
        const QString lineError = SubscriptionConfig::headerLineError(
            h.left(colon).toUtf8(), h.mid(colon + 1).toUtf8());
        if (!lineError.isEmpty())
            return CliOptionError(lineError);
        base->headers.append(
            { h.left(colon).trimmed().toUtf8(), h.mid(colon + 1).trimmed().toUtf8() });
    }
    const QByteArray id = lastEventId.value(parser).toUtf8();
    if (!SubscriptionConfig::headerLineError("Last-Event-ID", id).isEmpty())
        return CliOptionError(
            tr("--last-event-id holds a line break or NUL, which no header can carry"));
    base->lastEventId = id;
    return {};
}

CliOptionError CliRequestOptions::applyBody(
    const QCommandLineParser &parser, SubscriptionConfig *base) const
{
    if (data.isSet(parser))
        base->body = data.value(parser).toUtf8();
    if (dataFile.isSet(parser)) {
        QFile file(dataFile.value(parser));
        if (!file.open(QIODevice::ReadOnly))
            return CliOptionError(
                tr("cannot read --data-file %1: %2").arg(file.fileName(), file.errorString()));
        base->body = file.readAll();
    }
    return {};
}

CliOptionError CliRequestOptions::applyReconnection(
    const QCommandLineParser &parser, SubscriptionConfig *base) const
{
    std::optional<ReconnectPolicyKind> kind = base->reconnect.kind;
    double retryMs = double(base->reconnect.initialRetryMs), attempts = 0, idle = 0,
           connect = double(base->connectTimeoutMs) / 1000;
    for (const CliOptionError &error : { policy.read(parser, &kind), retry.read(parser, &retryMs),
             maxAttempts.read(parser, &attempts), readTimeout.read(parser, &idle),
             connectTimeout.read(parser, &connect) }) {
        if (error)
            return error;
    }
    base->reconnect.kind = *kind;
    base->reconnect.initialRetryMs = qint64(retryMs);
    base->reconnect.maxAttempts = int(attempts);
    base->reconnect.reconnect = !noReconnect.value(parser);
    base->idleTimeoutMs = qint64(idle * 1000);
    base->connectTimeoutMs = qint64(connect * 1000);
    return {};
}

CliOptionError CliRequestOptions::applyLatency(
    const QCommandLineParser &parser, LatencyConfig *latencyOut) const
{
    double offset = 0;
    if (const CliOptionError error = clockOffset.read(parser, &offset))
        return error;
    if (latency.isSet(parser)) {
        QString error;
        const auto config = LatencyConfig::fromSpec(latency.value(parser), &error);
        if (!config)
            return CliOptionError(error);
        *latencyOut = *config;
    }
    std::optional<TimeUnit> unit = latencyOut->unit;
    if (const CliOptionError error = latencyUnit.read(parser, &unit))
        return error;
    latencyOut->unit = *unit;
    latencyOut->clockOffsetMs = offset;
    return {};
}

CliOptionError parseStreamArguments(
    const QStringList &arguments, const SubscriptionConfig &base, QList<SubscriptionConfig> *out)
{
    QSet<QString> names;
    for (const QString &arg : arguments) {
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
            return CliOptionError(invalid);
        QString unique = config.name;
        for (int n = 2; names.contains(unique); ++n)
            unique = config.name + u'#' + QString::number(n);
        config.name = unique;
        names.insert(unique);
        out->append(config);
    }
    return {};
}

} // namespace ssescope::cli
