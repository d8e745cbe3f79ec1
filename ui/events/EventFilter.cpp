#include "EventFilter.h"

#include "store/EventStore.h"

#include <QCoreApplication>
#include <QLatin1StringView>

#include <algorithm>

namespace ssescope::ui {

bool EventFilter::operator==(const EventFilter &other) const
{
    return streams == other.streams && type == other.type && text == other.text
        && regex == other.regex && caseSensitive == other.caseSensitive;
}

EventMatcher::EventMatcher(const EventFilter &filter)
    : m_filter(filter)
    , m_needle(filter.text.toUtf8())
    , m_acceptsAll(filter.isEmpty())
{
    m_needleIsAscii = std::all_of(
        m_needle.cbegin(), m_needle.cend(), [](char c) { return uchar(c) < 0x80; });
    if (filter.regex && !filter.text.isEmpty()) {
        m_regex.setPattern(filter.text);
        m_regex.setPatternOptions(filter.caseSensitive
                ? QRegularExpression::NoPatternOption
                : QRegularExpression::CaseInsensitiveOption);
        if (!m_regex.isValid()) {
            m_error = QCoreApplication::translate("EventFilter", "Invalid regular expression: %1")
                          .arg(m_regex.errorString());
        } else {
            m_regex.optimize();
        }
    }
}

bool EventMatcher::matches(const StoredEvent &event, QByteArrayView typeName) const
{
    if (m_acceptsAll)
        return true;
    if (!m_filter.streams.isEmpty() && !m_filter.streams.contains(event.stream))
        return false;
    if (!m_filter.type.isEmpty() && typeName != QByteArrayView(m_filter.type))
        return false;
    return m_filter.text.isEmpty() || matchesData(event.data);
}

bool EventMatcher::matchesData(QByteArrayView data) const
{
    if (!m_error.isEmpty())
        return false;
    if (m_filter.regex)
        return m_regex.match(QString::fromUtf8(data)).hasMatch();
    if (m_filter.caseSensitive)
        return data.contains(m_needle);
    if (m_needleIsAscii) {
        // ASCII folding on the raw bytes: bytes of multi-byte UTF-8 sequences
        // are >= 0x80 and never equal an ASCII needle byte.
        return QLatin1StringView(data.data(), data.size())
            .contains(QLatin1StringView(m_needle), Qt::CaseInsensitive);
    }
    return QString::fromUtf8(data).contains(m_filter.text, Qt::CaseInsensitive);
}

} // namespace ssescope::ui
