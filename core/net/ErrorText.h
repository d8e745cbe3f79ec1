#pragma once

#include "sse/SseParser.h"

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
QString connectTimeout(qint64 ms);
QString idleTimeout(qint64 ms);
QString streamEnded();
QString parse(SseParseError error, qsizetype bytes);
QString gaveUp(int attempts, const QString &lastError);

} // namespace errortext
} // namespace ssescope
