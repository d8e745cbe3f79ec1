#include "StreamManager.h"

#include "core/net/NetworkWorker.h"
#include "core/net/Subscription.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace ssescope {

StreamManager::StreamManager(QObject *parent)
    : QObject(parent)
    , m_batcher(this)
{
    qRegisterMetaType<ssescope::SubscriptionStatus>();
    qRegisterMetaType<ssescope::LatencyDetection>();
    qRegisterMetaType<ssescope::EventBatchPtr>();
    qRegisterMetaType<ssescope::StreamId>("ssescope::StreamId");
    m_thread.setObjectName(u"ssescope-network"_s);
    m_worker = new NetworkWorker(&m_batcher);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    connect(&m_batcher, &EventBatcher::batchReady, this, &StreamManager::handleBatch);
}

StreamManager::~StreamManager()
{
    NetworkWorker *worker = m_worker;
    m_worker = nullptr;
    // Replies and managers must die on the thread they live on.
    runBlocking(worker, [worker] { delete worker; });
    // Joined visibly: the batcher and the direct consumer the subscriptions
    // published into die after this.
    m_thread.quitAndWait();
}

template<typename Function> void StreamManager::onNetworkThread(Function &&function)
{
    QMetaObject::invokeMethod(m_worker, std::forward<Function>(function), Qt::QueuedConnection);
}

StreamId StreamManager::addSubscription(const SubscriptionConfig &config)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    const StreamId id = m_nextId++;
    StreamRecord record { config, {}, {}, {} };
    if (config.latency.source == LatencySource::Auto)
        record.latency.state = LatencyDetection::State::Looking;
    m_streams.insert(id, record);
    NetworkWorker *worker = m_worker;
    DirectEventConsumer *direct = m_direct;
    onNetworkThread([this, worker, id, config, direct] {
        Subscription *subscription = worker->add(id, config, direct);
        // Queued to this (the owner's) thread; the connection dies with the subscription.
        connect(subscription, &Subscription::statusChanged, this, &StreamManager::handleStatus);
        connect(subscription, &Subscription::errorOccurred, this, &StreamManager::streamError);
        connect(subscription, &Subscription::latencyDetected, this,
            &StreamManager::handleLatencyDetected);
        subscription->start();
    });
    return id;
}

void StreamManager::removeSubscription(StreamId stream)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    if (!m_streams.remove(stream))
        return;
    recountOrigins();
    NetworkWorker *worker = m_worker;
    onNetworkThread([worker, stream] { worker->remove(stream); });
}

void StreamManager::pause(StreamId stream)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    NetworkWorker *worker = m_worker;
    onNetworkThread([worker, stream] {
        if (Subscription *s = worker->find(stream))
            s->pause();
    });
}

void StreamManager::resume(StreamId stream)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    NetworkWorker *worker = m_worker;
    onNetworkThread([worker, stream] {
        if (Subscription *s = worker->find(stream))
            s->resume();
    });
}

void StreamManager::restart(StreamId stream)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    NetworkWorker *worker = m_worker;
    onNetworkThread([worker, stream] {
        if (Subscription *s = worker->find(stream))
            s->restart();
    });
}

void StreamManager::restartAll()
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    NetworkWorker *worker = m_worker;
    onNetworkThread([worker] {
        for (Subscription *s : worker->all())
            s->restart();
    });
}

void StreamManager::stopAll()
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    NetworkWorker *worker = m_worker;
    runBlocking(worker, [worker] {
        for (Subscription *s : worker->all())
            s->stop();
    });
}

QList<StreamId> StreamManager::streams() const
{
    QList<StreamId> ids = m_streams.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

SubscriptionConfig StreamManager::config(StreamId stream) const
{
    return m_streams.value(stream).config;
}

SubscriptionStatus StreamManager::status(StreamId stream) const
{
    return m_streams.value(stream).status;
}

SubscriptionCounters StreamManager::counters(StreamId stream) const
{
    return m_streams.value(stream).counters;
}

LatencyDetection StreamManager::latencyDetection(StreamId stream) const
{
    return m_streams.value(stream).latency;
}

int StreamManager::networkManagerCount() const
{
    int count = 0;
    NetworkWorker *worker = m_worker;
    runBlocking(worker, [worker, &count] { count = worker->managerCount(); });
    return count;
}

void StreamManager::setBatchInterval(int ms)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    m_batcher.setMinimumInterval(ms);
}

void StreamManager::flush()
{
    Q_ASSERT(QThread::currentThread() == thread()); // the creating thread only
    // Round-trip through the network thread so that reads already handled
    // there have been published, then deliver.
    runBlocking(m_worker, [] {});
    m_batcher.flushNow();
}

void StreamManager::handleBatch(const EventBatchPtr &batch)
{
    for (auto it = batch->counters.cbegin(); it != batch->counters.cend(); ++it) {
        auto record = m_streams.find(it.key());
        if (record != m_streams.end())
            record->counters = it.value();
    }
    Q_EMIT eventsReceived(batch);
}

void StreamManager::recountOrigins()
{
    QHash<QString, OriginConnections> origins;
    for (const StreamRecord &record : std::as_const(m_streams))
        OriginConnections::add(origins, record.status);
    OriginConnections::finish(origins);
    if (origins == m_origins)
        return;
    m_origins = std::move(origins);
    Q_EMIT originConnectionsChanged();
}

OriginConnections StreamManager::originConnections(StreamId stream) const
{
    const auto record = m_streams.constFind(stream);
    if (record == m_streams.cend() || record->status.origin.isEmpty())
        return {};
    return m_origins.value(record->status.origin, OriginConnections { record->status.origin });
}

void StreamManager::handleStatus(StreamId stream, const SubscriptionStatus &status)
{
    auto record = m_streams.find(stream);
    if (record == m_streams.end())
        return;
    const bool recount = record->status.state != status.state
        || record->status.protocol != status.protocol || record->status.origin != status.origin;
    record->status = status;
    if (recount)
        recountOrigins();
    // A stream's last events and counters are delivered before its final
    // state, so whoever acts on "closed" or "failed" has seen everything.
    if (isFinal(status.state))
        m_batcher.flushNow();
    Q_EMIT statusChanged(stream, status);
}

void StreamManager::handleLatencyDetected(StreamId stream, const LatencyDetection &detection)
{
    auto record = m_streams.find(stream);
    if (record == m_streams.end())
        return;
    record->latency = detection;
    Q_EMIT latencyDetected(stream, detection);
}

} // namespace ssescope
