#pragma once

#include <QCoreApplication>
#include <QNetworkProxy>
#include <QString>
#include <QUrl>

#include <utility>

namespace ssescope {

// The system proxy as curl and most command-line tools read it. Qt 6.4 on
// Linux reads these variables only for QNetworkProxyFactory's system
// configuration, which is off by default and knows no loopback rule; the
// choice is made here, explicitly, for every request.
struct ProxyEnvironment
{
    QString httpProxy; // http_proxy, else HTTP_PROXY
    QString httpsProxy; // https_proxy, else HTTPS_PROXY
    QString noProxy; // no_proxy, else NO_PROXY

    static ProxyEnvironment fromProcess();
};

// Which proxy, if any, carries one request, in this order:
//  1. the subscription's own proxy setting (SubscriptionConfig::proxy):
//     "none" or "direct" = no proxy at all; http://[USER:PASSWORD@]HOST[:PORT]
//     = that proxy for every target, loopback included (a proxy chosen by
//     hand is used as given: that is how it is tested on one machine);
//  2. an empty setting follows the system: targets on loopback (localhost,
//     *.localhost, 127.0.0.0/8, ::1) are always direct, then no_proxy, then
//     https_proxy for https and http_proxy for http.
// no_proxy (curl's rules): entries separated by commas or spaces, matched
// without regard to case; "*" alone = every host; "example.com" and
// ".example.com" = that domain and every name under it; "HOST:PORT" = that
// port only; an IP address matches itself; "10.0.0.0/8" or "fd00::/8" a subnet;
// "[::1]" an IPv6 address.
// A proxy URL without a scheme is http://; without a port, port 1080 (curl's).
class ProxyChoice final
{
    Q_DECLARE_TR_FUNCTIONS(ProxyChoice)
public:
    enum class Source { Direct, Subscription, System };

    static ProxyChoice choose(
        const QUrl &target, const QString &setting, const ProxyEnvironment &environment);
    static ProxyChoice choose(const QUrl &target, const QString &setting)
    {
        return choose(target, setting, ProxyEnvironment::fromProcess());
    }

    // Empty when setting can be used as SubscriptionConfig::proxy; otherwise
    // why not, in one sentence that never shows a password.
    static QString settingProblem(const QString &setting);
    // "none" and "direct", in any case.
    static bool isDirectSetting(const QString &setting);
    static bool isLoopbackHost(const QString &host);
    static bool matchesNoProxy(const QUrl &target, const QString &noProxy);
    // The proxy URL parsed as the setting or an environment variable gives it
    // (http:// and port 1080 added when missing); invalid when unusable.
    static QUrl parseProxyUrl(const QString &text);
    // The setting with any password replaced by "***", for records and logs;
    // also any URL as typed that QUrl refused, whose password a sentence quotes.
    static QString redacted(const QString &setting);
    // The setting without its user info (a workspace saved without secrets).
    static QString withoutCredentials(const QString &setting);

    Source source() const { return m_source; }
    bool isDirect() const { return m_source == Source::Direct; }
    QNetworkProxy networkProxy() const;
    // HOST:PORT of the proxy, for sentences; empty when direct. Never credentials.
    QString hostPort() const;

private:
    static std::pair<qsizetype, qsizetype> userInfoSpan(const QString &setting);

    Source m_source = Source::Direct;
    QUrl m_proxy; // http://[user:password@]host:port when not direct
};

} // namespace ssescope
