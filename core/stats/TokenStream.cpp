#include "TokenStream.h"

using namespace Qt::StringLiterals;

namespace ssescope {

TokenStreamConfig TokenStreamConfig::openAi()
{
    return { QByteArrayLiteral("/choices/0/delta/content"), QByteArray() };
}

TokenStreamConfig TokenStreamConfig::anthropic()
{
    return { QByteArrayLiteral("/delta/text"), QByteArrayLiteral("content_block_delta") };
}

std::optional<TokenStreamConfig> TokenStreamConfig::fromSpec(QStringView spec, QString *error)
{
    const QStringView trimmed = spec.trimmed();
    if (trimmed.isEmpty() || trimmed == u"none")
        return TokenStreamConfig {};
    if (trimmed.compare(u"openai", Qt::CaseInsensitive) == 0)
        return openAi();
    if (trimmed.compare(u"anthropic", Qt::CaseInsensitive) == 0)
        return anthropic();
    TokenStreamConfig config;
    QStringView pointer = trimmed;
    if (!trimmed.startsWith(u'/')) {
        const qsizetype split = trimmed.indexOf(u":/");
        if (split <= 0) {
            if (error)
                *error = tr("\"%1\" is not a token stream: give openai, anthropic, a JSON "
                            "Pointer such as /choices/0/delta/content, or TYPE:/POINTER.")
                             .arg(trimmed);
            return std::nullopt;
        }
        config.eventType = trimmed.first(split).toUtf8();
        pointer = trimmed.sliced(split + 1);
    }
    config.pointer = pointer.toUtf8();
    if (!JsonPointer::parse(config.pointer, error))
        return std::nullopt;
    return config;
}

QString TokenStreamConfig::toSpec() const
{
    if (!isEnabled())
        return u"none"_s;
    if (*this == openAi())
        return u"openai"_s;
    if (*this == anthropic())
        return u"anthropic"_s;
    const QString text = QString::fromUtf8(pointer);
    return eventType.isEmpty() ? text : QString::fromUtf8(eventType) + u':' + text;
}

QJsonObject TokenStreamConfig::toJson() const
{
    return QJsonObject {
        { u"pointer"_s, QString::fromUtf8(pointer) },
        { u"eventType"_s, QString::fromUtf8(eventType) },
    };
}

std::optional<TokenStreamConfig> TokenStreamConfig::fromJson(
    const QJsonObject &json, QString *error)
{
    TokenStreamConfig config;
    config.pointer = json.value(u"pointer"_s).toString().toUtf8();
    config.eventType = json.value(u"eventType"_s).toString().toUtf8();
    if (config.isEnabled() && !JsonPointer::parse(config.pointer, error))
        return std::nullopt;
    return config;
}

TokenDeltaReader::TokenDeltaReader(const TokenStreamConfig &config)
    : m_eventType(config.eventType)
{
    if (config.isEnabled())
        m_pointer = JsonPointer::parse(config.pointer, nullptr);
}

std::optional<QByteArray> TokenDeltaReader::delta(QByteArrayView type, QByteArrayView data) const
{
    if (!m_pointer || (!m_eventType.isEmpty() && type != m_eventType))
        return std::nullopt;
    // A cheap refusal first: a delta is JSON, and "[DONE]" and the like are not.
    if (data.isEmpty() || (data.front() != '{' && data.front() != '['))
        return std::nullopt;
    std::optional<QByteArray> text = m_pointer->stringIn(data);
    if (!text || text->isEmpty())
        return std::nullopt;
    return text;
}

} // namespace ssescope
