#include "ErrorText.h"

#include "core/net/SubscriptionConfig.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope::errortext {

namespace {

QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'f', 1);
}

QString byteAmount(quint64 bytes)
{
    return bytes < 1024 * 1024
        ? QCoreApplication::translate("ErrorText", "%1 bytes").arg(bytes)
        : QCoreApplication::translate("ErrorText", "%1 MiB")
              .arg(QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1));
}
} // namespace

QString network(QNetworkReply::NetworkError error, const QUrl &url, const QString &qtDetail)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QCoreApplication::translate(
            "ErrorText", "Connection refused by %1: is the server running?")
            .arg(hostPort(url));
    case QNetworkReply::RemoteHostClosedError:
        return QCoreApplication::translate("ErrorText", "%1 closed the connection.")
            .arg(hostPort(url));
    case QNetworkReply::HostNotFoundError:
        return QCoreApplication::translate(
            "ErrorText", "Host \"%1\" was not found (DNS lookup failed).")
            .arg(url.host());
    case QNetworkReply::TimeoutError:
        return QCoreApplication::translate("ErrorText", "Connection to %1 timed out.")
            .arg(hostPort(url));
    case QNetworkReply::OperationCanceledError:
        return QCoreApplication::translate("ErrorText", "The request was cancelled.");
    case QNetworkReply::SslHandshakeFailedError:
        return QCoreApplication::translate("ErrorText",
            "TLS handshake with %1 failed: %2. Check the certificate, or allow insecure "
            "TLS for this stream if you trust it.")
            .arg(hostPort(url), qtDetail);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return QCoreApplication::translate("ErrorText", "The network is unavailable.");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QCoreApplication::translate("ErrorText", "The proxy failed: %1.").arg(qtDetail);
    case QNetworkReply::TooManyRedirectsError:
        return QCoreApplication::translate("ErrorText", "Too many redirects from %1.")
            .arg(displayUrl(url));
    case QNetworkReply::InsecureRedirectError:
        return QCoreApplication::translate(
            "ErrorText", "Refused a redirect from https to plain http.");
    case QNetworkReply::ProtocolUnknownError:
        return QCoreApplication::translate(
            "ErrorText", "\"%1\" is not a protocol SSE Scope can speak.")
            .arg(url.scheme());
    case QNetworkReply::ProtocolFailure:
        return QCoreApplication::translate("ErrorText", "%1 broke the HTTP protocol: %2.")
            .arg(hostPort(url), qtDetail);
    default:
        return QCoreApplication::translate("ErrorText", "Network error talking to %1: %2.")
            .arg(hostPort(url), qtDetail);
    }
}

QString httpStatus(int status, const QByteArray &reason)
{
    const QString reasonText = reason.isEmpty()
        ? QString()
        : QCoreApplication::translate("ErrorText", " ") + QString::fromLatin1(reason);
    return QCoreApplication::translate(
        "ErrorText", "The server answered HTTP %1%2; an event stream needs 200 OK.")
        .arg(status)
        .arg(reasonText);
}

QString noContent()
{
    return QCoreApplication::translate("ErrorText",
        "The server answered 204 No Content, which tells clients to stop reconnecting.");
}

QString wrongContentType(const QByteArray &contentType)
{
    if (contentType.isEmpty())
        return QCoreApplication::translate("ErrorText",
            "The server sent no Content-Type; an event stream must be text/event-stream.");
    return QCoreApplication::translate(
        "ErrorText", "The server sent Content-Type \"%1\", not text/event-stream.")
        .arg(QString::fromLatin1(contentType));
}

QString unexpectedContentType(const QByteArray &contentType, bool ndjson)
{
    const QString said = ndjson
        ? (contentType.isEmpty()
                ? QCoreApplication::translate("ErrorText",
                    "The server sent no Content-Type; an NDJSON stream must be "
                    "application/x-ndjson or application/jsonl.")
                : QCoreApplication::translate("ErrorText",
                    "The server sent Content-Type \"%1\", not application/x-ndjson or "
                    "application/jsonl.")
                      .arg(QString::fromLatin1(contentType)))
        : wrongContentType(contentType);
    // An NDJSON body met as SSE: the user wants the NDJSON setting, not any type.
    const QByteArray essence = contentType.split(';').first().trimmed().toLower();
    if (!ndjson
        && (essence.contains("ndjson") || essence.contains("jsonl")
            || essence.contains("json-lines") || essence.contains("jsonlines")))
        return said + u' '
            + QCoreApplication::translate("ErrorText",
                "It is newline-delimited JSON: read it as NDJSON (the subscribe dialog's "
                "NDJSON box, ssescope-cli --ndjson).");
    return said + u' '
        + QCoreApplication::translate("ErrorText",
            "To read it anyway, accept any content type (the subscribe dialog's \"Read the "
            "body whatever its Content-Type\", ssescope-cli --any-content-type).");
}

QString connectTimeout(qint64 ms, bool willRetry, bool compressionRequested)
{
    // A buffering proxy sends nothing, not even its status line, until a
    // buffer is full; compressing, it waited minutes (nginx with gzip on).
    // Say what the user can change.
    const QString hint = compressionRequested
        ? QCoreApplication::translate("ErrorText",
            " Compression was asked for: a proxy that compresses may hold the whole response "
            "back until its buffers fill; try without compression.")
        : QString();
    return willRetry
        ? QCoreApplication::translate("ErrorText", "No response within %1 s; trying again.")
                .arg(seconds(ms))
            + hint
        : QCoreApplication::translate("ErrorText", "No response within %1 s.").arg(seconds(ms))
            + hint;
}

QString headersTimeout(qint64 ms, bool willRetry)
{
    const QString sentence = QCoreApplication::translate("ErrorText",
        "The server sent no complete response headers within %1 s (the headers timeout).")
                                 .arg(seconds(ms));
    return willRetry ? sentence + QCoreApplication::translate("ErrorText", " Trying again.")
                     : sentence;
}

QString headersTooLarge(quint64 limitBytes)
{
    return QCoreApplication::translate("ErrorText",
        "The server sent more than %1 KiB of response headers without ending them; "
        "the connection was cut.")
        .arg(limitBytes / 1024);
}

QString idleTimeout(qint64 ms, bool willRetry)
{
    const QString sentence = QCoreApplication::translate(
        "ErrorText", "No data, not even a heartbeat, for %1 s: the stream looks stalled")
                                 .arg(seconds(ms));
    return sentence
        + (willRetry ? QCoreApplication::translate("ErrorText", ", reconnecting.")
                     : QCoreApplication::translate("ErrorText", "."));
}

QString streamEnded()
{
    return QCoreApplication::translate("ErrorText", "The server ended the stream.");
}

QString streamEndedAfterError()
{
    return QCoreApplication::translate("ErrorText",
        "The server ended the stream after an error event: the response failed on the server's "
        "side.");
}

QString streamEndedWithoutTerminal(const QByteArray &marker)
{
    return QCoreApplication::translate("ErrorText",
        "The server ended the stream without its terminal marker %1: the response may be cut "
        "short.")
        .arg(QString::fromUtf8(marker));
}

QString streamCut(const QUrl &url)
{
    return QCoreApplication::translate(
        "ErrorText", "%1 cut the connection in the middle of the response.")
        .arg(hostPort(url));
}

QString unrequestedEncoding(const QByteArray &contentEncoding)
{
    return QCoreApplication::translate("ErrorText",
        "The server sent a compressed body (Content-Encoding: %1) though none was asked "
        "for; it cannot be read as events. Turn compression on for this stream to have it "
        "decompressed.")
        .arg(QString::fromLatin1(contentEncoding));
}

QString decompressionFailed(const QString &qtDetail)
{
    // Qt 6.4 says "Decompression failed: ." with nothing after the colon when its
    // archive-bomb check trips, which is the usual cause.
    QString detail = qtDetail;
    detail.remove(QCoreApplication::translate("ErrorText", "Decompression failed:"));
    detail = detail.trimmed();
    if (detail.endsWith(u'.'))
        detail.chop(1);
    const QString cause = detail.isEmpty()
        ? QCoreApplication::translate("ErrorText",
            "it expands far beyond its compressed size, like a decompression bomb, or is corrupt")
        : detail;
    return QCoreApplication::translate("ErrorText",
        "The server's compressed response could not be decompressed: %1. Turn compression "
        "off for this stream.")
        .arg(cause);
}

QString redirectStatus(int status, const QByteArray &reason, bool hasLocation)
{
    const QString base = httpStatus(status, reason);
    if (status == 305)
        return base
            + QCoreApplication::translate("ErrorText", " A 305 Use Proxy is never followed.");
    if (!hasLocation
        && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308))
        return base
            + QCoreApplication::translate("ErrorText", " The redirect has no Location to follow.");
    return base
        + QCoreApplication::translate("ErrorText", " It is not a redirect that can be followed.");
}

QString redirectScheme(const QByteArray &location, const QString &scheme)
{
    return QCoreApplication::translate("ErrorText",
        "Refused a redirect to \"%1\": \"%2:\" is not a protocol an event stream can use "
        "(only http and https).")
        .arg(QString::fromLatin1(location), scheme);
}

QString redirectBadLocation(const QByteArray &location)
{
    return QCoreApplication::translate(
        "ErrorText", "The server redirected to \"%1\", which is not a valid URL.")
        .arg(QString::fromLatin1(location));
}

QString tooManyRedirects(const QUrl &url, int maxRedirects)
{
    return QCoreApplication::translate("ErrorText", "Too many redirects from %1 (more than %2).")
        .arg(displayUrl(url))
        .arg(maxRedirects);
}

QString insecureRedirect(const QUrl &to)
{
    return QCoreApplication::translate(
        "ErrorText", "Refused a redirect from https to plain http (%1).")
        .arg(displayUrl(to));
}

QString redirected(int status, const QUrl &to, const QByteArrayList &droppedHeaders)
{
    const QString sentence = QCoreApplication::translate("ErrorText", "Redirected (HTTP %1) to %2.")
                                 .arg(status)
                                 .arg(displayUrl(to));
    if (droppedHeaders.isEmpty())
        return sentence;
    return sentence
        + QCoreApplication::translate("ErrorText", " Not sending %1 to this other origin.")
              .arg(QString::fromLatin1(droppedHeaders.join(", ")));
}

QString parse(SseParseError error, qsizetype bytes)
{
    const QString size = QString::number(bytes / (1024.0 * 1024.0), 'f', 1);
    switch (error) {
    case SseParseError::LineTooLong:
        return QCoreApplication::translate("ErrorText",
            "A line of more than %1 MiB exceeded the line size limit; its event was dropped.")
            .arg(size);
    case SseParseError::EventTooLarge:
        return QCoreApplication::translate("ErrorText",
            "An event of more than %1 MiB exceeded the event size limit and was dropped.")
            .arg(size);
    }
    return {};
}

QString noEventCompleted(quint64 bytes, qint64 ms)
{
    return QCoreApplication::translate("ErrorText",
        "%1 arrived in %2 s without completing a single event: this is not an event stream, "
        "or one far too slow or too large.")
        .arg(byteAmount(bytes), seconds(ms));
}

QString eventStillIncomplete(quint64 bytes, qint64 ms)
{
    return QCoreApplication::translate("ErrorText",
        "An event has been arriving for %2 s and is %1 so far: a very large event, or a "
        "server that stopped ending its events with a blank line.")
        .arg(byteAmount(bytes), seconds(ms));
}

QString gaveUp(int attempts, const QString &lastError)
{
    return QCoreApplication::translate(
        "ErrorText", "Gave up after %1 failed attempts. Last error: %2")
        .arg(attempts)
        .arg(lastError);
}

bool blamesProxy(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::UnknownNetworkError: // Qt 6.4's CONNECT refused with 403
        return true;
    default:
        return error >= QNetworkReply::ProxyConnectionRefusedError
            && error <= QNetworkReply::UnknownProxyError;
    }
}

QString proxyFailed(QNetworkReply::NetworkError error, const QString &proxy, const QUrl &target,
    const QString &qtDetail)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyConnectionRefusedError:
        return QCoreApplication::translate(
            "ErrorText", "Connection refused by the proxy %1: is the proxy running?")
            .arg(proxy);
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProxyConnectionClosedError:
        return QCoreApplication::translate(
            "ErrorText", "The proxy %1 closed the connection before %2 answered.")
            .arg(proxy, hostPort(target));
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyNotFoundError:
        return QCoreApplication::translate(
            "ErrorText", "The proxy %1 was not found (DNS lookup failed).")
            .arg(proxy);
    case QNetworkReply::ProxyTimeoutError:
        return QCoreApplication::translate("ErrorText", "The proxy %1 did not answer in time.")
            .arg(proxy);
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QCoreApplication::translate("ErrorText",
            "The proxy %1 refused our credentials or asked for some (407): give them in the "
            "proxy URL, http://USER:PASSWORD@HOST:PORT.")
            .arg(proxy);
    default:
        return QCoreApplication::translate("ErrorText", "The proxy %1 would not take us to %2: %3.")
            .arg(proxy, hostPort(target), qtDetail);
    }
}

QString throughProxy(const QString &sentence, const QString &proxy)
{
    return sentence
        + QCoreApplication::translate(
            "ErrorText", " It came through the proxy %1, which may have answered itself.")
              .arg(proxy);
}

QString viaProxy(const QString &sentence, const QString &proxy)
{
    QString text = sentence;
    if (text.endsWith(u'.'))
        text.chop(1);
    return QCoreApplication::translate("ErrorText", "%1 via proxy %2.").arg(text, proxy);
}

} // namespace ssescope::errortext
