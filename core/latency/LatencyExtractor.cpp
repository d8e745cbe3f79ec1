#include "LatencyExtractor.h"

#include <QCoreApplication>
#include <QtNumeric>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

QString sourceName(LatencySource source)
{
    switch (source) {
    case LatencySource::None:
        return u"none"_s;
    case LatencySource::JsonPointer:
        return u"json"_s;
    case LatencySource::Regex:
        return u"regex"_s;
    case LatencySource::EventId:
        return u"id"_s;
    case LatencySource::Auto:
        return u"auto"_s;
    }
    return u"none"_s;
}

QString unitName(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Auto:
        return u"auto"_s;
    case TimeUnit::Seconds:
        return u"s"_s;
    case TimeUnit::Milliseconds:
        return u"ms"_s;
    case TimeUnit::Microseconds:
        return u"us"_s;
    case TimeUnit::Nanoseconds:
        return u"ns"_s;
    }
    return u"auto"_s;
}

bool validate(const LatencyConfig &config, QString *error)
{
    if (config.source == LatencySource::JsonPointer)
        return JsonPointer::parse(config.expression.toUtf8(), error).has_value();
    if (config.source == LatencySource::Regex) {
        const QRegularExpression regex(config.expression);
        if (!regex.isValid()) {
            if (error)
                *error = QCoreApplication::translate(
                    "LatencyConfig", "Invalid regular expression \"%1\": %2")
                             .arg(config.expression, regex.errorString());
            return false;
        }
    }
    return true;
}

} // namespace

QJsonObject LatencyConfig::toJson() const
{
    return QJsonObject {
        { u"source"_s, sourceName(source) },
        { u"expression"_s, expression },
        { u"unit"_s, unitName(unit) },
        { u"clockOffsetMs"_s, clockOffsetMs },
    };
}

std::optional<LatencyConfig> LatencyConfig::fromJson(const QJsonObject &json, QString *error)
{
    LatencyConfig config;
    const QString source = json.value(u"source"_s).toString(u"none"_s);
    if (source == u"json")
        config.source = LatencySource::JsonPointer;
    else if (source == u"regex")
        config.source = LatencySource::Regex;
    else if (source == u"id")
        config.source = LatencySource::EventId;
    else if (source == u"auto")
        config.source = LatencySource::Auto;
    else if (source != u"none") {
        if (error)
            *error = QCoreApplication::translate(
                "LatencyConfig", "Latency source must be none, auto, json, regex or id.");
        return std::nullopt;
    }
    config.expression = json.value(u"expression"_s).toString();
    const auto unit = timeUnitFromName(json.value(u"unit"_s).toString(u"auto"_s).toUtf8());
    if (!unit) {
        if (error)
            *error = QCoreApplication::translate(
                "LatencyConfig", "Time unit must be auto, s, ms, us or ns.");
        return std::nullopt;
    }
    config.unit = *unit;
    config.clockOffsetMs = json.value(u"clockOffsetMs"_s).toDouble(0);
    if (!validate(config, error))
        return std::nullopt;
    return config;
}

std::optional<LatencyConfig> LatencyConfig::fromSpec(const QString &spec, QString *error)
{
    LatencyConfig config;
    if (spec == u"none")
        return config;
    if (spec == u"id") {
        config.source = LatencySource::EventId;
    } else if (spec == u"auto") {
        config.source = LatencySource::Auto;
    } else if (spec.startsWith(u"json:"_s)) {
        config.source = LatencySource::JsonPointer;
        config.expression = spec.mid(5);
    } else if (spec.startsWith(u"regex:"_s)) {
        config.source = LatencySource::Regex;
        config.expression = spec.mid(6);
    } else {
        if (error)
            *error = QCoreApplication::translate("LatencyConfig",
                "Latency source \"%1\" must be json:POINTER, regex:PATTERN, id, auto or none.")
                         .arg(spec);
        return std::nullopt;
    }
    if (!validate(config, error))
        return std::nullopt;
    return config;
}

QString LatencyConfig::toSpec() const
{
    switch (source) {
    case LatencySource::JsonPointer:
        return u"json:"_s + expression;
    case LatencySource::Regex:
        return u"regex:"_s + expression;
    case LatencySource::None:
    case LatencySource::EventId:
    case LatencySource::Auto:
        break;
    }
    return sourceName(source);
}

LatencyExtractor::LatencyExtractor(const LatencyConfig &config)
    : m_config(config)
{
    if (config.source == LatencySource::JsonPointer)
        m_pointer = JsonPointer::parse(config.expression.toUtf8(), nullptr);
    else if (config.source == LatencySource::Regex)
        m_regex = QRegularExpression(config.expression);
}

std::optional<qint64> LatencyExtractor::sendTimeNs(QByteArrayView id, QByteArrayView data) const
{
    switch (m_config.source) {
    case LatencySource::None:
    case LatencySource::Auto:
        return std::nullopt;
    case LatencySource::EventId:
        return epochNsFromText(id, m_config.unit);
    case LatencySource::JsonPointer: {
        if (!m_pointer)
            return std::nullopt;
        const auto value = m_pointer->scalarIn(data);
        return value ? epochNsFromText(*value, m_config.unit) : std::nullopt;
    }
    case LatencySource::Regex: {
        if (!m_regex.isValid())
            return std::nullopt;
        const QRegularExpressionMatch match = m_regex.match(QString::fromUtf8(data));
        if (!match.hasMatch())
            return std::nullopt;
        const QString captured = m_regex.namedCaptureGroups().contains(u"ts"_s)
            ? match.captured(u"ts"_s)
            : match.captured(m_regex.captureCount() >= 1 ? 1 : 0);
        return epochNsFromText(captured.toUtf8(), m_config.unit);
    }
    }
    return std::nullopt;
}

std::optional<double> LatencyExtractor::latencyMs(
    QByteArrayView id, QByteArrayView data, qint64 arrivalWallNs)
{
    if (!isEnabled())
        return std::nullopt;
    const auto sent = sendTimeNs(id, data);
    qint64 deltaNs = 0;
    // A send time in 1678 is a valid time, but its distance to now is not a
    // 64-bit number of nanoseconds.
    if (!sent || qSubOverflow(arrivalWallNs, *sent, &deltaNs)) {
        ++m_misses;
        return std::nullopt;
    }
    ++m_hits;
    return double(deltaNs) / 1e6 + m_config.clockOffsetMs;
}

} // namespace ssescope
