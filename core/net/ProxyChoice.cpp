#include "ProxyChoice.h"

#include "core/common/QuotedInput.h"

#include "core/net/NetLogging.h"
#include "core/net/SubscriptionConfig.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

constexpr int kDefaultProxyPort = 1080; // curl's, for a proxy URL without a port

QString firstSet(const char *lower, const char *upper)
{
    const QString value = qEnvironmentVariable(lower);
    return value.isEmpty() ? qEnvironmentVariable(upper) : value;
}

// One no_proxy entry against the target's host (lower case, no brackets) and port.
bool entryMatches(QString entry, const QString &host, const QHostAddress &address, int port)
{
    if (entry == u"*")
        return true;
    // [v6]:port, [v6], v4:port, name:port; a bare v6 address has several colons.
    int entryPort = -1;
    if (entry.startsWith(u'[')) {
        const qsizetype close = entry.indexOf(u']');
        if (close < 0)
            return false;
        if (entry.mid(close + 1).startsWith(u':'))
            entryPort = entry.mid(close + 2).toInt();
        entry = entry.mid(1, close - 1);
    } else if (entry.count(u':') == 1) {
        const qsizetype colon = entry.indexOf(u':');
        bool ok = false;
        entryPort = entry.mid(colon + 1).toInt(&ok);
        if (!ok)
            return false;
        entry.truncate(colon);
    }
    if (entryPort >= 0 && entryPort != port)
        return false;
    if (entry.contains(u'/')) { // a subnet: only addresses match it
        const auto subnet = QHostAddress::parseSubnet(entry);
        return !address.isNull() && subnet.second >= 0 && address.isInSubnet(subnet);
    }
    const QHostAddress entryAddress(entry);
    if (!entryAddress.isNull())
        return !address.isNull() && entryAddress.isEqual(address);
    if (entry.startsWith(u'.'))
        entry.remove(0, 1);
    if (entry.isEmpty())
        return false;
    return host == entry || host.endsWith(u'.' + entry);
}

} // namespace

ProxyEnvironment ProxyEnvironment::fromProcess()
{
    return ProxyEnvironment { firstSet("http_proxy", "HTTP_PROXY"),
        firstSet("https_proxy", "HTTPS_PROXY"), firstSet("no_proxy", "NO_PROXY") };
}

bool ProxyChoice::isDirectSetting(const QString &setting)
{
    const QString trimmed = setting.trimmed();
    return trimmed.compare(u"none", Qt::CaseInsensitive) == 0
        || trimmed.compare(u"direct", Qt::CaseInsensitive) == 0;
}

bool ProxyChoice::isLoopbackHost(const QString &host)
{
    QString name = host.toLower();
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name == u"localhost" || name.endsWith(u".localhost"))
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

bool ProxyChoice::matchesNoProxy(const QUrl &target, const QString &noProxy)
{
    QString host = target.host().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    const QHostAddress address(host);
    const int port = effectivePort(target);
    static const QRegularExpression separators(u"[,\\s]+"_s);
    const QStringList entries = noProxy.toLower().split(separators, Qt::SkipEmptyParts);
    return std::any_of(entries.cbegin(), entries.cend(),
        [&](const QString &entry) { return entryMatches(entry, host, address, port); });
}

QUrl ProxyChoice::parseProxyUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QUrl url(trimmed.contains(u"://"_s) ? trimmed : u"http://"_s + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(u"http", Qt::CaseInsensitive) != 0
        || url.host().isEmpty() || (!url.path().isEmpty() && url.path() != u"/"))
        return {};
    if (url.port() < 0)
        url.setPort(kDefaultProxyPort);
    url.setPath(QString());
    return url;
}

// Where the user info of a proxy setting lies, as text: [start, at) before
// its last '@'. By hand, not by QUrl: a setting QUrl refuses must still lose
// its password before a sentence shows it. A proxy has no path, so a '/' does
// not end the search: "alice:pa/ss@proxy" showed its password whole.
std::pair<qsizetype, qsizetype> ProxyChoice::userInfoSpan(const QString &setting)
{
    const qsizetype scheme = setting.indexOf(u"://"_s);
    const qsizetype start = scheme < 0 ? 0 : scheme + 3;
    const qsizetype at = setting.lastIndexOf(u'@');
    return at < start ? std::pair<qsizetype, qsizetype> { -1, -1 } : std::pair { start, at };
}

QString ProxyChoice::redacted(const QString &setting)
{
    const auto [start, at] = userInfoSpan(setting);
    if (start < 0)
        return setting;
    // USER:*** when there is a password; a lone user name may be a token, and
    // so may one with an empty password (curl -u TOKEN:, Stripe's sk_...:).
    const qsizetype colon = setting.indexOf(u':', start);
    const QString user
        = colon >= 0 && colon + 1 < at ? setting.mid(start, colon - start) + u':' : QString();
    return setting.left(start) + user + u"***"_s + setting.mid(at);
}

QString ProxyChoice::withoutCredentials(const QString &setting)
{
    const auto [start, at] = userInfoSpan(setting);
    return start < 0 ? setting : setting.left(start) + setting.mid(at + 1);
}

QString ProxyChoice::settingProblem(const QString &setting)
{
    if (setting.trimmed().isEmpty() || isDirectSetting(setting))
        return {};
    if (parseProxyUrl(setting).isValid())
        return {};
    return tr("\"%1\" is not a proxy SSE Scope can use: give http://HOST:PORT (optionally "
              "http://USER:PASSWORD@HOST:PORT), or \"none\" for no proxy.")
        .arg(quotedInput(redacted(setting)));
}

ProxyChoice ProxyChoice::choose(
    const QUrl &target, const QString &setting, const ProxyEnvironment &environment)
{
    ProxyChoice choice;
    if (isDirectSetting(setting))
        return choice;
    if (!setting.trimmed().isEmpty()) {
        choice.m_proxy = parseProxyUrl(setting);
        if (choice.m_proxy.isValid())
            choice.m_source = Source::Subscription;
        return choice; // an unusable setting never reaches here: validationError() refuses it
    }
    if (isLoopbackHost(target.host()) || matchesNoProxy(target, environment.noProxy))
        return choice;
    const bool https = target.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    const QString &variable = https ? environment.httpsProxy : environment.httpProxy;
    if (variable.trimmed().isEmpty())
        return choice;
    choice.m_proxy = parseProxyUrl(variable);
    if (choice.m_proxy.isValid()) {
        choice.m_source = Source::System;
    } else {
        // An unusable variable is not silently "no proxy" for the user reading
        // the log (once a process, not once a reconnection); the stream still
        // connects directly.
        static std::atomic_bool warned = false;
        if (!warned.exchange(true))
            qCWarning(lcNet, "%s holds no usable http:// proxy; connecting directly",
                https ? "https_proxy" : "http_proxy");
    }
    return choice;
}

QNetworkProxy ProxyChoice::networkProxy() const
{
    if (isDirect())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return QNetworkProxy(QNetworkProxy::HttpProxy, m_proxy.host(),
        static_cast<quint16>(m_proxy.port(kDefaultProxyPort)), m_proxy.userName(QUrl::FullyDecoded),
        m_proxy.password(QUrl::FullyDecoded));
}

QString ProxyChoice::hostPort() const
{
    if (isDirect())
        return {};
    const QString host
        = m_proxy.host().contains(u':') ? u'[' + m_proxy.host() + u']' : m_proxy.host();
    return u"%1:%2"_s.arg(host).arg(m_proxy.port(kDefaultProxyPort));
}

} // namespace ssescope
