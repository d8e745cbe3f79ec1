#include "Subscription.h"

#include "core/common/Clock.h"
#include "core/latency/JsonPointer.h"
#include "core/net/DirectEventConsumer.h"
#include "core/net/ErrorText.h"
#include "core/net/EventBatcher.h"
#include "core/net/NetLogging.h"
#include "core/net/NetworkShardPool.h"
#include "core/sse/Utf8.h"

#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QScopedValueRollback>
#include <QThread>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#endif

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

constexpr qsizetype kReadChunkBytes = 64 * 1024;

// One read buffer per network thread, shared by all its subscriptions: a read
// is parsed before the next one starts, and the parser keeps no view into it.
// A buffer per subscription was 64 KiB a stream whose pages the replay bursts
// after reconnections faulted in one by one: under the soak (500 streams,
// tests/integration/tst_soak) RSS grew by a third past the store's cap.
QByteArray &threadReadBuffer()
{
    thread_local QByteArray buffer(kReadChunkBytes, Qt::Uninitialized);
    return buffer;
}
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

bool isFollowedRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// A connection counts as healthy, and resets the backoff, once it delivered an
// event or stayed open this long. Body bytes alone are not enough: a server that
// sends one comment and closes would otherwise be hit at the base delay for
// ever, and the attempt limit would never trip.
constexpr qint64 kHealthyOpenNs = 10'000'000'000LL;

int timerMs(qint64 ms)
{
    return static_cast<int>(std::clamp<qint64>(ms, 0, SubscriptionConfig::kMaxTimerMs));
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

// Headers that describe a request body, dropped with the body when a redirect
// turns the request into a GET (Fetch's "request-body-header name").
bool isBodyHeader(QByteArrayView name)
{
    static constexpr QByteArrayView kNames[] = { "content-type", "content-length",
        "content-encoding", "content-language", "content-location" };
    return std::any_of(std::begin(kNames), std::end(kNames),
        [name](QByteArrayView other) { return name.compare(other, Qt::CaseInsensitive) == 0; });
}

// Fetch's "extract a MIME type": with repeated Content-Type headers the last
// one that parses wins. Qt 6.4 hands them over joined with ", "
// (QNetworkReplyHttpImpl appends each repeated header to the value it holds),
// so split them again, outside quoted parameter values.
QByteArray lastContentType(const QByteArray &joined)
{
    QByteArray last;
    qsizetype start = 0;
    bool quoted = false;
    for (qsizetype i = 0; i <= joined.size(); ++i) {
        const char c = i < joined.size() ? joined.at(i) : ',';
        if (c == '"')
            quoted = !quoted;
        else if (c == '\\' && quoted)
            ++i;
        else if (c == ',' && !quoted) {
            const QByteArray part = joined.mid(start, i - start).trimmed();
            if (mimeEssence(part).contains('/'))
                last = part;
            start = i + 1;
        }
    }
    return last.isEmpty() ? joined.trimmed() : last;
}

// Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
qint64 retryAfterMs(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok)
        return std::clamp<qint64>(seconds, 0, SubscriptionConfig::kMaxTimerMs / 1000) * 1000;
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
    , m_tokenReader(m_config.tokens)
    , m_backoff(m_config.reconnect)
    , m_latency(m_config.latency)
    , m_headerGuard(pool->socketCensus())
    , m_proxyEnvironment(ProxyEnvironment::fromProcess())
{
    m_headerGuard.setUnreadBytes(
        [this] { return m_reply ? quint64(std::max<qint64>(0, m_reply->bytesAvailable())) : 0; });
    m_headerGuard.setOnOverrun([this] {
        ++m_counters.errors;
        reconnectLater(false, errortext::headersTooLarge(HeaderFloodGuard::kMaxHeaderBytes));
    });
    m_parser.setLastEventId(m_config.lastEventId);
    if (m_config.bodyFormat == BodyFormat::Ndjson)
        // new: make_unique could not see this class's private sink base.
        m_ndjson.reset(new NdjsonParser(id, this,
            SseParserLimits { m_config.maxEventBytes, m_config.maxEventBytes },
            EventDelivery::Views));
    if (m_config.latency.source == LatencySource::Auto)
        m_autoDetector.emplace();
    m_watchdog.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &Subscription::handleWatchdogTimeout);
    // Only these count as reconnections: a pause, resume or restart is the
    // user's doing, not the stream's trouble.
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        ++m_counters.reconnections;
        connectNow();
    });
    if (!m_direct)
        connect(m_batcher, &EventBatcher::roomAvailable, this, &Subscription::resumeReading);
    connect(m_pool, &NetworkShardPool::protocolLearned, this, [this](const QString &origin) {
        if (m_waitingForProtocol && origin == NetworkShardPool::originKey(m_currentUrl, false)) {
            m_waitingForProtocol = false;
            sendRequest(m_waitingMessage);
        }
    });
}

Subscription::~Subscription()
{
    dropReply();
}

void Subscription::start()
{
    if (m_status.state != SubscriptionState::Idle)
        return;
    if (const QString problem = SubscriptionConfig::caFileProblem(m_config.caFile);
        !problem.isEmpty()) {
        ++m_counters.errors;
        endFor(SubscriptionState::Failed, problem);
        return;
    }
#if QT_CONFIG(ssl)
    if (!m_config.caFile.isEmpty()) {
        QFile file(m_config.caFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_sslConfiguration = QSslConfiguration::defaultConfiguration();
            m_sslConfiguration.addCaCertificates(QSslCertificate::fromDevice(&file, QSsl::Pem));
        }
    }
#endif
    connectNow();
}

void Subscription::pause()
{
    if (isFinal(m_status.state) || m_status.state == SubscriptionState::Paused)
        return;
    dropReply();
    m_retryTimer.stop();
    setStatus(SubscriptionState::Paused, tr("Paused."));
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
    setStatus(SubscriptionState::Closed, tr("Stopped."));
}

void Subscription::connectNow()
{
    m_parser.resetConnection();
    if (m_ndjson)
        m_ndjson->resetConnection();
    // Time to first token counts from here, redirects and all, as a user waits.
    m_counters.requestSteadyNs = steadyNowNs();
    m_counters.firstTokenSteadyNs = 0;
    m_firstTokenPending = m_tokenReader.isEnabled();
    m_currentUrl = m_config.url;
    m_currentMethod = m_config.method;
    m_currentBody = m_config.body;
    m_redirects = 0;
    m_crossedOrigin = false;
    m_headerGuard.beginAttempt();
    sendRequest(tr("Connecting to %1.").arg(displayUrl(m_config.url)));
    // One deadline for the whole attempt, redirects included.
    m_watchdog.start(timerMs(untilHeadersMs()));
}

// The connect timeout already runs until the headers are complete; with it off,
// the headers timeout still bounds that time. Qt 6.4 itself reads
// response headers without any limit (21 MB in 6 s were accepted).
qint64 Subscription::untilHeadersMs() const
{
    return m_config.connectTimeoutMs > 0 ? m_config.connectTimeoutMs : m_config.headersTimeoutMs;
}

void Subscription::sendRequest(const QString &statusMessage)
{
    Q_ASSERT(!m_reply);
    m_verdict = Verdict::Pending;
    m_deliveredEvent = false;
    m_sawErrorEvent = false;
    m_sawTerminal = false;
    m_contentLength = -1;
    m_chunked = false;
    m_connectionBytes = 0;
    m_lastByteNs = 0;
    m_bytesSinceEvent = 0;
    m_completedSomething = false;
    m_sinceEventNs = 0;
    m_saidNoEvent = false;
    m_tlsDetail.clear();
    m_status.httpStatus = 0;
    m_status.protocol.clear();
    m_status.origin.clear();

    QNetworkRequest request(m_currentUrl);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setRawHeader("User-Agent", "SSEScope/" SSESCOPE_VERSION_STRING);
    if (!m_config.allowCompression) // else Qt offers gzip and inflates for us
        request.setRawHeader("Accept-Encoding", "identity");
    const bool bodyDropped = m_currentBody.isEmpty() && !m_config.body.isEmpty();
    for (const auto &[name, value] : m_config.headers) {
        if ((m_crossedOrigin && m_config.isSecretHeader(name))
            || (bodyDropped && isBodyHeader(name)))
            continue;
        request.setRawHeader(name, value);
    }
    const QByteArray lastId = m_parser.lastEventId();
    if (!lastId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastId);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // We follow redirects ourselves (followRedirect()): each hop gets its own
    // reply, its own shard, and only the headers its origin may see.
    // Why not Qt's redirect following: Qt 6.4 keeps one
    // QNetworkReply across the hops, and QNetworkReplyHttpImpl's
    // replyDownloadMetaData() appends every header it receives to the value the
    // reply already holds (only Location is reset). Whether the 302's headers
    // reach it before the redirect is taken is a race between the HTTP thread
    // and ours, so about one redirected stream in six ended with Content-Type
    // "text/plain; charset=utf-8, text/event-stream; charset=utf-8" and failed.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_config.http2PriorKnowledge)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
#if QT_CONFIG(ssl)
    if (!m_sslConfiguration.isNull())
        request.setSslConfiguration(m_sslConfiguration);
#endif

    // The shard is chosen for the origin actually connected to: Qt's limit of
    // six connections applies there, not to the configured URL.
    m_proxy = ProxyChoice::choose(m_currentUrl, m_config.proxy, m_proxyEnvironment);
    m_manager = m_pool->acquire(
        m_currentUrl, m_config.http2PriorKnowledge, tlsTag(), m_proxy.networkProxy());
    if (!m_manager) {
        // Another stream's connection is learning whether this origin speaks
        // HTTP/2; protocolLearned() sends this request (or the watchdog ends it).
        m_waitingForProtocol = true;
        m_waitingMessage = statusMessage;
        setStatus(SubscriptionState::Connecting,
            tr("Waiting for the first connection to %1 to tell whether it speaks HTTP/2.")
                .arg(m_currentUrl.authority()));
        return;
    }
    QNetworkReply *reply = (m_currentMethod == "GET" && m_currentBody.isEmpty())
        ? m_manager->get(request)
        : m_manager->sendCustomRequest(request, m_currentMethod, m_currentBody);
    reply->setParent(this);
    reply->setReadBufferSize(m_config.readBufferBytes);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &Subscription::handleMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &Subscription::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &Subscription::handleFinished);
    connect(reply, &QNetworkReply::errorOccurred, this, [this, reply] { handleReplyError(reply); });
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

    // Through a proxy our socket's peer is the proxy.
    m_headerGuard.watch(
        m_proxy.isDirect() ? m_currentUrl : QUrl(u"http://"_s + m_proxy.hostPort()));
    setStatus(SubscriptionState::Connecting,
        m_proxy.isDirect() ? statusMessage
                           : errortext::viaProxy(statusMessage, m_proxy.hostPort()));
}

// Qt shares a manager's connection to an origin between requests whatever
// their TLS settings: one verified with another stream's CA, or not verified
// at all, must not carry this one.
QString Subscription::tlsTag() const
{
    if (m_currentUrl.scheme().compare(u"https", Qt::CaseInsensitive) != 0)
        return {};
    return (m_config.ignoreTlsErrors ? u"insecure:"_s : QString())
        + (m_config.caFile.isEmpty() ? QString() : u"ca="_s + m_config.caFile);
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
    m_headerGuard.reset();
    if (m_openSinceNs > 0) {
        m_counters.connectedNs += steadyNowNs() - m_openSinceNs;
        m_openSinceNs = 0;
    }
    abandonReply();
}

void Subscription::abandonReply()
{
    m_waitingForProtocol = false;
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    // Aborting from inside the reply's own signal makes Qt report the error
    // twice; a queued abort runs just after, before the deferred delete. A
    // reply that already failed is not aborted: Qt would report a second error
    // ("this method must only be called once"); deleting it ends the request.
    QMetaObject::invokeMethod(
        reply,
        [reply] {
            if (reply->error() == QNetworkReply::NoError && !reply->isFinished())
                reply->abort();
        },
        Qt::QueuedConnection);
    reply->deleteLater();
    m_pool->release(m_manager, m_currentUrl, m_config.http2PriorKnowledge, tlsTag());
    m_manager = nullptr;
}

// text/event-stream; NDJSON's own types when the body is NDJSON; anything
// when the subscription says so (a server that sends the wrong type).
bool Subscription::acceptsContentType(const QByteArray &essence) const
{
    if (m_config.acceptAnyContentType)
        return true;
    if (m_config.bodyFormat == BodyFormat::Ndjson)
        return essence == "application/x-ndjson" || essence == "application/jsonl"
            || essence == "application/ndjson" || essence == "application/json-lines"
            || essence == "application/jsonlines" || essence == "application/x-jsonlines";
    return essence == "text/event-stream";
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
    const bool http2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    m_status.protocol = http2 ? QByteArrayLiteral("HTTP/2") : QByteArrayLiteral("HTTP/1.1");
    m_status.origin = NetworkShardPool::originKey(m_currentUrl, false);
    if (!m_config.http2PriorKnowledge)
        m_pool->learnProtocol(m_manager, m_currentUrl, http2);
    quint64 headerBytes = 32; // the status line
    for (const QNetworkReply::RawHeaderPair &header : m_reply->rawHeaderPairs())
        headerBytes += quint64(header.first.size() + header.second.size() + 4);
    m_headerGuard.setHeaderBytes(headerBytes);
    m_headerGuard.headersComplete();
    if (isFollowedRedirect(status) && m_reply->hasRawHeader("Location")) {
        followRedirect(status);
        return Verdict::Pending; // for the next hop's reply, if any
    }

    if (status == 204) {
        m_verdict = Verdict::Rejected;
        endFor(SubscriptionState::Closed, errortext::noContent());
        return m_verdict;
    }
    if (status != 200) {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        const QByteArray reason
            = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        // 300, 304, 305 and a redirect without Location are statuses like any
        // other: never followed, and never retried, since a 3xx will not mend.
        QString message = status >= 300 && status < 400
            ? errortext::redirectStatus(status, reason, m_reply->hasRawHeader("Location"))
            : errortext::httpStatus(status, reason);
        if (status == 407 && !m_proxy.isDirect())
            message = errortext::proxyFailed(QNetworkReply::ProxyAuthenticationRequiredError,
                m_proxy.hostPort(), m_currentUrl, {});
        else if (!m_proxy.isDirect())
            message = errortext::throughProxy(message, m_proxy.hostPort());
        if (m_config.reconnect.kind == ReconnectPolicyKind::Resilient && isRetryableStatus(status))
            reconnectLater(false, message, retryAfterMs(m_reply->rawHeader("Retry-After")));
        else
            endFor(SubscriptionState::Failed, message);
        return m_verdict;
    }
    const QByteArray contentType = lastContentType(m_reply->rawHeader("Content-Type"));
    if (!acceptsContentType(mimeEssence(contentType))) {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        endFor(SubscriptionState::Failed,
            errortext::unexpectedContentType(
                contentType, m_config.bodyFormat == BodyFormat::Ndjson));
        return m_verdict;
    }
    // Asked for identity, Qt leaves a compressed body as it came: parsed as
    // events it was junk, then "cut in the middle" when the server closed
    // (a decompression bomb was said so).
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!m_config.allowCompression && !encoding.isEmpty() && encoding != "identity") {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        endFor(SubscriptionState::Failed, errortext::unrequestedEncoding(encoding));
        return m_verdict;
    }
    m_verdict = Verdict::Open;
    ++m_counters.connections;
    m_openSinceNs = steadyNowNs();
    m_lastByteNs = m_openSinceNs;
    m_chunked = m_reply->rawHeader("Transfer-Encoding").toLower().contains("chunked");
    if (encoding.isEmpty() || encoding == "identity") { // decoded, the body has another length
        bool ok = false;
        const qint64 length = m_reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
        m_contentLength = ok && !m_chunked ? length : -1;
    }
    m_sinceEventNs = m_openSinceNs;
    setStatus(SubscriptionState::Open, tr("Receiving events."));
    if (m_config.idleTimeoutMs > 0)
        m_watchdog.start(timerMs(m_config.idleTimeoutMs));
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
    // slower and several times hungrier when measured on loopback. Should a
    // callback ever read another stream on this thread meanwhile, that one
    // gets a buffer of its own.
    thread_local bool threadBufferInUse = false;
    QByteArray ownBuffer;
    const bool shared = !threadBufferInUse;
    if (!shared)
        ownBuffer.resize(kReadChunkBytes);
    QByteArray &buffer = shared ? threadReadBuffer() : ownBuffer;
    const QScopedValueRollback inUse(threadBufferInUse, true);
    for (;;) {
        const qint64 n = reply->read(buffer.data(), buffer.size());
        if (n <= 0)
            break;
        any = true;
        m_counters.bytes += static_cast<quint64>(n);
        m_connectionBytes += static_cast<quint64>(n);
        m_bytesSinceEvent += static_cast<quint64>(n); // before feed: an event it ends resets it
        m_headerGuard.noteBodyBytes(static_cast<quint64>(n));
        if (m_ndjson)
            m_ndjson->feed(QByteArrayView(buffer.constData(), n), stamp);
        else
            m_parser.feed(QByteArrayView(buffer.constData(), n), stamp);
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
    m_lastByteNs = stamp.steadyNs;
    if (m_reply == reply)
        checkEventsComplete(stamp.steadyNs);
    if (m_direct)
        m_direct->endOfRead();
    ++m_counters.chunks;
    if (m_config.idleTimeoutMs > 0 && m_reply == reply && !m_readBlocked)
        m_watchdog.start(timerMs(m_config.idleTimeoutMs));
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
    QNetworkReply *reply = m_reply;
    const Verdict verdict = evaluateResponse();
    if (verdict == Verdict::Rejected || m_reply != reply) // rejected, or redirected
        return;
    if (verdict == Verdict::Open && m_reply->bytesAvailable() > 0)
        handleReadyRead();
    if (!m_reply || m_readBlocked) // blocked: resumeReading() finishes once the bytes are read
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const QString qtDetail = m_reply->errorString();
    const QString detail = m_tlsDetail.isEmpty() ? qtDetail : m_tlsDetail;
    const bool opened = verdict == Verdict::Open;
    // NDJSON's last line may end without its LF: it is an event all the same.
    if (opened && m_ndjson && error == QNetworkReply::NoError) {
        m_ndjson->finish(stampNow(++m_chunkIndex));
        if (m_direct)
            m_direct->endOfRead();
        publish();
        if (!m_reply)
            return;
    }
    // Qt 6.4 reports a chunked body cut by the server as RemoteHostClosedError
    // only when the close arrives alone; with the last bytes in the same read
    // it finishes without error. An event left half-parsed still shows the cut
    // (for NDJSON a line without its LF, unless finish() above took it whole).
    const bool midEvent = m_ndjson ? m_ndjson->midLine() : m_parser.midEvent();
    const bool cut = opened
        && (error == QNetworkReply::RemoteHostClosedError
            || (error == QNetworkReply::NoError && midEvent));
    // A body shorter than its Content-Length, or a chunked body that ended
    // between events without its last chunk (Qt says RemoteHostClosedError):
    // framing. Cut in the middle of an event: reset.
    const bool shortBody
        = opened && m_contentLength >= 0 && m_connectionBytes < quint64(m_contentLength);
    if (opened) {
        const bool chunkedCut
            = m_chunked && error == QNetworkReply::RemoteHostClosedError && !midEvent;
        noteEnd(shortBody || chunkedCut                  ? StreamEnd::Framing
                : error != QNetworkReply::NoError || cut ? StreamEnd::Reset
                                                         : StreamEnd::Clean);
    }
    if (opened && error == QNetworkReply::NoError && !cut && !shortBody) {
        const QString sentence = m_status.end == StreamEnd::ErrorEvent
            ? errortext::streamEndedAfterError()
            : m_status.end == StreamEnd::NoTerminal
            ? errortext::streamEndedWithoutTerminal(m_config.terminal)
            : errortext::streamEnded();
        reconnectLater(connectionWasHealthy(), sentence, 0, true);
        return;
    }
    ++m_counters.errors;
    QString message;
    if (qtDetail.startsWith(u"Decompression failed"_s))
        message = errortext::decompressionFailed(qtDetail);
    else if (cut || shortBody) // not an end of stream: the response never ended
        message = errortext::streamCut(m_currentUrl);
    else if (!m_proxy.isDirect() && !opened && errortext::blamesProxy(error))
        message = errortext::proxyFailed(error, m_proxy.hostPort(), m_currentUrl, detail);
    else
        message = errortext::network(error, m_currentUrl, detail);
    reconnectLater(opened && connectionWasHealthy(), message);
}

void Subscription::handleReplyError(QNetworkReply *reply)
{
    // Qt 6.4 with a read buffer size set emits errorOccurred("Decompression
    // failed: ...") for a decompression bomb but never finished, which left the
    // stream "open" for ever. When finished does follow, it
    // comes first and this finds the reply gone.
    QMetaObject::invokeMethod(
        this,
        [this, reply] {
            if (m_reply == reply)
                handleFinished();
        },
        Qt::QueuedConnection);
}

void Subscription::followRedirect(int status)
{
    const QByteArray location = m_reply->rawHeader("Location").trimmed();
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location));
    const auto refuse = [this](const QString &message) {
        m_verdict = Verdict::Rejected;
        ++m_counters.errors;
        // A bad redirect will not mend itself: no retry, whatever the policy.
        endFor(SubscriptionState::Failed, message);
    };
    if (!target.isValid()) {
        refuse(errortext::redirectBadLocation(location));
        return;
    }
    // Name the Location's own scheme: Qt would blame the original URL's.
    const QString scheme = target.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        refuse(errortext::redirectScheme(location, scheme));
        return;
    }
    if (target.host().isEmpty()) {
        refuse(errortext::redirectBadLocation(location));
        return;
    }
    if (m_currentUrl.scheme().compare(u"https", Qt::CaseInsensitive) == 0 && scheme == u"http") {
        refuse(errortext::insecureRedirect(target));
        return;
    }
    if (++m_redirects > m_config.maxRedirects) {
        refuse(errortext::tooManyRedirects(m_config.url, m_config.maxRedirects));
        return;
    }
    // Fetch: 303 turns any method but HEAD into a GET without body; 301 and
    // 302 do so for POST. 307 and 308 repeat the request as it was.
    if ((status == 303 && m_currentMethod != "HEAD")
        || ((status == 301 || status == 302) && m_currentMethod == "POST")) {
        m_currentMethod = QByteArrayLiteral("GET");
        m_currentBody.clear();
    }
    // Credentials stay with their origin (curl and Fetch agree): once a hop
    // changes scheme, host or port, secrets are not sent again.
    if (!sameOrigin(m_currentUrl, target))
        m_crossedOrigin = true;
    QByteArrayList dropped;
    if (m_crossedOrigin) {
        for (const auto &header : m_config.headers) {
            if (m_config.isSecretHeader(header.first) && !dropped.contains(header.first))
                dropped.append(header.first);
        }
    }
    abandonReply(); // the watchdog keeps running: its deadline covers every hop
    m_currentUrl = target;
    sendRequest(errortext::redirected(status, target, dropped));
}

bool Subscription::connectionWasHealthy() const
{
    return m_deliveredEvent
        || (m_openSinceNs > 0 && steadyNowNs() - m_openSinceNs >= kHealthyOpenNs);
}

void Subscription::handleWatchdogTimeout()
{
    ++m_counters.errors;
    const bool willRetry = m_config.reconnect.reconnect;
    // Qt's HTTP thread may be stuck reading endless headers, unable to run the
    // abort that dropReply() queues: cut the socket itself.
    if (m_verdict != Verdict::Open)
        m_headerGuard.cutPending();
    if (m_verdict == Verdict::Open) {
        noteEnd(StreamEnd::Timeout);
        reconnectLater(
            connectionWasHealthy(), errortext::idleTimeout(m_config.idleTimeoutMs, willRetry));
    } else if (m_config.connectTimeoutMs > 0) {
        reconnectLater(false,
            errortext::connectTimeout(
                m_config.connectTimeoutMs, willRetry, m_config.allowCompression));
    } else {
        reconnectLater(false, errortext::headersTimeout(m_config.headersTimeoutMs, willRetry));
    }
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
    delay = std::clamp<qint64>(std::max(delay, minimumDelayMs), 0, SubscriptionConfig::kMaxTimerMs);
    m_status.attempt = m_backoff.consecutiveFailures();
    setStatus(SubscriptionState::Waiting, reason, delay);
    m_retryTimer.start(timerMs(delay));
}

void Subscription::noteEnd(StreamEnd transport)
{
    StreamEnd end = transport;
    if (m_sawErrorEvent)
        end = StreamEnd::ErrorEvent;
    else if (!m_config.terminal.isEmpty() && !m_sawTerminal)
        end = StreamEnd::NoTerminal;
    m_status.end = end;
    ++m_status.ends[streamEndIndex(end)];
    // Our own idle timeout is no proxy's: it is said as such, not diagnosed,
    // whatever class the markers give the end (transport, not end, is tested).
    if (end != StreamEnd::Clean && transport != StreamEnd::Timeout) {
        m_cuts.addCut((steadyNowNs() - m_lastByteNs) / 1'000'000);
        m_status.diagnosis = m_cuts.sentence();
    }
    qCDebug(lcNet, "stream %u: connection ended: %s", m_id, qPrintable(streamEndName(end)));
}

void Subscription::checkEndMarkers(const SseEventView &event)
{
    // The JSON "type" member (OpenAI's and Anthropic's error and stop events),
    // read by the same scanner as latency and table columns: unescaped, and
    // it stops as soon as it has the member.
    static const JsonPointer kType = *JsonPointer::parse("/type", nullptr);
    const bool wantJson = !m_config.errorJsonType.isEmpty() || !m_config.terminal.isEmpty();
    const QByteArray type
        = wantJson ? kType.stringIn(event.data).value_or(QByteArray()) : QByteArray();
    if ((!m_config.errorEventType.isEmpty() && event.type == m_config.errorEventType)
        || (!m_config.errorJsonType.isEmpty() && !type.isEmpty() && type == m_config.errorJsonType))
        m_sawErrorEvent = true;
    if (!m_config.terminal.isEmpty()
        && (event.data == m_config.terminal || event.type == m_config.terminal
            || type == m_config.terminal))
        m_sawTerminal = true;
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
    m_status.sinceSteadyNs = steadyNowNs();
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
    Q_ASSERT(QThread::currentThread() == thread()); // the network thread
    ++m_counters.events;
    m_deliveredEvent = true;
    checkEndMarkers(event);
    m_bytesSinceEvent = 0;
    m_completedSomething = true;
    m_sinceEventNs = event.arrivalSteadyNs;
    if (Q_UNLIKELY(m_saidNoEvent))
        eventsCompleteAgain();
    if (Q_UNLIKELY(m_firstTokenPending) && m_tokenReader.delta(event.type, event.data)) {
        m_firstTokenPending = false;
        m_counters.firstTokenSteadyNs = event.arrivalSteadyNs;
    }
    std::optional<double> latency;
    if (m_latency.isEnabled()) {
        latency = m_latency.latencyMs(event.id, event.data, event.arrivalWallNs);
        if (!latency)
            ++m_counters.latencyMisses;
    } else if (Q_UNLIKELY(m_autoDetector.has_value())) {
        latency = detectLatency(event);
    }
    if (m_direct) {
        m_direct->consumeEvent(event, latency);
        return;
    }
    m_outBatch.append(event, m_sharedTexts, latency);
}

std::optional<double> Subscription::detectLatency(const SseEventView &event)
{
    const auto verdict = m_autoDetector->offer(event.data, event.arrivalWallNs);
    if (verdict == LatencyAutoDetector::Verdict::Pending)
        return std::nullopt; // no miss: nothing was configured to read yet
    LatencyDetection detection;
    detection.state = LatencyDetection::State::NotFound;
    if (verdict == LatencyAutoDetector::Verdict::Found) {
        LatencyConfig found = m_autoDetector->found();
        found.clockOffsetMs = m_config.latency.clockOffsetMs; // the user's, kept
        m_latency = LatencyExtractor(found);
        detection = LatencyDetection { LatencyDetection::State::Found, found };
    }
    m_autoDetector.reset();
    Q_EMIT latencyDetected(m_id, detection);
    // From this event on, exactly as if the found source had been configured.
    std::optional<double> latency;
    if (m_latency.isEnabled()) {
        latency = m_latency.latencyMs(event.id, event.data, event.arrivalWallNs);
        if (!latency)
            ++m_counters.latencyMisses;
    }
    return latency;
}

void Subscription::handleComment(QByteArrayView text, const ChunkStamp &stamp)
{
    ++m_counters.comments;
    m_bytesSinceEvent = 0;
    m_completedSomething = true;
    m_sinceEventNs = stamp.steadyNs;
    if (Q_UNLIKELY(m_saidNoEvent))
        eventsCompleteAgain();
    if (m_direct) {
        m_direct->consumeComment(m_id, text, stamp);
        return;
    }
    m_outBatch.comments.push_back(
        SseComment { m_id, utf8::sanitized(text), stamp.steadyNs, stamp.wallNs });
}

void Subscription::handleRetry(qint64 milliseconds)
{
    m_backoff.setServerRetry(milliseconds);
}

// Bytes that never make an event: junk that is no SSE at all, a server that
// sends one byte a second, an event that never ends. Nothing else would say
// so: the connection is open and busy, so neither the idle timeout nor the
// size limits (64 MiB) speak for a long time, or ever.
void Subscription::checkEventsComplete(qint64 nowNs)
{
    if (m_saidNoEvent || m_status.state != SubscriptionState::Open || m_sinceEventNs <= 0)
        return;
    const qint64 quietNs = nowNs - m_sinceEventNs;
    if (m_bytesSinceEvent < kNoEventBytes && quietNs < kNoEventNs)
        return;
    m_saidNoEvent = true;
    // After events have completed, one that is still arriving is most likely
    // just large (a 20 MiB event is legal below maxEventBytes, which reports
    // the ones past it): the status says so, and it is no error (the CLI
    // wrote an error record for it).
    if (m_completedSomething) {
        setStatus(SubscriptionState::Open,
            errortext::eventStillIncomplete(m_bytesSinceEvent, quietNs / 1'000'000));
        return;
    }
    ++m_counters.errors;
    const QString message = errortext::noEventCompleted(m_bytesSinceEvent, quietNs / 1'000'000);
    setStatus(SubscriptionState::Open, message);
    Q_EMIT errorOccurred(m_id, message);
}

void Subscription::eventsCompleteAgain()
{
    m_saidNoEvent = false;
    if (m_status.state == SubscriptionState::Open)
        setStatus(SubscriptionState::Open, tr("Receiving events."));
}

void Subscription::handleParseError(SseParseError error, qsizetype bytes)
{
    ++m_counters.errors;
    const QString message = errortext::parse(error, bytes);
    // The stream's own sentence says it, not only a passing notice: its row
    // must not read "Receiving events." while a 1 GiB line is thrown away.
    if (m_status.state == SubscriptionState::Open)
        setStatus(SubscriptionState::Open, message);
    Q_EMIT errorOccurred(m_id, message);
}

} // namespace ssescope
