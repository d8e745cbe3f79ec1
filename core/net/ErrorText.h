#pragma once

#include "core/sse/SseParser.h"

#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace ssescope {

// Every failure a user can meet, as one sentence, made here and nowhere else.
namespace errortext {

QString network(QNetworkReply::NetworkError error, const QUrl &url, const QString &qtDetail);
QString httpStatus(int status, const QByteArray &reason);
QString noContent();
QString wrongContentType(const QByteArray &contentType);
// The same for a subscription that reads NDJSON (ndjson) or SSE, with the way
// to read such a body anyway.
QString unexpectedContentType(const QByteArray &contentType, bool ndjson);
// willRetry: whether the stream reconnects after this (never promise it when not).
QString connectTimeout(qint64 ms, bool willRetry, bool compressionRequested = false);
QString headersTimeout(qint64 ms, bool willRetry);
QString headersTooLarge(quint64 limitBytes);
QString idleTimeout(qint64 ms, bool willRetry);
QString streamEnded();
// A clean close whose end class says otherwise (StreamEnd ErrorEvent, NoTerminal).
QString streamEndedAfterError();
QString streamEndedWithoutTerminal(const QByteArray &marker);
QString streamCut(const QUrl &url);
QString decompressionFailed(const QString &qtDetail);
QString unrequestedEncoding(const QByteArray &contentEncoding);
QString redirectStatus(int status, const QByteArray &reason, bool hasLocation);
QString redirectScheme(const QByteArray &location, const QString &scheme);
QString redirectBadLocation(const QByteArray &location);
QString tooManyRedirects(const QUrl &url, int maxRedirects);
QString insecureRedirect(const QUrl &to);
QString redirected(int status, const QUrl &to, const QByteArrayList &droppedHeaders);
QString parse(SseParseError error, qsizetype bytes);
// Bytes keep arriving but no event (nor comment) completes.
QString noEventCompleted(quint64 bytes, qint64 ms);
// The same after events or comments completed on this connection: most likely
// one large event, so the sentence does not call the stream broken.
QString eventStillIncomplete(quint64 bytes, qint64 ms);
QString gaveUp(int attempts, const QString &lastError);
// A proxy between us and the server (hostPort: HOST:PORT, never credentials).
// Whether a failure before the response is the proxy's to explain: through a
// proxy, our only socket goes to it.
bool blamesProxy(QNetworkReply::NetworkError error);
QString proxyFailed(QNetworkReply::NetworkError error, const QString &hostPort, const QUrl &target,
    const QString &qtDetail);
// An HTTP status that came through a proxy, which may have answered itself.
QString throughProxy(const QString &sentence, const QString &hostPort);
// "Connecting to URL." said of a connection through a proxy.
QString viaProxy(const QString &sentence, const QString &hostPort);

} // namespace errortext
} // namespace ssescope
