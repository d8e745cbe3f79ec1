#include "ErrorText.h"

using namespace Qt::StringLiterals;

namespace ssescope::errortext {

namespace {

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == u"https" ? 443 : 80);
    return u"%1:%2"_s.arg(url.host()).arg(port);
}

QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'f', 1);
}

} // namespace

QString network(QNetworkReply::NetworkError error, const QUrl &url, const QString &qtDetail)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return u"Connection refused by %1: is the server running?"_s.arg(hostPort(url));
    case QNetworkReply::RemoteHostClosedError:
        return u"%1 closed the connection."_s.arg(hostPort(url));
    case QNetworkReply::HostNotFoundError:
        return u"Host \"%1\" was not found (DNS lookup failed)."_s.arg(url.host());
    case QNetworkReply::TimeoutError:
        return u"Connection to %1 timed out."_s.arg(hostPort(url));
    case QNetworkReply::OperationCanceledError:
        return u"The request was cancelled."_s;
    case QNetworkReply::SslHandshakeFailedError:
        return u"TLS handshake with %1 failed: %2. Check the certificate, or allow insecure "
               "TLS for this stream if you trust it."_s.arg(hostPort(url), qtDetail);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return u"The network is unavailable."_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return u"The proxy failed: %1."_s.arg(qtDetail);
    case QNetworkReply::TooManyRedirectsError:
        return u"Too many redirects from %1."_s.arg(url.toDisplayString());
    case QNetworkReply::InsecureRedirectError:
        return u"Refused a redirect from https to plain http."_s;
    case QNetworkReply::ProtocolUnknownError:
        return u"\"%1\" is not a protocol SSE Scope can speak."_s.arg(url.scheme());
    case QNetworkReply::ProtocolFailure:
        return u"%1 broke the HTTP protocol: %2."_s.arg(hostPort(url), qtDetail);
    default:
        return u"Network error talking to %1: %2."_s.arg(hostPort(url), qtDetail);
    }
}

QString httpStatus(int status, const QByteArray &reason)
{
    const QString reasonText = reason.isEmpty() ? QString() : u" "_s + QString::fromLatin1(reason);
    return u"The server answered HTTP %1%2; an event stream needs 200 OK."_s.arg(status).arg(
        reasonText);
}

QString noContent()
{
    return u"The server answered 204 No Content, which tells clients to stop reconnecting."_s;
}

QString wrongContentType(const QByteArray &contentType)
{
    if (contentType.isEmpty())
        return u"The server sent no Content-Type; an event stream must be text/event-stream."_s;
    return u"The server sent Content-Type \"%1\", not text/event-stream."_s.arg(
        QString::fromLatin1(contentType));
}

QString connectTimeout(qint64 ms, bool willRetry)
{
    return willRetry ? u"No response within %1 s; trying again."_s.arg(seconds(ms))
                     : u"No response within %1 s."_s.arg(seconds(ms));
}

QString headersTimeout(qint64 ms, bool willRetry)
{
    const QString sentence
        = u"The server sent no complete response headers within %1 s (the headers timeout)."_s
              .arg(seconds(ms));
    return willRetry ? sentence + u" Trying again."_s : sentence;
}

QString idleTimeout(qint64 ms, bool willRetry)
{
    const QString sentence = u"No data, not even a heartbeat, for %1 s: the stream looks stalled"_s
                                 .arg(seconds(ms));
    return sentence + (willRetry ? u", reconnecting."_s : u"."_s);
}

QString streamEnded()
{
    return u"The server ended the stream."_s;
}

QString streamCut(const QUrl &url)
{
    return u"%1 cut the connection in the middle of the response."_s.arg(hostPort(url));
}

QString decompressionFailed(const QString &qtDetail)
{
    // Qt 6.4 says "Decompression failed: ." with nothing after the colon when its
    // archive-bomb check trips, which is the usual cause.
    QString detail = qtDetail;
    detail.remove(u"Decompression failed:"_s);
    detail = detail.trimmed();
    if (detail.endsWith(u'.'))
        detail.chop(1);
    const QString cause = detail.isEmpty()
        ? u"it expands far beyond its compressed size, like a decompression bomb, or is corrupt"_s
        : detail;
    return u"The server's compressed response could not be decompressed: %1. Turn compression "
           "off for this stream."_s.arg(cause);
}

QString redirectStatus(int status, const QByteArray &reason, bool hasLocation)
{
    const QString base = httpStatus(status, reason);
    if (status == 305)
        return base + u" A 305 Use Proxy is never followed."_s;
    if (!hasLocation && (status == 301 || status == 302 || status == 303 || status == 307
            || status == 308))
        return base + u" The redirect has no Location to follow."_s;
    return base + u" It is not a redirect that can be followed."_s;
}

QString redirectScheme(const QByteArray &location, const QString &scheme)
{
    return u"Refused a redirect to \"%1\": \"%2:\" is not a protocol an event stream can use "
           "(only http and https)."_s.arg(QString::fromLatin1(location), scheme);
}

QString redirectBadLocation(const QByteArray &location)
{
    return u"The server redirected to \"%1\", which is not a valid URL."_s.arg(
        QString::fromLatin1(location));
}

QString tooManyRedirects(const QUrl &url, int maxRedirects)
{
    return u"Too many redirects from %1 (more than %2)."_s.arg(url.toDisplayString())
        .arg(maxRedirects);
}

QString insecureRedirect(const QUrl &to)
{
    return u"Refused a redirect from https to plain http (%1)."_s.arg(to.toDisplayString());
}

QString redirected(int status, const QUrl &to, const QByteArrayList &droppedHeaders)
{
    const QString sentence
        = u"Redirected (HTTP %1) to %2."_s.arg(status).arg(to.toDisplayString());
    if (droppedHeaders.isEmpty())
        return sentence;
    return sentence
        + u" Not sending %1 to this other origin."_s.arg(
            QString::fromLatin1(droppedHeaders.join(", ")));
}

QString parse(SseParseError error, qsizetype bytes)
{
    const QString size = QString::number(bytes / (1024.0 * 1024.0), 'f', 1);
    switch (error) {
    case SseParseError::LineTooLong:
        return u"A line of more than %1 MiB exceeded the line size limit; its event was dropped."_s
            .arg(size);
    case SseParseError::EventTooLarge:
        return u"An event of more than %1 MiB exceeded the event size limit and was dropped."_s.arg(
            size);
    }
    return {};
}

QString gaveUp(int attempts, const QString &lastError)
{
    return u"Gave up after %1 failed attempts. Last error: %2"_s.arg(attempts).arg(lastError);
}

} // namespace ssescope::errortext
