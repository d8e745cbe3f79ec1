#pragma once

#include "core/latency/JsonPointer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace ssescope {

// A stream whose events carry pieces of an LLM's reply ("deltas"): where the
// text is (a JSON Pointer) and, optionally, which event type carries it.
// Empty pointer: not a token stream.
struct TokenStreamConfig
{
    QByteArray pointer; // RFC 6901, e.g. /choices/0/delta/content
    QByteArray eventType; // only events of this type are tokens; empty = any

    bool isEnabled() const { return !pointer.isEmpty(); }
    bool operator==(const TokenStreamConfig &other) const
    {
        return pointer == other.pointer && eventType == other.eventType;
    }
    bool operator!=(const TokenStreamConfig &other) const { return !(*this == other); }

    static TokenStreamConfig openAi();
    static TokenStreamConfig anthropic();
    // "openai", "anthropic", "/POINTER" or "TYPE:/POINTER" (the --tokens
    // option, the dialog's field); "none" or empty turns it off.
    static std::optional<TokenStreamConfig> fromSpec(QStringView spec, QString *error);
    QString toSpec() const; // the inverse of fromSpec: a preset's name when it is one

    QJsonObject toJson() const;
    static std::optional<TokenStreamConfig> fromJson(const QJsonObject &json, QString *error);

    Q_DECLARE_TR_FUNCTIONS(TokenStreamConfig)
};

// Reads the text delta out of an event. A "token" is one event that carries a
// non-empty delta, as AIPerf-style tools count without a tokenizer.
class TokenDeltaReader final
{
public:
    explicit TokenDeltaReader(const TokenStreamConfig &config = {});
    bool isEnabled() const { return m_pointer.has_value(); }
    // The delta's text (unescaped), or nothing when the event is not a token:
    // another type, no such field, or an empty string.
    std::optional<QByteArray> delta(QByteArrayView type, QByteArrayView data) const;

private:
    QByteArray m_eventType;
    std::optional<JsonPointer> m_pointer;
};

} // namespace ssescope
