#pragma once

#include "core/net/StreamEnd.h"
#include "core/sse/SseEvent.h"

#include <QMetaType>
#include <QString>

namespace ssescope {

enum class SubscriptionState {
    Idle,
    Connecting,
    Open,
    Waiting, // until the next reconnection attempt
    Paused,
    Closed, // ended for good without an error (204, stopped, no-reconnect)
    Failed, // ended for good with an error
};

struct SubscriptionStatus
{
    SubscriptionState state = SubscriptionState::Idle;
    QString message; // the readable sentence behind the state
    qint64 retryInMs = 0; // while Waiting
    int attempt = 0; // consecutive failed attempts so far
    int httpStatus = 0; // of the last response, 0 if none
    // Of the last response: "HTTP/1.1" or "HTTP/2" (empty if none), and the
    // origin it came from (scheme://host:port, after redirects).
    QByteArray protocol;
    QString origin;
    // Steady time the state was entered, on the network thread: the owner
    // gets the status later than the events stamped around it.
    qint64 sinceSteadyNs = 0;
    // How the last connection that opened ended, how often each way, and a
    // proxy's idle timeout named when the cuts repeat (IdleCutDiagnosis).
    StreamEnd end = StreamEnd::None;
    StreamEndCounts ends {};
    QString diagnosis;
};

struct SubscriptionCounters
{
    quint64 connections = 0; // responses that opened as event streams
    quint64 reconnections = 0; // automatic retries; a pause, resume or restart is not one
    quint64 bytes = 0;
    quint64 chunks = 0;
    quint64 events = 0;
    quint64 comments = 0;
    quint64 errors = 0;
    quint64 latencyMisses = 0; // events whose send time the latency settings could not read
    qint64 connectedNs = 0; // time spent open, receiving: the stream's uptime
    // Token streams' time to first token, as facts of the latest request
    // (steady clock): when it started (redirects included), and when its
    // first token arrived (0 until then).
    qint64 requestSteadyNs = 0;
    qint64 firstTokenSteadyNs = 0;
};

QString stateName(SubscriptionState state);
bool isFinal(SubscriptionState state);

} // namespace ssescope

Q_DECLARE_METATYPE(ssescope::SubscriptionStatus)
