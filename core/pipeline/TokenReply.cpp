#include "TokenReply.h"

#include "core/sse/Utf8.h"
#include "core/store/EventStore.h"

#include <algorithm>
#include <vector>

namespace ssescope {

AssembledReply assembleReply(const EventStore &store, qint64 row, const TokenDeltaReader &reader,
    qint64 replyStartNs, ReplyBounds bounds)
{
    AssembledReply reply;
    if (row < 0 || row >= store.size() || !reader.isEnabled())
        return reply;
    const StreamId stream = store.at(row).stream;
    std::vector<QByteArray> pieces; // newest first
    qsizetype bytes = 0;
    const qint64 lowest = std::max<qint64>(0, row - bounds.maxRows + 1);
    qint64 at = row;
    for (; at >= lowest; --at) {
        const StoredEventView event = store.at(at);
        if (event.stream != stream)
            continue;
        if (event.arrivalSteadyNs < replyStartNs)
            break;
        std::optional<QByteArray> text = reader.delta(event.type, event.data);
        if (!text)
            continue;
        ++reply.tokens;
        bytes += text->size();
        pieces.push_back(std::move(*text));
        if (bytes >= bounds.maxBytes) {
            reply.cut = true;
            break;
        }
    }
    if (at < lowest && lowest > 0)
        reply.cut = true;
    reply.text.reserve(bytes);
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
        reply.text.append(*it);
    utf8::keepTail(reply.text, bounds.maxBytes);
    return reply;
}

} // namespace ssescope
