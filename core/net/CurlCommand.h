#pragma once

#include "core/net/SubscriptionConfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace ssescope {

// A request as "Copy as cURL" gives it: what the subscribe dialog needs.
struct CurlRequest
{
    QUrl url;
    QByteArray method; // empty: GET, or POST when there is a body
    QList<HttpHeader> headers;
    QByteArray body;
    bool compressed = false;
    bool insecure = false;
    QString proxy; // -x/--proxy, or "none" for --noproxy '*' (SubscriptionConfig::proxy)
    QStringList notes; // options that were ignored, and why
};

// Parses a curl command line in bash quoting (single, double and $'...'
// quotes, backslash continuations) or in Windows cmd quoting (^ escapes and
// continuations, as browsers' "Copy as cURL (cmd)" writes it). Returns
// nothing, with a reason, when it is not a curl command with one URL.
std::optional<CurlRequest> parseCurlCommand(const QString &command, QString *error);

// The shell words of a command line, for tests.
std::optional<QStringList> splitBashWords(const QString &command, QString *error);
std::optional<QStringList> splitCmdWords(const QString &command, QString *error);
bool looksLikeCmdQuoting(const QString &command);

} // namespace ssescope
