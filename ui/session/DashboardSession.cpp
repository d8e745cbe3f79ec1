#include "DashboardSession.h"

#include "capture/CaptureFormat.h"
#include "demo/DemoServerThread.h"
#include "session/CaptureRecorder.h"
#include "session/StreamPalette.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

DashboardSession::DashboardSession(EventStoreLimits limits, QObject *parent)
    : QObject(parent)
    , m_pipeline(limits)
    , m_recorder(std::make_unique<CaptureRecorder>())
{
    // A batch is ingested in one turn of the GUI thread's event loop: bounding
    // it bounds the stall (about 0.5 µs an event: 20,000 events is ~10 ms).
    // When the window falls behind, the sockets stop being read instead.
    m_manager.setBatchLimits(EventBatcherLimits { 4 * 1024 * 1024, 20'000 });
    connect(&m_manager, &StreamManager::eventsReceived, this, &DashboardSession::handleBatch);
    connect(&m_manager, &StreamManager::statusChanged, this,
        [this](StreamId stream, const SubscriptionStatus &) { Q_EMIT streamStatusChanged(stream); });
    connect(&m_manager, &StreamManager::streamError, this,
        &DashboardSession::streamErrorReported);
}

DashboardSession::~DashboardSession()
{
    m_manager.stopAll();
    m_recorder->stop();
}

bool DashboardSession::startDemoServer(QString *error)
{
    if (m_demo)
        return true;
    auto server = std::make_unique<demo::DemoServerThread>();
    if (!server->start()) {
        if (error)
            *error = server->errorString();
        return false;
    }
    m_demo = std::move(server);
    return true;
}

QUrl DashboardSession::demoUrl(const QString &pathAndQuery) const
{
    return m_demo ? m_demo->url(pathAndQuery) : QUrl();
}

void DashboardSession::subscribeDemoStreams()
{
    if (!m_demo)
        return;
    struct Showcase
    {
        QString name;
        QString path;
        bool latency;
    };
    // A mix that shows every panel at work: a steady ticker with send times
    // (latency), tokens, bursts (events per chunk), the clock and the echo.
    const Showcase showcase[] = {
        { u"ticker"_s, u"/ticker?rate=40"_s, true },
        { u"tokens"_s, u"/tokens"_s, true },
        { u"bursty"_s, u"/bursty"_s, false },
        { u"clock"_s, u"/clock"_s, false },
        { u"echo"_s, u"/.sse"_s, false },
    };
    for (const Showcase &entry : showcase) {
        SubscriptionConfig config;
        config.name = entry.name;
        config.url = m_demo->url(entry.path);
        if (entry.latency) {
            // The ticker carries its send time in epoch milliseconds.
            config.latency.source = LatencySource::JsonPointer;
            config.latency.expression = u"/ts"_s;
        }
        addStream(config);
    }
}

StreamId DashboardSession::addStream(const SubscriptionConfig &config)
{
    const StreamId stream = m_manager.addSubscription(config);
    m_pipeline.setStreamName(stream, config.displayName());
    slotFor(stream);
    m_order.append(stream);
    Q_EMIT streamAdded(stream);
    return stream;
}

StreamId DashboardSession::replaceStream(StreamId stream, const SubscriptionConfig &config)
{
    const int index = m_order.indexOf(stream);
    if (index < 0)
        return addStream(config);
    m_manager.removeSubscription(stream);
    const StreamId next = m_manager.addSubscription(config);
    m_pipeline.setStreamName(next, config.displayName());
    m_colorSlots.insert(next, slotFor(stream));
    m_order[index] = next;
    Q_EMIT streamReplaced(stream, next);
    return next;
}

void DashboardSession::removeStream(StreamId stream)
{
    if (!m_order.removeOne(stream))
        return;
    m_manager.removeSubscription(stream);
    Q_EMIT streamRemoved(stream);
}

void DashboardSession::pauseAll()
{
    for (StreamId stream : std::as_const(m_order))
        m_manager.pause(stream);
}

void DashboardSession::resumeAll()
{
    for (StreamId stream : std::as_const(m_order))
        m_manager.resume(stream);
}

void DashboardSession::removeAll()
{
    const QList<StreamId> streams = m_order;
    for (StreamId stream : streams)
        removeStream(stream);
}

QColor DashboardSession::streamColor(StreamId stream) const
{
    return ui::streamColor(m_colorSlots.value(stream, int(stream)));
}

int DashboardSession::slotFor(StreamId stream)
{
    auto it = m_colorSlots.find(stream);
    if (it == m_colorSlots.end())
        it = m_colorSlots.insert(stream, m_nextColorSlot++);
    return *it;
}

void DashboardSession::clearCapture()
{
    m_pipeline.clear();
    m_unsavedEvents = 0;
    Q_EMIT captureReset();
}

bool DashboardSession::startRecording(const QString &path, QString *error)
{
    if (!m_recorder->start(path, error))
        return false;
    Q_EMIT recordingChanged(true, path);
    return true;
}

void DashboardSession::stopRecording()
{
    if (!m_recorder->isRecording())
        return;
    m_recorder->stop();
    Q_EMIT recordingChanged(false, m_recorder->path());
}

void DashboardSession::handleBatch(const EventBatchPtr &batch)
{
    if (m_recorder->isRecording() && !m_recorder->append(*batch, m_pipeline.store())) {
        Q_EMIT recordingChanged(false, m_recorder->path());
        Q_EMIT recordingFailed(m_recorder->errorString());
    }
    const IngestResult result = m_pipeline.ingest(*batch);
    m_unsavedEvents += result.appended;
    Q_EMIT ingested(result);
}

bool DashboardSession::openCapture(const QString &path, QString *message)
{
    const auto format = captureFormatFromPath(path);
    QFile file(path);
    if (!format) {
        *message = QCoreApplication::translate("DashboardSession",
            "%1 is not a capture: use .jsonl, .csv or .sse.")
                       .arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *message = QCoreApplication::translate("DashboardSession", "Cannot open %1: %2")
                       .arg(path, file.errorString());
        return false;
    }
    m_pipeline.clear();
    QHash<QByteArray, StreamId> ids;
    StreamId next = 0x40000000; // apart from live stream ids
    qint64 events = 0;
    QList<CaptureReadError> errors;
    QString fatal;
    readCapture(
        *format, &file,
        [&](CaptureRecord &&record) {
            if (record.kind != CaptureRecordView::Kind::Event)
                return;
            auto id = ids.find(record.stream);
            if (id == ids.end()) {
                id = ids.insert(record.stream, next++);
                m_pipeline.setStreamName(*id, QString::fromUtf8(record.stream));
                slotFor(*id);
            }
            SseEventView view;
            view.stream = *id;
            view.seq = record.seq;
            view.id = record.id;
            view.type = record.type;
            view.data = record.data;
            view.arrivalSteadyNs = record.monoNs;
            view.arrivalWallNs = record.receivedWallNs;
            view.chunkIndex = record.chunk;
            view.wireBytes = record.bytes;
            m_pipeline.ingestRecord(*id, view, record.latencyMs);
            ++events;
        },
        [&](const CaptureReadError &error) { errors.append(error); }, &fatal);
    m_unsavedEvents = 0;
    Q_EMIT captureReset();
    if (!fatal.isEmpty()) {
        *message = QCoreApplication::translate("DashboardSession", "%1: %2").arg(path, fatal);
        return events > 0;
    }
    *message = QCoreApplication::translate("DashboardSession", "Opened %1: %n event(s)", nullptr,
        int(std::min<qint64>(events, INT_MAX)))
                   .arg(path);
    if (!errors.isEmpty())
        *message += u' '
            + QCoreApplication::translate("DashboardSession",
                "%n corrupt record(s) skipped; the first is on line %1: %2", nullptr,
                int(errors.size()))
                  .arg(errors.first().line)
                  .arg(errors.first().message);
    return true;
}

} // namespace ssescope::ui
