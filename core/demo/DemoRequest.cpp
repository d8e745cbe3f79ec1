#include "DemoRequest.h"

#include <QIODevice>
#include <QUrl>

namespace ssescope::demo {

namespace {
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 8 * 1024 * 1024;
} // namespace

QByteArray DemoRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

qint64 DemoRequest::intParam(const QString &name, qint64 fallback) const
{
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    return ok ? value : fallback;
}

bool DemoRequest::flag(const QString &name) const
{
    if (!query.hasQueryItem(name))
        return false;
    const QString value = query.queryItemValue(name);
    return value.isEmpty() || value == QLatin1String("1") || value == QLatin1String("true");
}

ParseProgress RequestReader::read(QIODevice *device, DemoRequest &request)
{
    if (m_read) {
        device->skip(device->bytesAvailable());
        return ParseProgress::NeedMore;
    }
    m_buffer += device->readAll();
    const ParseProgress progress = parseRequest(m_buffer, request);
    if (progress != ParseProgress::NeedMore) {
        m_read = true;
        m_buffer = QByteArray(); // pipelined bytes after the request: not answered
    }
    return progress;
}

ParseProgress parseRequest(QByteArray &buffer, DemoRequest &request)
{
    // Not HTTP at all (a TLS ClientHello, say): refuse at once, don't wait.
    if (!buffer.isEmpty() && (buffer.front() < 'A' || buffer.front() > 'Z'))
        return ParseProgress::Bad;
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return buffer.size() > kMaxHeadBytes ? ParseProgress::Bad : ParseProgress::NeedMore;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return ParseProgress::Bad;
    request = DemoRequest();
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    const QUrl url(QString::fromLatin1(request.target));
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    request.query = QUrlQuery(url);
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({ name, value });
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    if (contentLength < 0 || contentLength > kMaxBodyBytes)
        return ParseProgress::Bad;
    const qsizetype total = headEnd + 4 + contentLength;
    if (buffer.size() < total)
        return ParseProgress::NeedMore;
    request.body = buffer.mid(headEnd + 4, contentLength);
    buffer.remove(0, total);
    return ParseProgress::Done;
}

} // namespace ssescope::demo
