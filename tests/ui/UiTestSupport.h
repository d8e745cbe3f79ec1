#pragma once

#include "pipeline/CapturePipeline.h"
#include "session/DashboardSession.h"

#include <QByteArray>

#include <functional>

namespace ssescope::test {

// Feeds events into a session's pipeline the way the network thread's batches
// would, without a network: for model tests that need exact contents.
inline IngestResult ingestEvents(ui::DashboardSession &session, StreamId stream, int count,
    const std::function<QByteArray(int)> &data, const QByteArray &type = "message",
    qint64 firstSteadyNs = 1'000'000'000)
{
    EventBatch batch;
    EventBatch::SharedTexts texts;
    for (int i = 0; i < count; ++i) {
        const QByteArray id = QByteArray::number(i + 1);
        const QByteArray payload = data(i);
        SseEventView event;
        event.stream = stream;
        event.seq = quint64(i + 1);
        event.id = id;
        event.type = type;
        event.data = payload;
        event.arrivalSteadyNs = firstSteadyNs + qint64(i) * 1000;
        event.arrivalWallNs = 1'700'000'000'000'000'000LL + qint64(i) * 1000;
        event.chunkIndex = quint64(i);
        event.wireBytes = quint64(payload.size() + 7);
        batch.append(event, texts, std::nullopt);
    }
    return session.pipeline().ingest(batch);
}

} // namespace ssescope::test
