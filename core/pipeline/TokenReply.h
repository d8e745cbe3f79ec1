#pragma once

#include "core/stats/TokenStream.h"

#include <QByteArray>

#include <limits>

namespace ssescope {

class EventStore;

// A token stream's reply as of one stored event: the deltas of its stream
// from where its reply began up to that event, joined. Read backwards from
// the event and bounded both ways, so a selection in a million rows costs at
// most maxRows rows, never a concatenation of everything.
struct AssembledReply
{
    QByteArray text; // the newest maxBytes when cut
    quint64 tokens = 0; // deltas joined
    bool cut = false; // the bounds stopped it before the reply's start
};

struct ReplyBounds
{
    qsizetype maxBytes = 64 * 1024;
    qint64 maxRows = 200'000; // rows of any stream read back
};

AssembledReply assembleReply(const EventStore &store, qint64 row, const TokenDeltaReader &reader,
    qint64 replyStartNs = std::numeric_limits<qint64>::min(), ReplyBounds bounds = {});

} // namespace ssescope
