#include "SubscriptionConfig.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ssescope {

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

QJsonObject SubscriptionConfig::toJson() const
{
    QJsonArray headerArray;
    for (const auto &[key, value] : headers)
        headerArray.append(QJsonArray { QString::fromUtf8(key), QString::fromUtf8(value) });
    return QJsonObject {
        { u"name"_s, name },
        { u"url"_s, url.toString() },
        { u"method"_s, QString::fromLatin1(method) },
        { u"headers"_s, headerArray },
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
        { u"idleTimeoutMs"_s, idleTimeoutMs },
        { u"maxRedirects"_s, maxRedirects },
        { u"allowCompression"_s, allowCompression },
        { u"ignoreTlsErrors"_s, ignoreTlsErrors },
        { u"http2PriorKnowledge"_s, http2PriorKnowledge },
        { u"readBufferBytes"_s, readBufferBytes },
        { u"maxEventBytes"_s, maxEventBytes },
        { u"latency"_s, latency.toJson() },
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
                *error = u"Each header must be a [name, value] pair of strings."_s;
            return std::nullopt;
        }
        config.headers.append({ pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8() });
    }
    config.body = json.value(u"body"_s).toString().toUtf8();
    config.lastEventId = json.value(u"lastEventId"_s).toString().toUtf8();
    const QJsonObject reconnectJson = json.value(u"reconnect"_s).toObject();
    const auto policy = policyFromName(reconnectJson.value(u"policy"_s).toString(u"resilient"_s));
    if (!policy) {
        if (error)
            *error = u"Reconnection policy must be \"strict\" or \"resilient\"."_s;
        return std::nullopt;
    }
    config.reconnect.kind = *policy;
    const auto integer = [](const QJsonObject &object, const QString &key, qint64 fallback) {
        const QJsonValue value = object.value(key);
        return value.isDouble() ? static_cast<qint64>(value.toDouble()) : fallback;
    };
    config.reconnect.initialRetryMs
        = integer(reconnectJson, u"initialRetryMs"_s, defaults.reconnect.initialRetryMs);
    config.reconnect.maxBackoffMs
        = integer(reconnectJson, u"maxBackoffMs"_s, defaults.reconnect.maxBackoffMs);
    config.reconnect.maxAttempts = static_cast<int>(
        integer(reconnectJson, u"maxAttempts"_s, defaults.reconnect.maxAttempts));
    config.reconnect.reconnect = reconnectJson.value(u"reconnect"_s).toBool(true);
    config.connectTimeoutMs = integer(json, u"connectTimeoutMs"_s, defaults.connectTimeoutMs);
    config.idleTimeoutMs = integer(json, u"idleTimeoutMs"_s, defaults.idleTimeoutMs);
    config.maxRedirects = static_cast<int>(integer(json, u"maxRedirects"_s, defaults.maxRedirects));
    config.allowCompression = json.value(u"allowCompression"_s).toBool(false);
    config.ignoreTlsErrors = json.value(u"ignoreTlsErrors"_s).toBool(false);
    config.http2PriorKnowledge = json.value(u"http2PriorKnowledge"_s).toBool(false);
    config.readBufferBytes = integer(json, u"readBufferBytes"_s, defaults.readBufferBytes);
    config.maxEventBytes = integer(json, u"maxEventBytes"_s, defaults.maxEventBytes);
    if (json.contains(u"latency"_s)) {
        const auto latency = LatencyConfig::fromJson(json.value(u"latency"_s).toObject(), error);
        if (!latency)
            return std::nullopt;
        config.latency = *latency;
    }

    const QString invalid = config.validationError();
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalid;
        return std::nullopt;
    }
    return config;
}

QString SubscriptionConfig::validationError() const
{
    if (!url.isValid() || url.host().isEmpty())
        return u"\"%1\" is not a valid URL: %2"_s.arg(
            url.toString(), url.errorString().isEmpty() ? u"it has no host"_s : url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return u"Only http:// and https:// URLs can carry Server-Sent Events, not \"%1:\"."_s.arg(
            scheme);
    if (method.isEmpty() || method.contains(' '))
        return u"\"%1\" is not a valid HTTP method."_s.arg(QString::fromLatin1(method));
    if (reconnect.initialRetryMs < 0 || reconnect.maxBackoffMs < 0 || reconnect.maxAttempts < 0)
        return u"Reconnection delays and attempt limits cannot be negative."_s;
    if (maxEventBytes <= 0)
        return u"The event size limit must be positive."_s;
    if (connectTimeoutMs < 0 || idleTimeoutMs < 0)
        return u"Timeouts cannot be negative."_s;
    return {};
}

QString SubscriptionConfig::displayName() const
{
    return name.isEmpty() ? url.toDisplayString() : name;
}

} // namespace ssescope
