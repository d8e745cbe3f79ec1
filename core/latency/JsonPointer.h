#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace ssescope {

// RFC 6901 JSON Pointer evaluated by scanning the text, without building a
// document: the latency extractor runs it on every event of a stream.
class JsonPointer final
{
public:
    // Empty optional with *error set if the pointer is malformed.
    static std::optional<JsonPointer> parse(QByteArrayView pointer, QString *error);

    // The value at the pointer: a number's text, or a string's unescaped
    // content. Empty optional if absent, not a scalar, or the JSON is broken.
    std::optional<QByteArray> scalarIn(QByteArrayView json) const;
    // The string at the pointer, unescaped; nothing for any other value (null too).
    std::optional<QByteArray> stringIn(QByteArrayView json) const;
    // As scalarIn(), but an object or array is given as its JSON text (what
    // a table column shows). Empty optional if absent or the JSON is broken.
    std::optional<QByteArray> valueIn(QByteArrayView json) const;

private:
    bool walk(void *scanner) const; // the anonymous Scanner, kept out of this header
    QList<QByteArray> m_tokens;
};

} // namespace ssescope
