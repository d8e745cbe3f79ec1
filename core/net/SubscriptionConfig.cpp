#include "SubscriptionConfig.h"

#include "core/common/QuotedInput.h"
#include "core/net/ProxyChoice.h"

#include <QCoreApplication>
#include <QFile>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#endif
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

bool breaksHeaderLine(QByteArrayView text)
{
    return text.contains('\r') || text.contains('\n') || text.contains('\0');
}

// Control characters shown as escapes, so that a message cannot break a line either.
QString visible(QByteArrayView text)
{
    QString out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            out += u"\\x%1"_s.arg(byte, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(c);
    }
    return quotedInput(out);
}

} // namespace

QString policyName(ReconnectPolicyKind kind)
{
    return kind == ReconnectPolicyKind::Strict ? u"strict"_s : u"resilient"_s;
}

std::optional<ReconnectPolicyKind> policyFromName(QStringView name)
{
    if (name == u"strict")
        return ReconnectPolicyKind::Strict;
    if (name == u"resilient")
        return ReconnectPolicyKind::Resilient;
    return std::nullopt;
}

QString bodyFormatName(BodyFormat format)
{
    return format == BodyFormat::Ndjson ? u"ndjson"_s : u"sse"_s;
}

std::optional<BodyFormat> bodyFormatFromName(QStringView name)
{
    if (name == u"sse")
        return BodyFormat::Sse;
    if (name == u"ndjson")
        return BodyFormat::Ndjson;
    return std::nullopt;
}

QJsonObject SubscriptionConfig::toJson() const
{
    QJsonArray headerArray;
    for (const auto &[key, value] : headers)
        headerArray.append(QJsonArray { QString::fromUtf8(key), QString::fromUtf8(value) });
    QJsonArray secretArray;
    for (const QByteArray &secret : secretHeaders)
        secretArray.append(QString::fromUtf8(secret));
    return QJsonObject {
        { u"name"_s, name },
        // Fully encoded: the default decodes "%20" in a query to a space, which
        // fromJson's strict parsing then refuses (found by fuzz_workspace).
        { u"url"_s, url.toString(QUrl::FullyEncoded) },
        { u"method"_s, QString::fromLatin1(method) },
        { u"headers"_s, headerArray },
        { u"secretHeaders"_s, secretArray },
        { u"body"_s, QString::fromUtf8(body) },
        { u"lastEventId"_s, QString::fromUtf8(lastEventId) },
        { u"reconnect"_s,
            QJsonObject {
                { u"policy"_s, policyName(reconnect.kind) },
                { u"initialRetryMs"_s, reconnect.initialRetryMs },
                { u"maxBackoffMs"_s, reconnect.maxBackoffMs },
                { u"maxAttempts"_s, reconnect.maxAttempts },
                { u"reconnect"_s, reconnect.reconnect },
            } },
        { u"connectTimeoutMs"_s, connectTimeoutMs },
        { u"headersTimeoutMs"_s, headersTimeoutMs },
        { u"idleTimeoutMs"_s, idleTimeoutMs },
        { u"maxRedirects"_s, maxRedirects },
        { u"allowCompression"_s, allowCompression },
        { u"ignoreTlsErrors"_s, ignoreTlsErrors },
        { u"caFile"_s, caFile },
        { u"proxy"_s, proxy },
        { u"http2PriorKnowledge"_s, http2PriorKnowledge },
        { u"readBufferBytes"_s, readBufferBytes },
        { u"maxEventBytes"_s, maxEventBytes },
        { u"latency"_s, latency.toJson() },
        { u"tokens"_s, tokens.toJson() },
        { u"bodyFormat"_s, bodyFormatName(bodyFormat) },
        { u"acceptAnyContentType"_s, acceptAnyContentType },
        { u"errorEventType"_s, QString::fromUtf8(errorEventType) },
        { u"errorJsonType"_s, QString::fromUtf8(errorJsonType) },
        { u"terminal"_s, QString::fromUtf8(terminal) },
    };
}

std::optional<SubscriptionConfig> SubscriptionConfig::fromJson(
    const QJsonObject &json, QString *error)
{
    SubscriptionConfig config;
    const SubscriptionConfig defaults;
    config.name = json.value(u"name"_s).toString();
    config.url = QUrl(json.value(u"url"_s).toString(), QUrl::StrictMode);
    config.method = json.value(u"method"_s).toString(u"GET"_s).toLatin1();
    const QJsonArray headerArray = json.value(u"headers"_s).toArray();
    for (const QJsonValue &entry : headerArray) {
        const QJsonArray pair = entry.toArray();
        if (pair.size() != 2 || !pair.at(0).isString()) {
            if (error)
                *error = tr("Each header must be a [name, value] pair of strings.");
            return std::nullopt;
        }
        config.headers.append({ pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8() });
    }
    for (const QJsonValue &secret : json.value(u"secretHeaders"_s).toArray()) {
        if (!secret.isString()) {
            if (error)
                *error = tr("Each secret header must be a header name.");
            return std::nullopt;
        }
        config.secretHeaders.append(secret.toString().toUtf8());
    }
    config.body = json.value(u"body"_s).toString().toUtf8();
    config.lastEventId = json.value(u"lastEventId"_s).toString().toUtf8();
    const QJsonObject reconnectJson = json.value(u"reconnect"_s).toObject();
    const auto policy = policyFromName(reconnectJson.value(u"policy"_s).toString(u"resilient"_s));
    if (!policy) {
        if (error)
            *error = tr("Reconnection policy must be \"strict\" or \"resilient\".");
        return std::nullopt;
    }
    config.reconnect.kind = *policy;
    const auto integer = [](const QJsonObject &object, const QString &key, qint64 fallback) {
        const QJsonValue value = object.value(key);
        if (!value.isDouble())
            return fallback;
        // Clamped before the cast: a double beyond qint64 is undefined behaviour
        // to convert (fuzz_workspace: "maxRedirects": 3.9e106); the checks
        // below then refuse it as out of range.
        return static_cast<qint64>(std::clamp(value.toDouble(), -9.0e18, 9.0e18));
    };
    config.reconnect.initialRetryMs
        = integer(reconnectJson, u"initialRetryMs"_s, defaults.reconnect.initialRetryMs);
    config.reconnect.maxBackoffMs
        = integer(reconnectJson, u"maxBackoffMs"_s, defaults.reconnect.maxBackoffMs);
    config.reconnect.maxAttempts = static_cast<int>(
        integer(reconnectJson, u"maxAttempts"_s, defaults.reconnect.maxAttempts));
    config.reconnect.reconnect = reconnectJson.value(u"reconnect"_s).toBool(true);
    config.connectTimeoutMs = integer(json, u"connectTimeoutMs"_s, defaults.connectTimeoutMs);
    config.headersTimeoutMs = integer(json, u"headersTimeoutMs"_s, defaults.headersTimeoutMs);
    config.idleTimeoutMs = integer(json, u"idleTimeoutMs"_s, defaults.idleTimeoutMs);
    config.maxRedirects = static_cast<int>(integer(json, u"maxRedirects"_s, defaults.maxRedirects));
    config.allowCompression = json.value(u"allowCompression"_s).toBool(false);
    config.ignoreTlsErrors = json.value(u"ignoreTlsErrors"_s).toBool(false);
    config.caFile = json.value(u"caFile"_s).toString();
    config.proxy = json.value(u"proxy"_s).toString();
    config.http2PriorKnowledge = json.value(u"http2PriorKnowledge"_s).toBool(false);
    config.readBufferBytes = integer(json, u"readBufferBytes"_s, defaults.readBufferBytes);
    config.maxEventBytes = integer(json, u"maxEventBytes"_s, defaults.maxEventBytes);
    config.errorEventType = json.value(u"errorEventType"_s)
                                .toString(QString::fromUtf8(defaults.errorEventType))
                                .toUtf8();
    config.errorJsonType = json.value(u"errorJsonType"_s)
                               .toString(QString::fromUtf8(defaults.errorJsonType))
                               .toUtf8();
    config.terminal = json.value(u"terminal"_s).toString().toUtf8();
    if (json.contains(u"latency"_s)) {
        const auto latency = LatencyConfig::fromJson(json.value(u"latency"_s).toObject(), error);
        if (!latency)
            return std::nullopt;
        config.latency = *latency;
    }
    if (json.contains(u"tokens"_s)) {
        const auto tokens = TokenStreamConfig::fromJson(json.value(u"tokens"_s).toObject(), error);
        if (!tokens)
            return std::nullopt;
        config.tokens = *tokens;
    }
    const auto format = bodyFormatFromName(json.value(u"bodyFormat"_s).toString(u"sse"_s));
    if (!format) {
        if (error)
            *error = tr("The body format must be \"sse\" or \"ndjson\".");
        return std::nullopt;
    }
    config.bodyFormat = *format;
    config.acceptAnyContentType = json.value(u"acceptAnyContentType"_s).toBool(false);

    const QString invalid = config.validationError();
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalid;
        return std::nullopt;
    }
    return config;
}

// What is wrong with the URL, named with the text the user typed: an invalid
// QUrl prints as "", so every message would begin with `""`.
QString urlProblem(const QUrl &url)
{
    if (url.isEmpty())
        return QCoreApplication::translate("SubscriptionConfig", "No URL was given.");
    // An invalid QUrl prints as "": Qt says "REASON; source was \"TEXT\";
    // scheme = ..." and keeps TEXT nowhere else.
    const QString detail = url.isValid() ? QString() : url.errorString();
    const qsizetype sourceAt = detail.indexOf(u"; source was \""_s);
    QString typed;
    if (url.isValid()) {
        typed = url.toString(QUrl::FullyDecoded);
    } else if (sourceAt >= 0) {
        const qsizetype start = sourceAt + 14;
        const qsizetype end = detail.indexOf(u"\";"_s, start);
        typed = detail.mid(start, end < 0 ? -1 : end - start);
    }
    // A pasted curl command, given where a URL goes: said so, and not quoted,
    // since its -u and -H carry credentials.
    if (typed.trimmed().startsWith(u"curl ", Qt::CaseInsensitive))
        return QCoreApplication::translate("SubscriptionConfig",
            "That is a curl command, not a URL: give the URL alone here, or paste the command "
            "into the subscribe dialog's URL field, which reads curl commands.");
    if (!url.isValid()) {
        const QString reason = (sourceAt < 0 ? detail : detail.left(sourceAt)).trimmed();
        if (sourceAt >= 0) {
            // TEXT is the URL whole, password included: hidden by hand, as
            // for a proxy setting QUrl refused.
            const QString source = ProxyChoice::redacted(typed);
            // Qt reads a '/', '?' or '#' in a password as the end of the
            // authority, and then the password as a port.
            const QString hint = source.contains(u'@') && reason.contains(u"port"_s)
                ? QCoreApplication::translate("SubscriptionConfig",
                    " (a password holding '/', '?' or '#' must be percent-encoded)")
                : QString();
            return QCoreApplication::translate(
                "SubscriptionConfig", "\"%1\" is not a valid URL: %2%3.")
                .arg(quotedInput(source), reason, hint);
        }
        return QCoreApplication::translate("SubscriptionConfig", "The URL is not valid: %1.")
            .arg(reason);
    }
    // Without user info, and by hand too: "http:/u:pass@h" has no authority,
    // so QUrl keeps the password in the path.
    const QString text = ProxyChoice::redacted(url.toString(QUrl::RemoveUserInfo));
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty())
        return QCoreApplication::translate(
            "SubscriptionConfig", "\"%1\" has no scheme: begin it with http:// or https://.")
            .arg(quotedInput(text));
    if (scheme != u"http" && scheme != u"https")
        return QCoreApplication::translate("SubscriptionConfig",
            "Only http:// and https:// URLs can carry Server-Sent Events, not \"%1:\".")
            .arg(quotedInput(scheme));
    if (url.host().isEmpty())
        return QCoreApplication::translate(
            "SubscriptionConfig", "\"%1\" is not a valid URL: it names no host (%2://HOST/PATH).")
            .arg(quotedInput(text), quotedInput(scheme));
    return {};
}

QString SubscriptionConfig::headerLineError(QByteArrayView headerName, QByteArrayView value)
{
    if (breaksHeaderLine(headerName))
        return tr("\"%1\" is not a valid header name: it holds a line break or NUL character, "
                  "which HTTP headers cannot carry.")
            .arg(visible(headerName));
    if (breaksHeaderLine(value))
        return tr("The value of header \"%1\" contains a line break or NUL character, which "
                  "HTTP headers cannot carry.")
            .arg(visible(headerName));
    return {};
}

QString SubscriptionConfig::caFileProblem(const QString &path)
{
    if (path.isEmpty())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read the CA file %1: %2.").arg(path, file.errorString());
#if QT_CONFIG(ssl)
    if (QSslCertificate::fromDevice(&file, QSsl::Pem).isEmpty())
        return tr("The CA file %1 holds no PEM certificate.").arg(path);
    return {};
#else
    return tr("This build has no TLS support: the CA file %1 cannot be used.").arg(path);
#endif
}

QString SubscriptionConfig::validationError() const
{
    const QString urlError = urlProblem(url);
    if (!urlError.isEmpty())
        return urlError;
    if (method.isEmpty() || method.contains(' ') || breaksHeaderLine(method))
        return tr("\"%1\" is not a valid HTTP method.").arg(visible(method));
    for (const auto &[headerName, value] : headers) {
        if (const QString error = headerLineError(headerName, value); !error.isEmpty())
            return error;
        if (headerName.isEmpty() || headerName.contains(':') || headerName.contains(' ')
            || headerName.contains('\t'))
            return tr("\"%1\" is not a valid header name.").arg(visible(headerName));
    }
    if (const QString error = headerLineError("Last-Event-ID", lastEventId); !error.isEmpty())
        return error;
    if (const QString error = ProxyChoice::settingProblem(proxy); !error.isEmpty())
        return error;
    if (reconnect.maxAttempts < 0)
        return tr("The attempt limit cannot be negative.");
    if (maxEventBytes <= 0)
        return tr("The event size limit must be positive.");
    // QTimer takes an int of milliseconds; a larger value wraps negative and
    // switches the timer off.
    const std::pair<qint64, const char *> durations[] = {
        { reconnect.initialRetryMs,
            QT_TR_NOOP("The reconnection time must be from 0 to %1 ms (about 24.8 days).") },
        { reconnect.maxBackoffMs,
            QT_TR_NOOP("The backoff cap must be from 0 to %1 ms (about 24.8 days).") },
        { connectTimeoutMs,
            QT_TR_NOOP("The connect timeout must be from 0 to %1 ms (about 24.8 days).") },
        { headersTimeoutMs,
            QT_TR_NOOP("The headers timeout must be from 0 to %1 ms (about 24.8 days).") },
        { idleTimeoutMs,
            QT_TR_NOOP("The idle timeout must be from 0 to %1 ms (about 24.8 days).") },
    };
    for (const auto &[ms, sentence] : durations) {
        if (ms < 0 || ms > kMaxTimerMs)
            return tr(sentence).arg(kMaxTimerMs);
    }
    if (headersTimeoutMs == 0)
        return tr("The headers timeout must be at least 1 ms: the time to response headers is "
                  "always bounded.");
    // Workspaces are untrusted input: these made a stream that never showed an
    // event, a sentence about "-1 redirects", and a busy reconnection loop.
    if (readBufferBytes < 0)
        return tr("The read buffer size cannot be negative (0 means unbounded).");
    if (maxRedirects < 0)
        return tr("The redirect limit cannot be negative.");
    if (reconnect.maxBackoffMs < kMinBackoffCapMs)
        return tr("The reconnection backoff cap must be at least %1 ms, so that a dead host is "
                  "not retried in a busy loop.")
            .arg(kMinBackoffCapMs);
    return {};
}

bool SubscriptionConfig::isSecretHeader(QByteArrayView headerName) const
{
    static constexpr QByteArrayView kAlwaysSecret[]
        = { "authorization", "cookie", "proxy-authorization" };
    const auto same = [headerName](QByteArrayView other) {
        return headerName.compare(other, Qt::CaseInsensitive) == 0;
    };
    return std::any_of(std::begin(kAlwaysSecret), std::end(kAlwaysSecret), same)
        || std::any_of(secretHeaders.begin(), secretHeaders.end(), same);
}

QString SubscriptionConfig::displayName() const
{
    return name.isEmpty() ? displayUrl(url) : name;
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme().compare(u"https", Qt::CaseInsensitive) == 0 ? 443 : 80);
}

QString hostPort(const QUrl &url)
{
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return u"%1:%2"_s.arg(host).arg(effectivePort(url));
}

} // namespace ssescope
