#pragma once

#include "latency/RouteMatcher.h"
#include "net/EventBatcher.h"
#include "stats/CaptureStats.h"
#include "store/EventStore.h"

#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace ssescope {

struct IngestResult
{
    qint64 appended = 0;
    qint64 droppedFromFront = 0;
};

// One place where events are measured, for every front end. Owner thread only.
class CapturePipeline final : public QObject
{
    Q_OBJECT
public:
    explicit CapturePipeline(EventStoreLimits limits = {}, QObject *parent = nullptr);
    ~CapturePipeline() override;
    Q_DISABLE_COPY_MOVE(CapturePipeline)

    void setStreamName(StreamId stream, const QString &name);
    void addRoutePair(StreamId a, StreamId b);
    IngestResult ingest(const EventBatch &batch);
    void ingestRecord(StreamId stream, const SseEventView &event, std::optional<double> latencyMs);
    void clear();

    const EventStore &store() const { return m_store; }
    EventStore &store() { return m_store; }
    const CaptureStats &stats() const { return *m_stats; }
    const std::vector<std::unique_ptr<RouteMatcher>> &routes() const { return m_routes; }

Q_SIGNALS:
    void ingested(ssescope::IngestResult result);

private:
    EventStore m_store;
    std::unique_ptr<CaptureStats> m_stats;
    std::vector<std::unique_ptr<RouteMatcher>> m_routes;
};

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::IngestResult)
