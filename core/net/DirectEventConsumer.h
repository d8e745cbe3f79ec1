#pragma once

#include "core/common/Clock.h"
#include "core/sse/SseEvent.h"

#include <optional>

namespace ssescope {

// Takes events on the network thread, as views, the moment they are parsed:
// no batch, no copy, no allocation per event. For consumers that only fold or
// format events (the CLI's writer, statistics); the GUI keeps batches. Every
// call comes from the network thread; the consumer guards what it shares.
class DirectEventConsumer
{
public:
    virtual ~DirectEventConsumer() = default;
    // latencyMs: from the subscription's own LatencyConfig, as batches carry it.
    virtual void consumeEvent(const SseEventView &event, std::optional<double> latencyMs) = 0;
    virtual void consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp) = 0;
    // After the events of one network read: a good moment to write out.
    virtual void endOfRead() = 0;
};

} // namespace ssescope
