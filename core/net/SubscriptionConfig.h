#pragma once

#include "core/latency/LatencyExtractor.h"
#include "core/stats/TokenStream.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace ssescope {

enum class ReconnectPolicyKind {
    Strict, // exactly the WHATWG spec and the browsers
    Resilient, // also retries 5xx/408/429 with backoff, as a monitor should
};

struct ReconnectPolicy
{
    ReconnectPolicyKind kind = ReconnectPolicyKind::Resilient;
    qint64 initialRetryMs = 3000; // replaced by the server's retry: field
    qint64 maxBackoffMs = 60000;
    int maxAttempts = 0; // consecutive failed attempts; 0 = unlimited
    bool reconnect = true; // false: a stream that ends stays ended
};

using HttpHeader = QPair<QByteArray, QByteArray>;

// How a response body is cut into events.
enum class BodyFormat {
    Sse, // text/event-stream
    Ndjson, // newline-delimited JSON (Ollama, many gateways): one event per line
};
QString bodyFormatName(BodyFormat format);
std::optional<BodyFormat> bodyFormatFromName(QStringView name);

struct SubscriptionConfig
{
    QString name;
    QUrl url;
    QByteArray method = QByteArrayLiteral("GET");
    QList<HttpHeader> headers;
    // Names (any case) of headers that must not follow a redirect to another
    // origin, beside Authorization, Cookie and Proxy-Authorization, which never do.
    QList<QByteArray> secretHeaders;
    QByteArray body;
    QByteArray lastEventId; // sent on the first request when not empty
    ReconnectPolicy reconnect;
    qint64 connectTimeoutMs = 15000; // until the response headers arrive; 0 = off
    // The bound on the time to complete response headers when the connect
    // timeout is off: Qt 6.4 reads headers without any size or time limit.
    qint64 headersTimeoutMs = 60000;
    qint64 idleTimeoutMs = 0; // no bytes (heartbeats count) for this long; 0 = off
    int maxRedirects = 5;
    bool allowCompression = false; // compression makes proxies hold events back
    bool ignoreTlsErrors = false;
    // PEM certificates trusted for this subscription's https, besides the
    // system's (curl's --cacert, for a private CA or a self-signed server).
    QString caFile;
    // "" = the system proxy (http_proxy, https_proxy, no_proxy; never for
    // loopback); "none" or "direct" = no proxy; http://[USER:PASSWORD@]HOST:PORT =
    // that proxy, loopback targets included. Rules: core/net/ProxyChoice.h.
    QString proxy;
    bool http2PriorKnowledge = false; // h2c without upgrade; only for servers known to speak it
    qint64 readBufferBytes = 1024 * 1024; // restores TCP backpressure on HTTP/1.1
    qint64 maxEventBytes = 64 * 1024 * 1024; // a longer line or event is dropped and reported
    LatencyConfig latency; // read on the network thread; events arrive carrying it
    // An LLM token stream: time to first token, inter-token gaps, tokens/s and
    // the reply assembled, measured from the deltas at this pointer.
    TokenStreamConfig tokens;
    BodyFormat bodyFormat = BodyFormat::Sse;
    // Read the body whatever its Content-Type (a server that sends the wrong
    // one, such as application/octet-stream); otherwise such a response fails.
    bool acceptAnyContentType = false;
    // How a stream says it failed (end class "error-event"): an event of this
    // type, or JSON data whose "type" is this; empty = not looked for.
    QByteArray errorEventType = QByteArrayLiteral("error");
    QByteArray errorJsonType = QByteArrayLiteral("error");
    // The last event of a complete response, e.g. data "[DONE]" or type
    // "message_stop" (event type, data, or JSON "type"): a close without it
    // ends as "no-terminal". Empty = none expected.
    QByteArray terminal;

    // Every delay and timeout must fit a QTimer (an int of milliseconds).
    static constexpr qint64 kMaxTimerMs = 2147483647;
    // The smallest backoff cap: failures back off at least this far.
    static constexpr qint64 kMinBackoffCapMs = 100;

    QJsonObject toJson() const;
    static std::optional<SubscriptionConfig> fromJson(const QJsonObject &json, QString *error);

    // Empty when the configuration can be used; otherwise why not.
    QString validationError() const;
    // Empty when the header fits on its line; otherwise why not: a CR or LF
    // would end the line and start a header of the sender's choosing, and a
    // NUL is cut or refused by servers. The one check of the dialog, the CLI
    // and validationError(); names shown with control characters escaped.
    static QString headerLineError(QByteArrayView headerName, QByteArrayView value);
    bool isSecretHeader(QByteArrayView headerName) const;
    // Empty when caFile is empty or holds at least one PEM certificate;
    // otherwise why not, in one sentence naming the file.
    static QString caFileProblem(const QString &path);
    QString displayName() const;

    Q_DECLARE_TR_FUNCTIONS(SubscriptionConfig)
};

// Empty when url can carry a stream; otherwise what is wrong with it, in one
// sentence naming the URL as typed.
QString urlProblem(const QUrl &url);
// A URL as written where others may read it (status texts, logs, stderr
// records, metrics labels): its user info, a secret, left out.
QString displayUrl(const QUrl &url);
// The URL's port, or its scheme's (443 for https, else 80).
int effectivePort(const QUrl &url);
// HOST:PORT of a URL for a sentence, an IPv6 host in brackets ([::1]:8080).
QString hostPort(const QUrl &url);

QString policyName(ReconnectPolicyKind kind);
std::optional<ReconnectPolicyKind> policyFromName(QStringView name);

} // namespace ssescope
