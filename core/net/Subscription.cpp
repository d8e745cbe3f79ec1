#include "Subscription.h"

#include "common/Clock.h"
#include "net/DirectEventConsumer.h"
#include "net/ErrorText.h"
#include "net/EventBatcher.h"
#include "net/NetLogging.h"
#include "net/NetworkShardPool.h"
#include "sse/Utf8.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

constexpr qsizetype kReadChunkBytes = 64 * 1024;
// A read loop hands its events over at least this often, so that one large
// read cannot grow the subscription's own batch past the batcher's limits.
constexpr qint64 kPublishBytes = 256 * 1024;
constexpr qsizetype kPublishEvents = 4096;

QByteArray mimeEssence(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

bool isRetryableStatus(int status)
{
    return status >= 500 || status == 408 || status == 429;
}

// Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
qint64 retryAfterMs(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok)
        return std::max<qint64>(0, seconds) * 1000;
    const QDateTime when
        = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    return when.isValid() ? std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when)) : 0;
}

} // namespace

Subscription::Subscription(StreamId id, SubscriptionConfig config, NetworkShardPool *pool,
    EventBatcher *batcher, DirectEventConsumer *direct, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_config(std::move(config))
    , m_pool(pool)
    , m_batcher(batcher)
    , m_direct(direct)
    , m_parser(id, this, SseParserLimits { m_config.maxEventBytes, m_config.maxEventBytes },
          EventDelivery::Views)
    , m_backoff(m_config.reconnect)
    , m_latency(m_config.latency)
{
    m_parser.setLastEventId(m_config.lastEventId);
    m_readBuffer.resize(kReadChunkBytes);
    m_watchdog.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &Subscription::handleWatchdogTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &Subscription::connectNow);
    if (!m_direct)
        connect(m_batcher, &EventBatcher::roomAvailable, this, &Subscription::resumeReading);
}

Subscription::~Subscription()
{
    dropReply();
}

void Subscription::start()
{
    if (m_status.state == SubscriptionState::Idle)
        connectNow();
}

void Subscription::pause()
{
    if (isFinal(m_status.state) || m_status.state == SubscriptionState::Paused)
        return;
    dropReply();
    m_retryTimer.stop();
    setStatus(SubscriptionState::Paused, u"Paused."_s);
}

void Subscription::resume()
{
    if (m_status.state == SubscriptionState::Open
        || m_status.state == SubscriptionState::Connecting)
        return;
    restart();
}

void Subscription::restart()
{
    dropReply();
    m_retryTimer.stop();
    m_backoff.reset();
    connectNow();
}

void Subscription::stop()
{
    if (isFinal(m_status.state))
        return;
    dropReply();
    m_retryTimer.stop();
    setStatus(SubscriptionState::Closed, u"Stopped."_s);
}

void Subscription::connectNow()
{
    m_parser.resetConnection();
    if (m_attemptedBefore)
        ++m_counters.reconnections;
    m_attemptedBefore = true;
    m_verdict = Verdict::Pending;
    m_receivedBody = false;
    m_tlsDetail.clear();
    m_status.httpStatus = 0;

    QNetworkRequest request(m_config.url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setRawHeader("User-Agent", "SSEScope/" QT_STRINGIFY(SSESCOPE_VERSION));
    if (!m_config.allowCompression) // else Qt offers gzip and inflates for us
        request.setRawHeader("Accept-Encoding", "identity");
    for (const auto &[name, value] : m_config.headers)
        request.setRawHeader(name, value);
    const QByteArray lastId = m_parser.lastEventId();
    if (!lastId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastId);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(m_config.maxRedirects);
    if (m_config.http2PriorKnowledge)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);

    m_manager = m_pool->acquire(m_config.url, m_config.http2PriorKnowledge);
    QNetworkReply *reply = (m_config.method == "GET" && m_config.body.isEmpty())
        ? m_manager->get(request)
        : m_manager->sendCustomRequest(request, m_config.method, m_config.body);
    reply->setParent(this);
    reply->setReadBufferSize(m_config.readBufferBytes);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &Subscription::handleMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &Subscription::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &Subscription::handleFinished);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        if (m_config.ignoreTlsErrors) {
            reply->ignoreSslErrors();
            return;
        }
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        m_tlsDetail = texts.join(u"; "_s);
    });
#endif

    setStatus(
        SubscriptionState::Connecting, u"Connecting to %1."_s.arg(m_config.url.toDisplayString()));
    if (m_config.connectTimeoutMs > 0)
        m_watchdog.start(static_cast<int>(m_config.connectTimeoutMs));
}

SubscriptionCounters Subscription::counters() const
{
    SubscriptionCounters now = m_counters;
    if (m_openSinceNs > 0)
        now.connectedNs += steadyNowNs() - m_openSinceNs;
    return now;
}

void Subscription::dropReply()
{
    m_watchdog.stop();
    if (m_openSinceNs > 0) {
        m_counters.connectedNs += steadyNowNs() - m_openSinceNs;
        m_openSinceNs = 0;
    }
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    // Aborting from inside the reply's own signal makes Qt report the error
    // twice; a queued abort runs just after, before the deferred delete.
    QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
    reply->deleteLater();
    m_pool->release(m_manager, m_config.url, m_config.http2PriorKnowledge);
    m_manager = nullptr;
}

Subscription::Verdict Subscription::evaluateResponse()
{
    if (m_verdict != Verdict::Pending || !m_reply)
        return m_verdict;
    const QVariant statusAttribute = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return Verdict::Pending;
    const int status = statusAttribute.toInt();
    m_status.httpStatus = status;
    if (status >= 300 && status < 400 && m_reply->hasRawHeader("Location")) {
        if (m_reply->error() == QNetworkReply::NoError)
            return Verdict::Pending; // Qt is following the redirect
        // A redirect loop or a downgrade to http will not mend itself.
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        endFor(SubscriptionState::Failed,
            errortext::network(m_reply->error(), m_config.url, m_reply->errorString()));
        return m_verdict;
    }

    if (status == 204) {
        m_verdict = Verdict::Rejected;
        endFor(SubscriptionState::Closed, errortext::noContent());
        return m_verdict;
    }
    if (status != 200) {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        const QString message = errortext::httpStatus(
            status, m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        if (m_config.reconnect.kind == ReconnectPolicyKind::Resilient && isRetryableStatus(status))
            reconnectLater(false, message, retryAfterMs(m_reply->rawHeader("Retry-After")));
        else
            endFor(SubscriptionState::Failed, message);
        return m_verdict;
    }
    const QByteArray contentType = m_reply->rawHeader("Content-Type");
    if (mimeEssence(contentType) != "text/event-stream") {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        endFor(SubscriptionState::Failed, errortext::wrongContentType(contentType));
        return m_verdict;
    }
    m_verdict = Verdict::Open;
    ++m_counters.connections;
    m_openSinceNs = steadyNowNs();
    setStatus(SubscriptionState::Open, u"Receiving events."_s);
    if (m_config.idleTimeoutMs > 0)
        m_watchdog.start(static_cast<int>(m_config.idleTimeoutMs));
    else
        m_watchdog.stop();
    return m_verdict;
}

void Subscription::handleMetaDataChanged()
{
    evaluateResponse();
}

void Subscription::handleReadyRead()
{
    if (evaluateResponse() != Verdict::Open || !mayRead())
        return;
    QNetworkReply *reply = m_reply;
    const ChunkStamp stamp = stampNow(++m_chunkIndex);
    bool any = false;
    // Read into one reused buffer: readAll() allocates per read and was both
    // slower and several times hungrier when measured on loopback.
    for (;;) {
        const qint64 n = reply->read(m_readBuffer.data(), m_readBuffer.size());
        if (n <= 0)
            break;
        any = true;
        m_counters.bytes += static_cast<quint64>(n);
        m_parser.feed(QByteArrayView(m_readBuffer.constData(), n), stamp);
        if (m_reply != reply) // a parse callback ended the connection
            break;
        if (m_outBatch.bytes() >= kPublishBytes || m_outBatch.eventCount() >= kPublishEvents) {
            publish();
            if (!mayRead())
                break;
        }
    }
    if (!any)
        return;
    if (m_direct)
        m_direct->endOfRead();
    ++m_counters.chunks;
    m_receivedBody = true;
    if (m_config.idleTimeoutMs > 0 && m_reply == reply && !m_readBlocked)
        m_watchdog.start(static_cast<int>(m_config.idleTimeoutMs));
    publish();
}

void Subscription::publish()
{
    m_batcher->publish(m_outBatch, m_id, counters());
}

bool Subscription::mayRead()
{
    if (m_direct || m_batcher->admit()) {
        m_readBlocked = false; // e.g. a new connection after a restart while blocked
        return true;
    }
    if (!m_readBlocked) {
        qCDebug(lcNet, "stream %u: the owner is behind; reading stops", m_id);
        m_readBlocked = true;
        m_watchdog.stop(); // a stream held back by us is not idle
    }
    return false;
}

void Subscription::resumeReading()
{
    if (!m_readBlocked)
        return;
    m_readBlocked = false;
    if (!m_reply)
        return;
    qCDebug(lcNet, "stream %u: reading again", m_id);
    handleReadyRead();
    if (m_reply && !m_readBlocked) {
        if (m_reply->isFinished() && m_reply->bytesAvailable() == 0)
            handleFinished(); // it finished while we were not reading
        else if (m_config.idleTimeoutMs > 0 && !m_watchdog.isActive())
            m_watchdog.start(static_cast<int>(m_config.idleTimeoutMs));
    }
}

void Subscription::handleFinished()
{
    if (!m_reply)
        return;
    const Verdict verdict = evaluateResponse();
    if (verdict == Verdict::Rejected)
        return;
    if (verdict == Verdict::Open && m_reply->bytesAvailable() > 0)
        handleReadyRead();
    if (!m_reply || m_readBlocked) // blocked: resumeReading() finishes once the bytes are read
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const QString detail = m_tlsDetail.isEmpty() ? m_reply->errorString() : m_tlsDetail;
    const bool opened = verdict == Verdict::Open;
    if (opened
        && (error == QNetworkReply::NoError || error == QNetworkReply::RemoteHostClosedError)) {
        reconnectLater(m_receivedBody, errortext::streamEnded(), 0, true);
        return;
    }
    ++m_counters.errors;
    reconnectLater(opened && m_receivedBody, errortext::network(error, m_config.url, detail));
}

void Subscription::handleWatchdogTimeout()
{
    ++m_counters.errors;
    if (m_verdict == Verdict::Open)
        reconnectLater(m_receivedBody, errortext::idleTimeout(m_config.idleTimeoutMs));
    else
        reconnectLater(false, errortext::connectTimeout(m_config.connectTimeoutMs));
}

void Subscription::reconnectLater(
    bool healthy, const QString &reason, qint64 minimumDelayMs, bool cleanEnd)
{
    dropReply();
    if (!m_config.reconnect.reconnect) {
        endFor(cleanEnd ? SubscriptionState::Closed : SubscriptionState::Failed, reason);
        return;
    }
    qint64 delay
        = healthy ? m_backoff.delayAfterHealthyConnection() : m_backoff.delayAfterFailure();
    if (!healthy && m_backoff.attemptsExhausted()) {
        endFor(
            SubscriptionState::Failed, errortext::gaveUp(m_backoff.consecutiveFailures(), reason));
        return;
    }
    delay = std::max(delay, minimumDelayMs);
    m_status.attempt = m_backoff.consecutiveFailures();
    setStatus(SubscriptionState::Waiting, reason, delay);
    m_retryTimer.start(static_cast<int>(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

void Subscription::endFor(SubscriptionState finalState, const QString &message)
{
    dropReply();
    m_retryTimer.stop();
    setStatus(finalState, message);
}

void Subscription::setStatus(SubscriptionState state, const QString &message, qint64 retryInMs)
{
    m_status.state = state;
    m_status.message = message;
    m_status.retryInMs = retryInMs;
    if (state == SubscriptionState::Open)
        m_status.attempt = 0;
    publish(); // events and counters first, so that a final state follows them
    Q_EMIT statusChanged(m_id, m_status);
}

void Subscription::handleEvent(SseEvent &&event)
{
    Q_UNUSED(event); // the parser delivers views: events are copied flat into m_outBatch
    Q_UNREACHABLE();
}

void Subscription::handleEventView(const SseEventView &event)
{
    ++m_counters.events;
    if (m_direct) {
        m_direct->consumeEvent(event);
        return;
    }
    std::optional<double> latency;
    if (m_latency.isEnabled()) {
        latency = m_latency.latencyMs(event.id, event.data, event.arrivalWallNs);
        if (!latency)
            ++m_counters.latencyMisses;
    }
    m_outBatch.append(event, m_sharedTexts, latency);
}

void Subscription::handleComment(QByteArrayView text, const ChunkStamp &stamp)
{
    ++m_counters.comments;
    if (m_direct) {
        m_direct->consumeComment(m_id, text, stamp);
        return;
    }
    m_outBatch.comments.push_back(
        SseComment { m_id, utf8::sanitized(text), stamp.steadyNs, stamp.wallNs });
}

void Subscription::handleRetry(qint64 milliseconds)
{
    m_backoff.setBaseDelay(milliseconds);
}

void Subscription::handleParseError(SseParseError error, qsizetype bytes)
{
    ++m_counters.errors;
    Q_EMIT errorOccurred(m_id, errortext::parse(error, bytes));
}

} // namespace ssescope
