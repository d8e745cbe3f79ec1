#pragma once

#include "core/demo/DemoServerThread.h"
#include "core/net/StreamManager.h"

#include <QByteArrayList>
#include <QHash>
#include <QObject>

namespace ssescope::test {

// Collects everything a StreamManager reports, per stream.
class StreamRecorder final : public QObject
{
public:
    explicit StreamRecorder(StreamManager *manager, QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(manager, &StreamManager::eventsReceived, this, [this](const EventBatchPtr &batch) {
            ++batches;
            for (qsizetype i = 0; i < batch->eventCount(); ++i) {
                const SseEventView view = batch->event(i);
                SseEvent event;
                event.stream = view.stream;
                event.streamSeq = view.streamSeq;
                event.id = view.id.toByteArray();
                event.type = view.type.toByteArray();
                event.data = view.data.toByteArray();
                event.arrivalSteadyNs = view.arrivalSteadyNs;
                event.arrivalWallNs = view.arrivalWallNs;
                event.chunkIndex = view.chunkIndex;
                event.wireBytes = view.wireBytes;
                events[event.stream].push_back(std::move(event));
                latencies[view.stream].push_back(batch->latencyMs(i));
            }
            for (const SseComment &comment : batch->comments)
                comments[comment.stream].append(comment.text);
        });
        connect(manager, &StreamManager::statusChanged, this,
            [this](StreamId stream, const SubscriptionStatus &status) {
                statuses[stream].append(status);
            });
        connect(manager, &StreamManager::streamError, this,
            [this](StreamId stream, const QString &message) { errors[stream].append(message); });
    }

    QByteArrayList ids(StreamId stream) const
    {
        QByteArrayList out;
        for (const SseEvent &event : events.value(stream))
            out.append(event.id);
        return out;
    }
    qsizetype eventCount(StreamId stream) const { return qsizetype(events.value(stream).size()); }
    SubscriptionState lastState(StreamId stream) const
    {
        const auto list = statuses.value(stream);
        return list.isEmpty() ? SubscriptionState::Idle : list.last().state;
    }
    QString lastMessage(StreamId stream) const
    {
        const auto list = statuses.value(stream);
        return list.isEmpty() ? QString() : list.last().message;
    }
    QList<SubscriptionStatus> inState(StreamId stream, SubscriptionState state) const
    {
        QList<SubscriptionStatus> out;
        for (const SubscriptionStatus &status : statuses.value(stream)) {
            if (status.state == state)
                out.append(status);
        }
        return out;
    }

    QHash<StreamId, SseEventList> events;
    QHash<StreamId, std::vector<std::optional<double>>> latencies;
    QHash<StreamId, QByteArrayList> comments;
    QHash<StreamId, QList<SubscriptionStatus>> statuses;
    QHash<StreamId, QStringList> errors;
    int batches = 0;
};

inline QByteArrayList numbers(int from, int to)
{
    QByteArrayList out;
    for (int i = from; i <= to; ++i)
        out.append(QByteArray::number(i));
    return out;
}

// A subscription that reconnects quickly, so tests of reconnection and faults
// take milliseconds rather than the default seconds.
inline SubscriptionConfig fastRetryConfig(const QUrl &url)
{
    SubscriptionConfig c;
    c.url = url;
    c.reconnect.initialRetryMs = 30;
    c.reconnect.maxBackoffMs = 200;
    return c;
}

} // namespace ssescope::test
