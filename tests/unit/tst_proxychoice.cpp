// Which proxy carries a request: the subscription's own, else the system's
// (http_proxy, https_proxy, no_proxy), never the system's for loopback.
// Pure decisions: no request is sent, so targets off loopback are safe here.
#include "core/net/ProxyChoice.h"

#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

class TestProxyChoice final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chooses_data();
    void chooses();
    void settingProblems_data();
    void settingProblems();
    void longSettingIsQuotedShort();
    void credentialsGoToQtButNeverToSentences();
    void redaction();
    void environmentPrefersLowerCase();
};

void TestProxyChoice::chooses_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("httpProxy");
    QTest::addColumn<QString>("httpsProxy");
    QTest::addColumn<QString>("noProxy");
    QTest::addColumn<QString>("expected"); // "" = direct, else HOST:PORT
    QTest::addColumn<int>("source");

    const int direct = int(ProxyChoice::Source::Direct);
    const int own = int(ProxyChoice::Source::Subscription);
    const int system = int(ProxyChoice::Source::System);
    const QString p = u"http://proxy.corp:3128"_s;
    const QString s = u"http://secure.corp:8443"_s;

    QTest::newRow("no proxy anywhere") << u"http://api.example/events"_s << QString() << QString()
                                       << QString() << QString() << QString() << direct;
    QTest::newRow("http_proxy for http") << u"http://api.example/events"_s << QString() << p << s
                                         << QString() << u"proxy.corp:3128"_s << system;
    QTest::newRow("https_proxy for https") << u"https://api.example/events"_s << QString() << p << s
                                           << QString() << u"secure.corp:8443"_s << system;
    QTest::newRow("https without https_proxy is direct")
        << u"https://api.example/events"_s << QString() << p << QString() << QString() << QString()
        << direct;
    QTest::newRow("no scheme, no port: http and 1080")
        << u"http://api.example/"_s << QString() << u"proxy.corp"_s << QString() << QString()
        << u"proxy.corp:1080"_s << system;
    QTest::newRow("unusable variable: direct")
        << u"http://api.example/"_s << QString() << u"socks5://proxy.corp:1080"_s << QString()
        << QString() << QString() << direct;
    // Loopback is never sent to the system proxy.
    for (const QString &host : { u"127.0.0.1"_s, u"127.8.9.10"_s, u"[::1]"_s, u"localhost"_s,
             u"LOCALHOST"_s, u"api.localhost"_s, u"localhost."_s }) {
        QTest::addRow("loopback %s", qPrintable(host))
            << u"http://%1:8080/events"_s.arg(host) << QString() << p << s << QString() << QString()
            << direct;
    }
    QTest::newRow("not loopback: 128.0.0.1") << u"http://128.0.0.1/"_s << QString() << p << s
                                             << QString() << u"proxy.corp:3128"_s << system;
    QTest::newRow("not loopback: localhost.example")
        << u"http://localhost.example/"_s << QString() << p << s << QString()
        << u"proxy.corp:3128"_s << system;
    // no_proxy's forms.
    const auto bypass = [&](const char *name, const QString &target, const QString &noProxy) {
        QTest::newRow(name) << target << QString() << p << s << noProxy << QString() << direct;
    };
    const auto keep = [&](const char *name, const QString &target, const QString &noProxy) {
        QTest::newRow(name) << target << QString() << p << s << noProxy << u"proxy.corp:3128"_s
                            << system;
    };
    bypass("no_proxy *", u"http://api.example/"_s, u"*"_s);
    bypass("no_proxy exact name", u"http://api.example/"_s, u"api.example"_s);
    bypass("no_proxy suffix", u"http://a.b.api.example/"_s, u"api.example"_s);
    bypass("no_proxy leading dot", u"http://a.api.example/"_s, u".api.example"_s);
    bypass("no_proxy leading dot, the domain itself", u"http://api.example/"_s, u".api.example"_s);
    bypass("no_proxy in a list with spaces", u"http://api.example/"_s,
        u"other.test, api.example ,more.test"_s);
    bypass("no_proxy any case", u"http://API.Example/"_s, u"api.EXAMPLE"_s);
    bypass("no_proxy host:port", u"http://api.example:8080/"_s, u"api.example:8080"_s);
    bypass("no_proxy default port", u"http://api.example/"_s, u"api.example:80"_s);
    bypass("no_proxy IPv4", u"http://10.1.2.3/"_s, u"10.1.2.3"_s);
    bypass("no_proxy IPv4 subnet", u"http://10.1.2.3/"_s, u"10.0.0.0/8"_s);
    bypass("no_proxy IPv6", u"http://[fd00::1]/"_s, u"fd00::1"_s);
    bypass("no_proxy bracketed IPv6 and port", u"http://[fd00::1]:81/"_s, u"[fd00::1]:81"_s);
    bypass("no_proxy IPv6 subnet", u"http://[fd00::1]/"_s, u"fd00::/8"_s);
    keep("no_proxy other port", u"http://api.example:8081/"_s, u"api.example:8080"_s);
    keep("no_proxy is not a substring match", u"http://notapi.example/"_s, u"api.example"_s);
    keep("no_proxy other address", u"http://10.1.2.4/"_s, u"10.1.2.3"_s);
    keep("no_proxy subnet misses", u"http://11.1.2.3/"_s, u"10.0.0.0/8"_s);
    keep("no_proxy names match names only", u"http://10.1.2.3/"_s, u"1.2.3"_s);
    keep("no_proxy * inside a name is not a wildcard", u"http://api.example/"_s, u"*.example"_s);
    // The subscription's own setting.
    QTest::newRow("own proxy beats the system")
        << u"http://api.example/"_s << u"http://own.proxy:8000"_s << p << s << QString()
        << u"own.proxy:8000"_s << own;
    QTest::newRow("own proxy beats no_proxy")
        << u"http://api.example/"_s << u"http://own.proxy:8000"_s << p << s << u"*"_s
        << u"own.proxy:8000"_s << own;
    QTest::newRow("own proxy is used for loopback too")
        << u"http://127.0.0.1:9000/"_s << u"http://127.0.0.1:8000"_s << QString() << QString()
        << QString() << u"127.0.0.1:8000"_s << own;
    QTest::newRow("own proxy for https (CONNECT)")
        << u"https://api.example/"_s << u"127.0.0.1:8000"_s << p << s << QString()
        << u"127.0.0.1:8000"_s << own;
    QTest::newRow("none beats the system")
        << u"http://api.example/"_s << u"none"_s << p << s << QString() << QString() << direct;
    QTest::newRow("direct beats the system")
        << u"https://api.example/"_s << u" Direct "_s << p << s << QString() << QString() << direct;
}

void TestProxyChoice::chooses()
{
    QFETCH(QString, target);
    QFETCH(QString, setting);
    QFETCH(QString, httpProxy);
    QFETCH(QString, httpsProxy);
    QFETCH(QString, noProxy);
    QFETCH(QString, expected);
    QFETCH(int, source);
    const ProxyChoice choice = ProxyChoice::choose(
        QUrl(target), setting, ProxyEnvironment { httpProxy, httpsProxy, noProxy });
    QCOMPARE(choice.hostPort(), expected);
    QCOMPARE(int(choice.source()), source);
    const QNetworkProxy proxy = choice.networkProxy();
    if (expected.isEmpty()) {
        QCOMPARE(proxy.type(), QNetworkProxy::NoProxy);
    } else {
        QCOMPARE(proxy.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(u"%1:%2"_s.arg(proxy.hostName()).arg(proxy.port()), expected);
    }
}

void TestProxyChoice::settingProblems_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<bool>("usable");
    QTest::newRow("empty: the system's") << QString() << true;
    QTest::newRow("none") << u"none"_s << true;
    QTest::newRow("NONE") << u"NONE"_s << true;
    QTest::newRow("direct") << u"direct"_s << true;
    QTest::newRow("http URL") << u"http://127.0.0.1:3128"_s << true;
    QTest::newRow("http URL with slash") << u"http://127.0.0.1:3128/"_s << true;
    QTest::newRow("credentials") << u"http://u:p@127.0.0.1:3128"_s << true;
    QTest::newRow("host:port") << u"proxy.corp:3128"_s << true;
    QTest::newRow("https proxy") << u"https://127.0.0.1:3128"_s << false;
    QTest::newRow("socks5") << u"socks5://127.0.0.1:1080"_s << false;
    QTest::newRow("a path") << u"http://127.0.0.1:3128/proxy"_s << false;
    QTest::newRow("no host") << u"http://:3128"_s << false;
    QTest::newRow("bad port") << u"http://127.0.0.1:99999"_s << false;
}

void TestProxyChoice::settingProblems()
{
    QFETCH(QString, setting);
    QFETCH(bool, usable);
    QCOMPARE(ProxyChoice::settingProblem(setting).isEmpty(), usable);
}

void TestProxyChoice::longSettingIsQuotedShort()
{
    // A 10 KB --proxy was echoed whole, burying the reason under it.
    const QString setting = u"socks5://127.0.0.1:1080/"_s + QString(10'000, u'x');
    const QString problem = ProxyChoice::settingProblem(setting);
    QVERIFY2(problem.size() < 400, qPrintable(problem.left(400)));
    QVERIFY(problem.startsWith(u"\"socks5://127.0.0.1:1080/x"_s));
    QVERIFY(problem.contains(u"…(9864 more characters)…"_s));
    QVERIFY(problem.contains(u"or \"none\" for no proxy."_s));
}

void TestProxyChoice::credentialsGoToQtButNeverToSentences()
{
    const ProxyChoice choice = ProxyChoice::choose(QUrl(u"http://api.example/"_s),
        u"http://us%40er:p%3Ass@127.0.0.1:3128"_s, ProxyEnvironment {});
    QCOMPARE(choice.networkProxy().user(), u"us@er"_s);
    QCOMPARE(choice.networkProxy().password(), u"p:ss"_s);
    QCOMPARE(choice.hostPort(), u"127.0.0.1:3128"_s);
    const QString problem = ProxyChoice::settingProblem(u"socks5://user:S3cret@127.0.0.1:1"_s);
    QVERIFY(!problem.isEmpty());
    QVERIFY2(!problem.contains(u"S3cret"_s), qPrintable(problem));
}

void TestProxyChoice::redaction()
{
    QCOMPARE(ProxyChoice::redacted(u"http://u:S3cret@h:1"_s), u"http://u:***@h:1"_s);
    QCOMPARE(ProxyChoice::redacted(u"u:S3cret@h:1"_s), u"u:***@h:1"_s);
    QCOMPARE(ProxyChoice::redacted(u"http://h:1"_s), u"http://h:1"_s);
    QCOMPARE(ProxyChoice::redacted(u"http://T0ken@h:1"_s), u"http://***@h:1"_s);
    QCOMPARE(ProxyChoice::redacted(u"http://T0ken:@h:1"_s), u"http://***@h:1"_s); // curl -u T0ken:
    QCOMPARE(ProxyChoice::redacted(u"http:/u:S3cret@h:1"_s), u"http:***@h:1"_s); // one slash
    // Not a URL QUrl takes, and still without its password.
    QCOMPARE(ProxyChoice::redacted(u"socks5://u:S3cret@[bad:1"_s), u"socks5://u:***@[bad:1"_s);
    // A proxy has no path: everything before the last '@' may be user info.
    QCOMPARE(ProxyChoice::redacted(u"http://u:p@ss@h:1/x@y"_s), u"http://u:***@y"_s);
    QCOMPARE(ProxyChoice::redacted(u"http://alice:pa/ss@h:1"_s), u"http://alice:***@h:1"_s);
    QCOMPARE(ProxyChoice::redacted(u"alice:pa/ss@h:1"_s), u"alice:***@h:1"_s);
    QVERIFY(!ProxyChoice::settingProblem(u"http://alice:pa/ss@h:1/x"_s).contains(u"ss"_s));
    QCOMPARE(ProxyChoice::withoutCredentials(u"http://u:S3cret@h:1"_s), u"http://h:1"_s);
    QCOMPARE(ProxyChoice::withoutCredentials(u"u:S3cret@h:1"_s), u"h:1"_s);
    QCOMPARE(ProxyChoice::withoutCredentials(u"none"_s), u"none"_s);
    QCOMPARE(ProxyChoice::withoutCredentials(u"http://h:1"_s), u"http://h:1"_s);
}

void TestProxyChoice::environmentPrefersLowerCase()
{
    qputenv("http_proxy", "http://lower:1");
    qputenv("HTTP_PROXY", "http://upper:2");
    qunsetenv("https_proxy");
    qputenv("HTTPS_PROXY", "http://upper:3");
    qputenv("no_proxy", "a.example");
    const ProxyEnvironment environment = ProxyEnvironment::fromProcess();
    QCOMPARE(environment.httpProxy, u"http://lower:1"_s);
    QCOMPARE(environment.httpsProxy, u"http://upper:3"_s);
    QCOMPARE(environment.noProxy, u"a.example"_s);
    for (const char *name : { "http_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy" })
        qunsetenv(name);
}

QTEST_GUILESS_MAIN(TestProxyChoice)
#include "tst_proxychoice.moc"
