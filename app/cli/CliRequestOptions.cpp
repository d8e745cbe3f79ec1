#include "CliRequestOptions.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CliOptions", text);
}

// A header line ends at CR or LF: either would let a value add headers.
bool hasLineBreakOrNul(QStringView text)
{
    return text.contains(u'\r') || text.contains(u'\n') || text.contains(QChar(0));
}

} // namespace

QString parseNumberOption(const QCommandLineParser &parser, const QCommandLineOption &option,
    double *out, double maximum, const QString &unit)
{
    if (!parser.isSet(option))
        return {};
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || !(value >= 0 && value <= maximum)) // NaN fails too
        return u"--%1 needs a number of %2 from 0 to %3, not \"%4\""_s.arg(
            option.names().last(), unit, QString::number(maximum, 'f', 0), parser.value(option));
    *out = value;
    return {};
}

CliRequestOptions::CliRequestOptions()
    : header(
        { u"H"_s, u"header"_s }, tr("Request header \"Name: value\" (repeatable)."), u"header"_s)
    , method(
          { u"X"_s, u"method"_s }, tr("HTTP method (default GET; POST with a body)."), u"method"_s)
    , data({ u"d"_s, u"data"_s }, tr("Request body."), u"body"_s)
    , dataFile(u"data-file"_s, tr("Read the request body from a file."), u"file"_s)
    , lastEventId(u"last-event-id"_s, tr("Initial Last-Event-ID."), u"id"_s)
    , policy(u"policy"_s, tr("Reconnection policy: strict or resilient (default)."), u"policy"_s)
    , retry(u"retry"_s, tr("Initial reconnection delay in ms (default 3000)."), u"ms"_s)
    , maxAttempts(u"max-attempts"_s, tr("Give up after N failed attempts in a row."), u"n"_s)
    , readTimeout(u"read-timeout"_s, tr("Reconnect when no bytes arrive for S seconds."), u"s"_s)
    , connectTimeout(
          u"connect-timeout"_s, tr("Seconds to wait for response headers (default 15)."), u"s"_s)
    , insecure(u"insecure"_s, tr("Do not verify TLS certificates."))
    , compressed(
          u"compressed"_s, tr("Accept compressed responses (proxies may then hold events back)."))
    , latency(u"latency"_s,
          tr("Send time in events: json:/POINTER, regex:PATTERN, id, auto (a time field found "
             "in the first events) or none (default)."),
          u"source"_s)
    , latencyUnit(u"latency-unit"_s,
          tr("Unit of numeric send times: auto (default), s, ms, us, ns."), u"unit"_s)
    , clockOffset(
          u"clock-offset"_s, tr("How far the sender's clock runs ahead of ours, in ms."), u"ms"_s)
    , noReconnect(u"no-reconnect"_s, tr("A stream that ends stays ended."))
{ }

QList<QCommandLineOption> CliRequestOptions::all() const
{
    return { header, method, data, dataFile, lastEventId, policy, retry, maxAttempts, readTimeout,
        connectTimeout, insecure, compressed, latency, latencyUnit, clockOffset, noReconnect };
}

QString CliRequestOptions::firstSet(const QCommandLineParser &parser) const
{
    for (const QCommandLineOption &option : all()) {
        if (parser.isSet(option))
            return u"--"_s + option.names().last();
    }
    return {};
}

QString CliRequestOptions::apply(
    const QCommandLineParser &parser, SubscriptionConfig *base, LatencyConfig *latencyOut) const
{
    for (const QString &h : parser.values(header)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0)
            return tr("header \"%1\" must look like \"Name: value\"").arg(h);
        if (hasLineBreakOrNul(h))
            return u"-H: header %1 holds a line break or NUL, which no header can carry"_s.arg(
                QString::number(base->headers.size() + 1));
        base->headers.append(
            { h.left(colon).trimmed().toUtf8(), h.mid(colon + 1).trimmed().toUtf8() });
    }
    if (parser.isSet(data))
        base->body = parser.value(data).toUtf8();
    if (parser.isSet(dataFile)) {
        QFile file(parser.value(dataFile));
        if (!file.open(QIODevice::ReadOnly))
            return tr("cannot read --data-file %1: %2").arg(file.fileName(), file.errorString());
        base->body = file.readAll();
    }
    base->method = parser.isSet(method)
        ? parser.value(method).toUpper().toLatin1()
        : (base->body.isEmpty() ? QByteArray("GET") : QByteArray("POST"));
    if (hasLineBreakOrNul(parser.value(lastEventId)))
        return u"--last-event-id holds a line break or NUL, which no header can carry"_s;
    base->lastEventId = parser.value(lastEventId).toUtf8();
    if (parser.isSet(policy)) {
        const auto kind = policyFromName(parser.value(policy));
        if (!kind)
            return u"--policy must be strict or resilient"_s;
        base->reconnect.kind = *kind;
    }
    double retryMs = double(base->reconnect.initialRetryMs), attempts = 0, idle = 0,
           connect = double(base->connectTimeoutMs) / 1000, offset = 0;
    const QString seconds = u"seconds"_s;
    for (QString error :
        { parseNumberOption(parser, retry, &retryMs, double(INT_MAX), u"milliseconds"_s),
            parseNumberOption(parser, maxAttempts, &attempts, double(INT_MAX), u"attempts"_s),
            parseNumberOption(parser, readTimeout, &idle, kMaxSeconds, seconds),
            parseNumberOption(parser, connectTimeout, &connect, kMaxSeconds, seconds) }) {
        if (!error.isEmpty())
            return error;
    }
    if (parser.isSet(clockOffset)) {
        bool ok = false;
        offset = parser.value(clockOffset).toDouble(&ok);
        if (!ok)
            return u"--clock-offset needs a number of milliseconds"_s;
    }
    base->reconnect.initialRetryMs = qint64(retryMs);
    base->reconnect.maxAttempts = int(attempts);
    base->reconnect.reconnect = !parser.isSet(noReconnect);
    base->idleTimeoutMs = qint64(idle * 1000);
    base->connectTimeoutMs = qint64(connect * 1000);
    base->ignoreTlsErrors = parser.isSet(insecure);
    base->allowCompression = parser.isSet(compressed);

    if (parser.isSet(latency)) {
        QString error;
        const auto config = LatencyConfig::fromSpec(parser.value(latency), &error);
        if (!config)
            return error;
        *latencyOut = *config;
    }
    if (parser.isSet(latencyUnit)) {
        const auto unit = timeUnitFromName(parser.value(latencyUnit).toUtf8());
        if (!unit)
            return u"--latency-unit must be auto, s, ms, us or ns"_s;
        latencyOut->unit = *unit;
    }
    latencyOut->clockOffsetMs = offset;
    return {};
}

QString parseStreamArguments(
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
            return invalid;
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
