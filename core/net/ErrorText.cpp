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

QString connectTimeout(qint64 ms)
{
    return u"No response within %1 s; trying again."_s.arg(seconds(ms));
}

QString idleTimeout(qint64 ms)
{
    return u"No data, not even a heartbeat, for %1 s: the stream looks stalled, reconnecting."_s
        .arg(seconds(ms));
}

QString streamEnded()
{
    return u"The server ended the stream."_s;
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
