#pragma once

#include "core/sse/SseEvent.h"
#include "core/stats/CaptureStats.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace ssescope::cli {

// The token streams' table of --stats and `stats --tokens`, from core's
// TokenStats (a token is a delta event; TTFT counts from the request, which
// a saved capture does not know). Empty when no stream is a token stream.
QByteArray tokenTable(const CaptureStats &stats, const QList<QPair<StreamId, QByteArray>> &streams);

} // namespace ssescope::cli
