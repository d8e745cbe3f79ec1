#pragma once

#include "core/pipeline/CapturePipeline.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"

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
        event.streamSeq = quint64(i + 1);
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

// One network read: count events of one stream sharing a stamp and a chunk,
// as a buffering proxy delivers them, each with latencyMs when given.
inline IngestResult ingestRead(ui::DashboardSession &session, StreamId stream, int count,
    qint64 steadyNs, quint64 chunkIndex, std::optional<double> latencyMs = std::nullopt)
{
    EventBatch batch;
    EventBatch::SharedTexts texts;
    const QByteArray payload("{\"x\":1}");
    for (int i = 0; i < count; ++i) {
        const QByteArray id = QByteArray::number(qint64(chunkIndex) * 1000 + i);
        SseEventView event;
        event.stream = stream;
        event.streamSeq = chunkIndex * 1000 + quint64(i) + 1;
        event.id = id;
        event.type = "message";
        event.data = payload;
        event.arrivalSteadyNs = steadyNs;
        event.arrivalWallNs = 1'700'000'000'000'000'000LL + steadyNs;
        event.chunkIndex = chunkIndex;
        event.wireBytes = quint64(payload.size() + 7);
        batch.append(event, texts, latencyMs);
    }
    return session.pipeline().ingest(batch);
}

// The row of the stream with that name in the streams table; -1 when none.
inline int rowNamed(const ui::StreamListModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, ui::StreamListModel::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

} // namespace ssescope::test
