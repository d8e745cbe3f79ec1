#pragma once

#include "core/latency/JsonPointer.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ssescope {

// A user-defined column of the event table, as Wireshark's custom columns:
// a name and an RFC 6901 JSON Pointer into each event's data. Saved in the
// workspace, written by CSV exports after the standard columns.
struct JsonColumn
{
    QString name;
    QString pointer; // "/choices/0/delta/content"

    bool operator==(const JsonColumn &other) const
    {
        return name == other.name && pointer == other.pointer;
    }
    // "NAME=POINTER" (the CLI's --column), or a sentence in *error.
    static std::optional<JsonColumn> parse(const QString &spec, QString *error);
    // Empty, or why the column cannot be used.
    QString validate() const;
};

// A column compiled once and read on many events.
class JsonColumnReader final
{
public:
    explicit JsonColumnReader(const JsonColumn &column);
    bool isValid() const { return m_pointer.has_value(); }
    // The value at the pointer: a string's text, a number or literal as
    // written, an object or array as its JSON text; empty when absent or
    // the data is not JSON.
    QByteArray valueIn(QByteArrayView data) const;

private:
    std::optional<JsonPointer> m_pointer;
};

} // namespace ssescope
