#pragma once

#include "sse/SseEvent.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QSet>
#include <QString>

namespace ssescope {
struct StoredEvent;
}

namespace ssescope::ui {

// What the event table shows: some streams, one type, text or a regular
// expression over the data. Empty fields accept everything.
struct EventFilter
{
    QSet<StreamId> streams;
    QByteArray type;
    QString text;
    bool regex = false;
    bool caseSensitive = false;

    bool isEmpty() const { return streams.isEmpty() && type.isEmpty() && text.isEmpty(); }
    bool operator==(const EventFilter &other) const;
    bool operator!=(const EventFilter &other) const { return !(*this == other); }
};

// A filter compiled once and applied to many stored events. Plain ASCII text
// is matched on the UTF-8 bytes without decoding them, which keeps a scan of
// a million rows in the tens of milliseconds.
class EventMatcher final
{
public:
    explicit EventMatcher(const EventFilter &filter = {});

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // why a regex does not compile
    bool acceptsAll() const { return m_acceptsAll; }
    bool matches(const StoredEvent &event, QByteArrayView typeName) const;
    const EventFilter &filter() const { return m_filter; }

private:
    bool matchesData(QByteArrayView data) const;

    EventFilter m_filter;
    QByteArray m_needle; // UTF-8
    bool m_needleIsAscii = true;
    QRegularExpression m_regex;
    QString m_error;
    bool m_acceptsAll = true;
};

} // namespace ssescope::ui
