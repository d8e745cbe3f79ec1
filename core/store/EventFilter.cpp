#include "EventFilter.h"

#include "core/store/EventStore.h"

#include <QCoreApplication>
#include <QLatin1StringView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

bool EventFilter::operator==(const EventFilter &other) const
{
    return streams == other.streams && type == other.type && text == other.text
        && regex == other.regex && caseSensitive == other.caseSensitive && pointer == other.pointer;
}

EventMatcher::EventMatcher(const EventFilter &filter)
    : m_filter(filter)
    , m_needle(filter.text.toUtf8())
    , m_acceptsAll(filter.isEmpty())
{
    m_needleIsAscii
        = std::all_of(m_needle.cbegin(), m_needle.cend(), [](char c) { return uchar(c) < 0x80; });
    if (!filter.pointer.isEmpty() && !filter.text.isEmpty()) {
        m_column.emplace(JsonColumn { QString(), filter.pointer });
        if (!m_column->isValid())
            m_error = JsonColumn { u"-"_s, filter.pointer }.validate();
    }
    if (filter.regex && !filter.text.isEmpty()) {
        // Only ever lowers PCRE2's own limit; a limit in the user's pattern
        // that follows it can lower it further, never raise it.
        m_regex.setPattern(u"(*LIMIT_MATCH=%1)"_s.arg(kRegexMatchLimit) + filter.text);
        m_regex.setPatternOptions(filter.caseSensitive ? QRegularExpression::NoPatternOption
                                                       : QRegularExpression::CaseInsensitiveOption);
        if (!m_regex.isValid()) {
            m_error = QCoreApplication::translate("EventFilter", "Invalid regular expression: %1")
                          .arg(m_regex.errorString());
        } else {
            m_regex.optimize();
        }
    }
}

EventMatcher::Result EventMatcher::match(
    const StoredEventView &event, QByteArrayView typeName) const
{
    if (m_acceptsAll)
        return Result::Match;
    if (!m_filter.streams.isEmpty() && !m_filter.streams.contains(event.stream))
        return Result::NoMatch;
    if (!m_filter.type.isEmpty() && typeName != QByteArrayView(m_filter.type))
        return Result::NoMatch;
    if (m_filter.text.isEmpty())
        return Result::Match;
    if (m_column)
        return matchData(m_column->valueIn(event.data));
    return matchData(event.data);
}

EventMatcher::Result EventMatcher::matchData(QByteArrayView data) const
{
    const auto result = [](bool found) {
        return found ? Result::Match : Result::NoMatch;
    };
    if (!m_error.isEmpty())
        return Result::NoMatch;
    if (m_filter.regex) {
        const QRegularExpressionMatch found = m_regex.match(QString::fromUtf8(data));
        // An invalid match of a valid pattern is PCRE2 giving up: the budget.
        if (!found.isValid())
            return Result::TooSlow;
        return result(found.hasMatch());
    }
    if (m_filter.caseSensitive)
        return result(data.contains(m_needle));
    if (m_needleIsAscii) {
        // ASCII folding on the raw bytes: bytes of multi-byte UTF-8 sequences
        // are >= 0x80 and never equal an ASCII needle byte.
        return result(QLatin1StringView(data.data(), data.size())
                          .contains(QLatin1StringView(m_needle), Qt::CaseInsensitive));
    }
    return result(QString::fromUtf8(data).contains(m_filter.text, Qt::CaseInsensitive));
}

} // namespace ssescope
