#include "CaptureSession.h"

#include "core/capture/CaptureFormat.h"
#include "core/capture/CaptureLoader.h"
#include "core/capture/CaptureRecorder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

CaptureSession::CaptureSession(EventStoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_pipeline(limits)
    , m_recorder(std::make_unique<CaptureRecorder>())
    , m_loader(new CaptureLoader(this))
{
    connect(m_loader, &CaptureLoader::batchRead, this, &CaptureSession::handleLoadedBatch);
    connect(m_loader, &CaptureLoader::progress, this, &CaptureSession::captureLoadProgress);
    connect(m_loader, &CaptureLoader::finished, this,
        [this](bool ok, qint64, const QString &message) { Q_EMIT captureLoaded(ok, message); });
    // A batch is ingested in one turn of the owner thread's event loop:
    // bounding it bounds the stall (about 0.5 µs an event: 20,000 events is
    // ~10 ms). When the owner falls behind, the sockets stop being read instead.
    m_manager.setBatchLimits(EventBatcherLimits { 4 * 1024 * 1024, 20'000 });
    connect(&m_manager, &StreamManager::eventsReceived, this, &CaptureSession::handleBatch);
    connect(&m_manager, &StreamManager::statusChanged, this,
        [this](StreamId stream, const SubscriptionStatus &status) {
            Q_EMIT streamStateChanged(stream, status);
            Q_EMIT streamStatusChanged(stream);
        });
    connect(&m_manager, &StreamManager::streamError, this, &CaptureSession::streamErrorReported);
    // Where a stream's latency comes from shows with its status.
    connect(&m_manager, &StreamManager::latencyDetected, this,
        [this](StreamId stream, const LatencyDetection &detection) {
            Q_EMIT streamLatencyDetected(stream, detection);
            Q_EMIT streamStatusChanged(stream);
        });
}

CaptureSession::~CaptureSession()
{
    m_manager.stopAll();
    m_recorder->stop();
}

void CaptureSession::streamListed(StreamId, StreamId) { }

void CaptureSession::subscribeDemoStreams(const QUrl &server)
{
    if (!server.isValid())
        return;
    struct Showcase
    {
        QString name;
        QString path;
    };
    // A mix that shows every panel at work: a steady ticker with send times
    // (latency), tokens, bursts (events per chunk), the clock and the echo.
    const Showcase showcase[] = {
        { u"ticker"_s, u"/ticker?rate=40"_s },
        { u"tokens"_s, u"/tokens"_s },
        { u"bursty"_s, u"/bursty"_s },
        { u"clock"_s, u"/clock"_s },
        { u"echo"_s, u"/.sse"_s },
    };
    for (const Showcase &entry : showcase) {
        SubscriptionConfig config;
        config.name = entry.name;
        config.url = server.resolved(QUrl(entry.path));
        // Nothing configured by hand: the ticker's and the tokens' "ts" is
        // found as any stream's would be; the clock's plain text has none.
        config.latency.source = LatencySource::Auto;
        // The tokens carry OpenAI-style deltas: the first run shows time to
        // first token, inter-token gaps and the reply.
        if (entry.name == u"tokens")
            config.tokens = TokenStreamConfig::openAi();
        addStream(config);
    }
}

StreamId CaptureSession::addStream(const SubscriptionConfig &config)
{
    const StreamId stream = m_manager.addSubscription(config);
    m_pipeline.setStreamName(stream, config.displayName());
    m_pipeline.setTokenStream(stream, config.tokens);
    streamListed(stream, 0);
    m_order.append(stream);
    Q_EMIT streamAdded(stream);
    return stream;
}

StreamId CaptureSession::replaceStream(StreamId stream, const SubscriptionConfig &config)
{
    const int index = m_order.indexOf(stream);
    if (index < 0)
        return addStream(config);
    m_manager.removeSubscription(stream);
    m_pipeline.setTokenStream(stream, {}); // its figures stay; no more deltas come
    const StreamId next = m_manager.addSubscription(config);
    m_pipeline.setStreamName(next, config.displayName());
    m_pipeline.setTokenStream(next, config.tokens);
    streamListed(next, stream);
    QList<StreamId> earlier = m_earlierIds.take(stream);
    earlier.append(stream);
    m_earlierIds.insert(next, earlier);
    m_replaced.insert(stream);
    m_order[index] = next;
    Q_EMIT streamReplaced(stream, next);
    return next;
}

void CaptureSession::removeStream(StreamId stream)
{
    if (!m_order.removeOne(stream))
        return;
    if (m_pausedForCapture.remove(stream))
        Q_EMIT pausedForCaptureChanged();
    m_manager.removeSubscription(stream);
    m_pipeline.setTokenStream(stream, {});
    Q_EMIT streamRemoved(stream);
}

void CaptureSession::pauseAll()
{
    for (StreamId stream : std::as_const(m_order))
        m_manager.pause(stream);
}

void CaptureSession::resume(StreamId stream)
{
    m_manager.resume(stream);
    if (m_pausedForCapture.remove(stream))
        Q_EMIT pausedForCaptureChanged();
}

void CaptureSession::resumeAll()
{
    for (StreamId stream : std::as_const(m_order))
        m_manager.resume(stream);
    if (!m_pausedForCapture.isEmpty()) {
        m_pausedForCapture.clear();
        Q_EMIT pausedForCaptureChanged();
    }
}

void CaptureSession::removeAll()
{
    const QList<StreamId> streams = m_order;
    for (StreamId stream : streams)
        removeStream(stream);
}

void CaptureSession::clearCapture()
{
    m_loader->cancel();
    m_pipeline.clear();
    m_unsavedEvents = 0;
    m_seqOffset = m_pipeline.store().firstSeq() - 1;
    m_captured.clear();
    m_capturePath.clear();
    Q_EMIT captureReset();
}

bool CaptureSession::startRecording(const QString &path, QString *error)
{
    if (!m_recorder->start(path, error))
        return false;
    Q_EMIT recordingChanged(true, path);
    return true;
}

void CaptureSession::stopRecording()
{
    if (!m_recorder->isRecording())
        return;
    m_recorder->stop();
    Q_EMIT recordingChanged(false, m_recorder->path());
}

void CaptureSession::handleBatch(const EventBatchPtr &liveBatch)
{
    Q_EMIT batchReceived(liveBatch);
    const EventBatchPtr batch = withoutPausedForCapture(liveBatch);
    if (m_recorder->isRecording() && !m_recorder->append(*batch, m_pipeline.store())) {
        Q_EMIT recordingChanged(false, m_recorder->path());
        Q_EMIT recordingFailed(m_recorder->errorString());
    }
    const IngestResult result = m_pipeline.ingest(*batch);
    m_unsavedEvents += result.appended;
    Q_EMIT ingested(result);
}

EventBatchPtr CaptureSession::withoutPausedForCapture(const EventBatchPtr &batch) const
{
    if (m_pausedForCapture.isEmpty())
        return batch;
    // Events already on their way when the capture was opened would mix into
    // it: the pause stops reading, so only this first batch or two carry any,
    // and they are left out.
    bool mixed = false;
    batch->forEachEvent([&](const SseEventView &event, auto, auto) {
        mixed = mixed || m_pausedForCapture.contains(event.stream);
    });
    if (!mixed)
        return batch;
    auto kept = std::make_shared<EventBatch>();
    EventBatch::SharedTexts texts;
    batch->forEachEvent([&](const SseEventView &event, std::optional<double> latencyMs, auto) {
        if (!m_pausedForCapture.contains(event.stream))
            kept->append(event, texts, latencyMs);
    });
    kept->comments = batch->comments;
    kept->counters = batch->counters;
    return kept;
}

bool CaptureSession::openCapture(const QString &path, QString *message)
{
    const auto format = captureFormatFromPath(path);
    if (!format || *format == CaptureFormat::Har) { // HAR is written, never read
        *message = QCoreApplication::translate(
            "CaptureSession", "%1 is not a capture: use .jsonl, .csv or .sse.")
                       .arg(path);
        return false;
    }
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        // A directory, /dev/zero or a FIFO behind a .jsonl name would never end.
        *message = QCoreApplication::translate(
            "CaptureSession", "%1 is not a regular file, so it cannot be a capture.")
                       .arg(path);
        return false;
    }
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        *message = QCoreApplication::translate("CaptureSession", "Cannot open %1: %2")
                       .arg(path, probe.errorString());
        return false;
    }
    probe.close();
    m_loader->cancel();
    const bool pausedAny = pauseForCapture();
    m_pipeline.clear();
    m_unsavedEvents = 0;
    m_seqOffset = m_pipeline.store().firstSeq() - 1;
    m_captured.clear();
    m_capturePath = path;
    Q_EMIT captureReset();
    if (pausedAny)
        Q_EMIT pausedForCaptureChanged();
    // Captured streams get ids apart from live ones, new ones per opening.
    const StreamId first = m_nextCaptureStream;
    m_nextCaptureStream += 0x10000;
    m_loader->start(path, *format, first);
    *message = QCoreApplication::translate("CaptureSession", "Opening %1…").arg(path);
    return true;
}

bool CaptureSession::pauseForCapture()
{
    // Live events would mix into the capture being looked at: pause them, and
    // remember which, so each row and Resume can say why.
    bool pausedAny = false;
    for (StreamId stream : std::as_const(m_order)) {
        const SubscriptionState state = m_manager.status(stream).state;
        if (state == SubscriptionState::Paused || state == SubscriptionState::Closed
            || state == SubscriptionState::Failed)
            continue;
        m_manager.pause(stream);
        m_pausedForCapture.insert(stream);
        pausedAny = true;
    }
    return pausedAny;
}

bool CaptureSession::isLoadingCapture() const
{
    return m_loader->isRunning();
}

void CaptureSession::handleLoadedBatch(
    const std::shared_ptr<EventBatch> &batch, const QHash<StreamId, QString> &newStreams)
{
    // Ids are handed out in the order streams first appear in the file.
    QList<StreamId> added = newStreams.keys();
    std::sort(added.begin(), added.end());
    for (StreamId stream : std::as_const(added)) {
        m_pipeline.setStreamName(stream, newStreams.value(stream));
        streamListed(stream, 0);
        m_captured.append(stream);
    }
    if (!newStreams.isEmpty())
        Q_EMIT captureStreamsAdded();
    const IngestResult result = m_pipeline.ingest(*batch);
    Q_EMIT ingested(result);
    m_loader->batchConsumed();
}

} // namespace ssescope
