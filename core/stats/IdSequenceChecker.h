#pragma once

#include "core/sse/IdOrigin.h"

#include <QtGlobal>

#include <optional>

class QByteArrayView; // not included: it brings Qt's keywords to StreamStats' includers

namespace ssescope {

// Counts the ids a stream skipped (gaps) and the ids it sent again
// (duplicates), when its event ids count up: above all across reconnections,
// where a server that ignores Last-Event-ID replays its history (duplicates)
// and one that lost events resumes further on (a gap). One per stream; fed
// the last event ID of every event, as browsers report it, and where it came
// from:
//  - An event without an id field (a heartbeat, an "event: ping" between
//    numbered ones) carries the last event ID over and is not looked at: it
//    was counted as a duplicate of the event before it.
//  - From a capture that did not keep where ids came from (JSON Lines, CSV),
//    an id equal to the one just before is taken as carried over: a server
//    that sends one id twice in a row is only caught live.
//  - An id is an integer when it is 1 to 19 ASCII digits (leading zeros
//    allowed): a non-negative number that fits in 64 bits.
//  - The check starts once kDetectIds integer ids in a row were consecutive
//    (n, n+1, n+2; an id repeated meanwhile is passed over): ids that are
//    timestamps or random never start it.
//  - Then an id k above the highest seen h counts k-h-1 gaps and becomes h;
//    an id <= h is a duplicate. A reconnection whose server resumes after
//    Last-Event-ID gives h+1 (neither); one that replays from 1 gives
//    duplicates until it passes h.
//  - An id that is not an integer (or an empty one, which resets the last
//    event ID) pauses the check: the next integer id resumes it as the new
//    reference, counting nothing across the pause.
class IdSequenceChecker final
{
public:
    enum class State { Detecting, Checking, Paused };
    static constexpr int kDetectIds = 3;

    void add(QByteArrayView id, IdOrigin origin = IdOrigin::Own);

    State state() const { return m_state; }
    // Whether the check ever started: the counts mean something.
    bool engaged() const { return m_engaged; }
    quint64 gaps() const { return m_gaps; }
    quint64 duplicates() const { return m_duplicates; }

    static std::optional<quint64> parse(QByteArrayView id);

private:
    State m_state = State::Detecting;
    bool m_engaged = false;
    int m_run = 0; // consecutive ids seen while detecting
    quint64 m_last = 0; // detecting: the last id; checking: the highest
    quint64 m_previous = 0; // the integer id looked at last
    bool m_hasPrevious = false;
    quint64 m_gaps = 0;
    quint64 m_duplicates = 0;
};

} // namespace ssescope
