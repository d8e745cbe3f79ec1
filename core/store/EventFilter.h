#pragma once

#include "core/sse/SseEvent.h"
#include "core/store/JsonColumn.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QSet>
#include <QString>

namespace ssescope {

struct StoredEventView;

// What the event table shows: some streams, one type, text or a regular
// expression over the data. Empty fields accept everything.
struct EventFilter
{
    QSet<StreamId> streams;
    QByteArray type;
    QString text;
    bool regex = false;
    bool caseSensitive = false;
    // Non-empty: the text is looked for in the value at this JSON Pointer
    // (a custom column's) instead of the whole data.
    QString pointer;

    bool isEmpty() const { return streams.isEmpty() && type.isEmpty() && text.isEmpty(); }
    bool operator==(const EventFilter &other) const;
    bool operator!=(const EventFilter &other) const { return !(*this == other); }
};

// A filter compiled once and applied to many stored events. Plain ASCII text
// is matched on the UTF-8 bytes without decoding them, which keeps a scan of
// a million rows in the tens of milliseconds.
//
// A regular expression gets a work budget per row: QRegularExpression has no
// timeout, so the pattern is compiled with PCRE2's (*LIMIT_MATCH=...) and a
// row that needs more backtracking than that answers TooSlow in about a
// millisecond instead of running for seconds on (a+)+$ and the like.
class EventMatcher final
{
public:
    enum class Result { NoMatch, Match, TooSlow };
    // PCRE2 match() calls a regex may spend on one row.
    static constexpr int kRegexMatchLimit = 1'000'000;

    explicit EventMatcher(const EventFilter &filter = {});

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // why a regex does not compile
    bool acceptsAll() const { return m_acceptsAll; }
    bool matches(const StoredEventView &event, QByteArrayView typeName) const
    {
        return match(event, typeName) == Result::Match;
    }
    Result match(const StoredEventView &event, QByteArrayView typeName) const;
    // A regex costs up to the budget per row: scanners check their clock often.
    bool isCostly() const { return m_filter.regex && !m_filter.text.isEmpty(); }
    const EventFilter &filter() const { return m_filter; }

private:
    Result matchData(QByteArrayView data) const;

    EventFilter m_filter;
    QByteArray m_needle; // UTF-8
    bool m_needleIsAscii = true;
    std::optional<JsonColumnReader> m_column; // when the filter has a pointer
    QRegularExpression m_regex;
    QString m_error;
    bool m_acceptsAll = true;
};

} // namespace ssescope
