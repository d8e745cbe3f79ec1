#include "JsonColumn.h"

#include <QCoreApplication>

namespace ssescope {

QString JsonColumn::validate() const
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("JsonColumn", "A column needs a name.");
    QString error;
    if (!JsonPointer::parse(pointer.toUtf8(), &error))
        return error;
    return {};
}

std::optional<JsonColumn> JsonColumn::parse(const QString &spec, QString *error)
{
    const qsizetype equals = spec.indexOf(u'=');
    if (equals <= 0) {
        if (error)
            *error = QCoreApplication::translate(
                "JsonColumn", "A column is NAME=POINTER, as in content=/choices/0/delta/content.");
        return std::nullopt;
    }
    JsonColumn column { spec.first(equals).trimmed(), spec.sliced(equals + 1).trimmed() };
    const QString why = column.validate();
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    return column;
}

JsonColumnReader::JsonColumnReader(const JsonColumn &column)
    : m_pointer(JsonPointer::parse(column.pointer.toUtf8(), nullptr))
{ }

QByteArray JsonColumnReader::valueIn(QByteArrayView data) const
{
    if (!m_pointer)
        return {};
    return m_pointer->valueIn(data).value_or(QByteArray());
}

} // namespace ssescope
