#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>

#include "core/sse/IdOrigin.h"

#include <vector>

namespace ssescope {

using StreamId = quint32;

// One dispatched event, parsed and stamped once, then shared read-only by
// every consumer. Text fields are UTF-8 with invalid sequences already
// replaced by U+FFFD, so consumers never re-validate; QByteArray keeps the
// hot path free of UTF-16 conversion and copies are reference counted.
struct SseEvent
{
    StreamId stream = 0;
    quint64 streamSeq = 0; // per stream, from 1, continues across reconnections
    QByteArray id; // the last event ID string at dispatch (persists)
    QByteArray type; // "message" unless an event field said otherwise
    QByteArray data; // data lines joined with LF
    qint64 arrivalSteadyNs = 0;
    qint64 arrivalWallNs = 0;
    quint64 chunkIndex = 0; // which network read completed the event
    quint64 wireBytes = 0; // bytes of the event's field lines and blank line
    IdOrigin idOrigin = IdOrigin::Unknown;
};

// The same event as views into the parser's buffers, or into the read being
// fed (an event's only data line is not copied), valid only during the
// callback that receives it: for consumers that format or fold an event at
// once (the CLI's writer) and need no allocation per event.
struct SseEventView
{
    StreamId stream = 0;
    quint64 streamSeq = 0;
    QByteArrayView id;
    QByteArrayView type;
    QByteArrayView data;
    qint64 arrivalSteadyNs = 0;
    qint64 arrivalWallNs = 0;
    quint64 chunkIndex = 0;
    quint64 wireBytes = 0;
    IdOrigin idOrigin = IdOrigin::Unknown;
};

// A comment line (": ..."), kept because monitors show heartbeats.
struct SseComment
{
    StreamId stream = 0;
    QByteArray text;
    qint64 arrivalSteadyNs = 0;
    qint64 arrivalWallNs = 0;
};

using SseEventList = std::vector<SseEvent>;

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::SseEvent)
