#pragma once

#include "core/net/EventBatcher.h"
#include "core/pipeline/CaptureMeasurer.h"
#include "core/store/EventStore.h"

#include <QMetaType>
#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace ssescope {

// What one ingest() did to the store, so that a table model can call
// beginRemoveRows and beginInsertRows once each: droppedFromFront rows that
// were there before went from the front, then appended rows came at the end
// (oldSize - droppedFromFront + appended == newSize). Events both appended
// and dropped by the same ingest are in neither, but in the store's
// droppedEvents().
struct IngestResult
{
    qint64 appended = 0;
    qint64 droppedFromFront = 0;
};

// One place where events are measured, for every front end: the store, the
// statistics (latency comes with the events, computed on the network
// thread), the connection counters and the route pairs. Owner thread only.
class CapturePipeline final : public QObject
{
    Q_OBJECT
public:
    explicit CapturePipeline(EventStoreLimits limits = {}, QObject *parent = nullptr);
    ~CapturePipeline() override;
    Q_DISABLE_COPY_MOVE(CapturePipeline)

    void setStreamName(StreamId stream, const QString &name);
    void addRoutePair(StreamId a, StreamId b); // a RouteMatcher per pair
    void setTokenStream(StreamId stream, const TokenStreamConfig &config)
    {
        m_measurer.setTokenStream(stream, config);
    }
    IngestResult ingest(const EventBatch &batch); // store append, stats, counters, route pairs
    // For captures read from a file (no live batches): one record at a time, same measuring.
    void ingestRecord(StreamId stream, const SseEventView &event, std::optional<double> latencyMs);
    void clear(); // empties store, stats and pairs

    // Compares routes side by side, starting with what the store holds of
    // them (its newest kMaxReplayedEvents rows), then live. The replay runs
    // kReplayRowsPerTurn rows per turn of the event loop (the first turn
    // now): a million rows froze the window for 0.9 s. Until it has caught
    // up with the store's end, live events reach the comparison through the
    // replay, in store order, so none is counted twice or out of order.
    RouteComparison &startComparison(std::vector<RouteSpec> routes);
    void stopComparison();
    const RouteComparison *comparison() const { return m_measurer.comparison(); }
    bool isReplaying() const { return m_replay.active; }
    // Rows of the store the replay has still to read (0 once live).
    qint64 replayRemaining() const;
    // Rows the store's cap dropped before the replay reached them.
    quint64 replaySkipped() const { return m_replay.skipped; }
    // One bounded turn of the replay (the event loop calls it); false once live.
    bool replayTurn();
    void applyStatus(StreamId stream, const SubscriptionStatus &status, qint64 steadyNs)
    {
        m_measurer.applyStatus(stream, status, steadyNs);
    }
    static constexpr qint64 kMaxReplayedEvents = 1'000'000;
    static constexpr qint64 kReplayRowsPerTurn = 32'768; // ~30 ms

    const EventStore &store() const { return m_store; }
    EventStore &store() { return m_store; }
    const CaptureStats &stats() const { return m_measurer.stats(); }
    const std::vector<std::unique_ptr<RouteMatcher>> &routes() const { return m_measurer.routes(); }
    // B's delay after A for routes()[index], as a StreamStats's "latency".
    const StreamStats &routeDelays(size_t index) const { return m_measurer.routeDelays(index); }

Q_SIGNALS:
    void ingested(ssescope::IngestResult result); // after every ingest(), once
    void comparisonReplayed(); // the replay caught up: the comparison is live

private:
    void stopReplay();

    // The replay's position and the read it was in the middle of, across turns.
    struct Replay
    {
        bool active = false;
        bool scheduled = false;
        quint64 nextSeq = 0; // store sequence number of the next row to replay
        quint64 skipped = 0;
        StreamId stream = 0;
        qint64 steadyNs = 0;
        quint64 chunk = 0;
        quint64 count = 0;
        quint64 bytes = 0;
        std::vector<double> latencies;
    };
    void flushReplayRun();
    void scheduleReplayTurn();

    EventStore m_store;
    CaptureMeasurer m_measurer;
    Replay m_replay;
};

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::IngestResult)
