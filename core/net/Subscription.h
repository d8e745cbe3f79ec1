#pragma once

#include "core/latency/LatencyAutoDetector.h"
#include "core/latency/LatencyExtractor.h"
#include "core/net/EventBatch.h"
#include "core/net/HeaderFloodGuard.h"
#include "core/net/ProxyChoice.h"
#include "core/net/ReconnectBackoff.h"
#include "core/net/SubscriptionConfig.h"
#include "core/net/SubscriptionStatus.h"
#include "core/sse/NdjsonParser.h"
#include "core/sse/SseParser.h"
#include "core/stats/TokenStream.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace ssescope {

class DirectEventConsumer;
class EventBatcher;
class NetworkShardPool;

// One SSE stream: request, parse, stamp, reconnect. Lives on the network
// thread. The reconnection state machine is Connecting -> Open -> Waiting ->
// Connecting ..., ending in Closed (204, stopped) or Failed (a response the
// spec says to fail, or attempts used up); Paused leaves it on demand.
class Subscription final : public QObject, private SseParserSink
{
    Q_OBJECT
public:
    // With a direct consumer, events go to it as views on this thread and only
    // counters go through the batcher.
    Subscription(StreamId id, SubscriptionConfig config, NetworkShardPool *pool,
        EventBatcher *batcher, DirectEventConsumer *direct = nullptr, QObject *parent = nullptr);
    ~Subscription() override;
    Q_DISABLE_COPY_MOVE(Subscription)

    void start();
    void pause();
    void resume();
    void restart(); // drop and reconnect now, sending Last-Event-ID
    void stop();

    StreamId id() const { return m_id; }
    const SubscriptionConfig &config() const { return m_config; }
    const SubscriptionStatus &status() const { return m_status; }
    SubscriptionCounters counters() const; // connectedNs includes the current connection
    QByteArray lastEventId() const { return m_parser.lastEventId(); }

Q_SIGNALS:
    void statusChanged(ssescope::StreamId stream, const ssescope::SubscriptionStatus &status);
    // Trouble that does not change the state, such as an oversized event.
    void errorOccurred(ssescope::StreamId stream, const QString &message);
    // Auto-detection decided (Found or NotFound); at most once per stream.
    void latencyDetected(ssescope::StreamId stream, const ssescope::LatencyDetection &detection);

private:
    enum class Verdict { Pending, Open, Rejected };

    void connectNow();
    void sendRequest(const QString &statusMessage);
    qint64 untilHeadersMs() const;
    QString tlsTag() const;
    void handleMetaDataChanged();
    void handleReadyRead();
    void handleFinished();
    void handleReplyError(QNetworkReply *reply);
    void handleWatchdogTimeout();
    Verdict evaluateResponse();
    bool acceptsContentType(const QByteArray &essence) const;
    void followRedirect(int status);
    bool connectionWasHealthy() const;
    void dropReply();
    void abandonReply();
    void reconnectLater(
        bool healthy, const QString &reason, qint64 minimumDelayMs = 0, bool cleanEnd = false);
    void endFor(SubscriptionState finalState, const QString &message);
    // A connection that had opened ended: transport says how (Framing, Reset,
    // Timeout or Clean); what the events said comes first.
    void noteEnd(StreamEnd transport);
    void checkEndMarkers(const SseEventView &event);
    void setStatus(SubscriptionState state, const QString &message, qint64 retryInMs = 0);
    void publish();
    // Backpressure: whether the batcher has room; if not, reading stops
    // until resumeReading().
    bool mayRead();
    void resumeReading();

    std::optional<double> detectLatency(const SseEventView &event);

    void handleEvent(SseEvent &&event) override;
    void handleEventView(const SseEventView &event) override;
    void handleComment(QByteArrayView text, const ChunkStamp &stamp) override;
    void handleRetry(qint64 milliseconds) override;
    void checkEventsComplete(qint64 nowNs);
    void eventsCompleteAgain();
    // No event nor comment completed after this many bytes, or for this long
    // while bytes keep coming: the stream's sentence says so.
    static constexpr quint64 kNoEventBytes = 16 * 1024 * 1024;
    static constexpr qint64 kNoEventNs = 10'000'000'000;
    void handleParseError(SseParseError error, qsizetype bytes) override;

    const StreamId m_id;
    const SubscriptionConfig m_config;
    NetworkShardPool *m_pool;
    EventBatcher *m_batcher;
    DirectEventConsumer *m_direct;
    SseParser m_parser;
    // BodyFormat::Ndjson: bodies go here instead, to the same sink.
    std::unique_ptr<NdjsonParser> m_ndjson;
    // Token streams: the first token of each request, for time to first token.
    TokenDeltaReader m_tokenReader;
    bool m_firstTokenPending = false;
    ReconnectBackoff m_backoff;
    SubscriptionStatus m_status;
    SubscriptionCounters m_counters;

    QNetworkAccessManager *m_manager = nullptr;
    QPointer<QNetworkReply> m_reply;
    Verdict m_verdict = Verdict::Pending;
    // The current hop of this attempt: redirects change URL, method and body.
    QUrl m_currentUrl;
    QByteArray m_currentMethod;
    QByteArray m_currentBody;
    int m_redirects = 0;
    bool m_crossedOrigin = false; // secrets are no longer sent
    bool m_deliveredEvent = false; // on the current connection
    // Hostile bodies (junk that is no SSE, bytes one a second, an event that
    // never ends): bytes and time since the last event or comment on this
    // connection, and whether the stream's sentence says so already.
    quint64 m_bytesSinceEvent = 0;
    bool m_completedSomething = false; // an event or a comment, on the current connection
    qint64 m_sinceEventNs = 0;
    bool m_saidNoEvent = false;
    quint64 m_chunkIndex = 0;
    // Why the current connection ends (StreamEnd): what its events said, its
    // body's length as announced and as read, and when its last byte came.
    bool m_sawErrorEvent = false;
    bool m_sawTerminal = false;
    qint64 m_contentLength = -1; // -1: none announced
    bool m_chunked = false;
    quint64 m_connectionBytes = 0;
    qint64 m_lastByteNs = 0;
    IdleCutDiagnosis m_cuts;
    qint64 m_openSinceNs = 0; // steady time the current connection opened, 0 if not open
    QString m_tlsDetail;
#if QT_CONFIG(ssl)
    QSslConfiguration m_sslConfiguration; // null unless caFile adds certificates
#endif
    // acquire() said wait: another stream is learning the origin's protocol.
    bool m_waitingForProtocol = false;
    QString m_waitingMessage; // the Connecting sentence to show once it sends
    EventBatch m_outBatch;
    EventBatch::SharedTexts m_sharedTexts; // kept across batches: one copy per change
    LatencyExtractor m_latency; // on this thread, so the owner never parses an event
    // Set while LatencySource::Auto is still looking; reset for good once it
    // decides, so that afterwards events cost only m_latency's check.
    std::optional<LatencyAutoDetector> m_autoDetector;
    bool m_readBlocked = false; // the batcher is full: bytes wait in the reply

    QTimer m_watchdog; // connect and headers timeout, then idle timeout
    QTimer m_retryTimer; // the wait before reconnecting
    HeaderFloodGuard m_headerGuard; // bounds the response headers Qt reads without limit
    const ProxyEnvironment m_proxyEnvironment; // read once, when the stream is added
    ProxyChoice m_proxy; // the current hop's: each redirect target chooses again
};

} // namespace ssescope
