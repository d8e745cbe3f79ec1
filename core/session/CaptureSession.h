#pragma once

#include "core/net/StreamManager.h"
#include "core/pipeline/CapturePipeline.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace ssescope {

class CaptureLoader;
class CaptureRecorder;
class DirectEventConsumer;

// One capture, as every front end runs it: the streams (StreamManager), the
// one capture pipeline (store + statistics), record to disk, opening a
// capture file in place of the store's content, and the streams' order and
// edits. Widget-free and headless: the dashboard adds its colours over it
// (ui::DashboardSession), ssescope-cli drives it with its own writer; neither
// the demo server nor any colour is known here. Owner thread only.
class CaptureSession : public QObject
{
    Q_OBJECT
public:
    explicit CaptureSession(EventStoreLimits limits = {}, QObject *parent = nullptr);
    ~CaptureSession() override;
    Q_DISABLE_COPY_MOVE(CaptureSession)

    // Subscribes to the demo server's showcase streams, the server being at
    // server (its URL with no path): the server itself belongs to the program.
    void subscribeDemoStreams(const QUrl &server);

    StreamId addStream(const SubscriptionConfig &config);
    // Replaces a stream's configuration (edit): the stream restarts under a new
    // id but keeps its place in the list and, through earlierIds(), its history.
    StreamId replaceStream(StreamId stream, const SubscriptionConfig &config);
    void removeStream(StreamId stream);
    void pause(StreamId stream) { m_manager.pause(stream); }
    void resume(StreamId stream);
    void restart(StreamId stream) { m_manager.restart(stream); }
    void pauseAll();
    void resumeAll();
    void restartAll() { m_manager.restartAll(); }
    void removeAll();
    // Stops every stream but keeps them listed, with their last state (an
    // exit); flush() then delivers what they had already read.
    void stopAll() { m_manager.stopAll(); }
    void flush() { m_manager.flush(); }

    // Streams added from now on hand their events, on the network thread, to
    // consumer instead of the store (a front end that writes events out as
    // they come, the CLI): batches then bring only the connection counters.
    // consumer must outlive the streams.
    void setDirectConsumer(DirectEventConsumer *consumer) { m_manager.setDirectConsumer(consumer); }

    // The live streams, in the order the user added them.
    const QList<StreamId> &streams() const { return m_order; }
    SubscriptionConfig config(StreamId stream) const { return m_manager.config(stream); }
    SubscriptionStatus status(StreamId stream) const { return m_manager.status(stream); }
    SubscriptionCounters counters(StreamId stream) const { return m_manager.counters(stream); }
    OriginConnections originConnections(StreamId stream) const
    {
        return m_manager.originConnections(stream);
    }
    LatencyDetection latencyDetection(StreamId stream) const
    {
        return m_manager.latencyDetection(stream);
    }
    QString streamName(StreamId stream) const { return m_pipeline.store().streamName(stream); }
    // The ids an edited stream had before (replaceStream), oldest first: the
    // events it captured under them are still its own.
    QList<StreamId> earlierIds(StreamId stream) const { return m_earlierIds.value(stream); }
    // Whether an edit gave this stream a new id: it is listed under that one.
    bool isReplaced(StreamId stream) const { return m_replaced.contains(stream); }

    CapturePipeline &pipeline() { return m_pipeline; }
    const CapturePipeline &pipeline() const { return m_pipeline; }
    const EventStore &store() const { return m_pipeline.store(); }
    StreamManager &manager() { return m_manager; }

    // The number the # column shows for an event: counted from 1 in each
    // capture (cleared or opened), while the store's own sequence goes on.
    quint64 displaySeq(quint64 seq) const { return seq - m_seqOffset; }

    // The streams of the opened capture, in the order they first appear:
    // listed with the live ones, with figures as of their last event.
    const QList<StreamId> &capturedStreams() const { return m_captured; }
    bool isCaptured(StreamId stream) const { return m_captured.contains(stream); }
    QString capturePath() const { return m_capturePath; }
    // Whether opening a capture paused this live stream (Resume says so).
    bool isPausedForCapture(StreamId stream) const { return m_pausedForCapture.contains(stream); }
    bool hasStreamsPausedForCapture() const { return !m_pausedForCapture.isEmpty(); }

    // Events captured since the last save or clear: closing asks first.
    bool hasUnsavedEvents() const { return m_unsavedEvents > 0; }
    qint64 unsavedEvents() const { return m_unsavedEvents; }
    // count events, counted from the oldest unsaved, are now on disk.
    void markSaved(qint64 count) { m_unsavedEvents = std::max<qint64>(0, m_unsavedEvents - count); }
    void clearCapture();

    // Starts loading a capture file (any of the three formats) in place of the
    // store's content, on a worker; captureLoaded() says how it ended. False,
    // with the reason, when the file cannot be a capture or cannot be opened:
    // then nothing changed.
    bool openCapture(const QString &path, QString *message);
    bool isLoadingCapture() const;

    CaptureRecorder *recorder() const { return m_recorder.get(); }
    bool startRecording(const QString &path, QString *error);
    void stopRecording();

Q_SIGNALS:
    void streamAdded(ssescope::StreamId stream);
    void streamRemoved(ssescope::StreamId stream);
    void streamReplaced(ssescope::StreamId from, ssescope::StreamId to);
    // The stream's state, or where its latency comes from, changed.
    void streamStatusChanged(ssescope::StreamId stream);
    // Only the state: a front end that reports states apart from latency.
    void streamStateChanged(ssescope::StreamId stream, const ssescope::SubscriptionStatus &status);
    void streamLatencyDetected(
        ssescope::StreamId stream, const ssescope::LatencyDetection &detection);
    void streamErrorReported(ssescope::StreamId stream, const QString &message);
    // A batch from the network, before it is ingested: its counters reach a
    // front end whose events go to a direct consumer.
    void batchReceived(const ssescope::EventBatchPtr &batch);
    void ingested(ssescope::IngestResult result);
    // The store was emptied or replaced wholesale (clear, open capture).
    void captureReset();
    void recordingChanged(bool recording, const QString &path);
    void recordingFailed(const QString &message);
    void captureLoadProgress(qint64 bytesRead, qint64 bytesTotal);
    void captureLoaded(bool ok, const QString &message);
    void captureStreamsAdded();
    // Opening a capture paused live streams, or they were resumed.
    void pausedForCaptureChanged();

protected:
    // Called for each stream about to be listed (added, replacing previous
    // in an edit, or read from a capture), before any signal announces it,
    // so that what a front end keeps per stream is there when asked. previous
    // is 0 unless the stream replaces it.
    virtual void streamListed(StreamId stream, StreamId previous);

private:
    void handleBatch(const EventBatchPtr &batch);
    EventBatchPtr withoutPausedForCapture(const EventBatchPtr &batch) const;
    void handleLoadedBatch(
        const std::shared_ptr<EventBatch> &batch, const QHash<StreamId, QString> &newStreams);
    bool pauseForCapture(); // true if it paused any

    CapturePipeline m_pipeline;
    StreamManager m_manager;
    std::unique_ptr<CaptureRecorder> m_recorder;
    CaptureLoader *m_loader;
    StreamId m_nextCaptureStream = 0x40000000;
    QList<StreamId> m_order;
    QHash<StreamId, QList<StreamId>> m_earlierIds;
    QSet<StreamId> m_replaced;
    qint64 m_unsavedEvents = 0;
    quint64 m_seqOffset = 0;
    QList<StreamId> m_captured;
    QString m_capturePath;
    QSet<StreamId> m_pausedForCapture;
};

} // namespace ssescope
