#include "DemoHttp.h"

#include <QString>

namespace ssescope::demo {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 305:
        return "Use Proxy";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

namespace {
QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
    const QByteArray &extraHeaders)
{
    const bool bodiless = status == 204 || status == 304; // RFC 9110 §15.3.5, §15.4.5
    QByteArray text
        = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!bodiless)
        text += "Content-Type: " + contentType
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    text += extraHeaders + "Connection: close\r\n\r\n";
    if (!bodiless)
        text += body;
    return text;
}
} // namespace

QByteArray plainResponse(int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    return response(status, "text/plain; charset=utf-8", body, extraHeaders);
}

QByteArray jsonResponse(const QByteArray &body)
{
    return response(200, "application/json", body, {});
}

QByteArray chunkOf(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return {};
    return QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n";
}

} // namespace ssescope::demo
