// "Copy as cURL" from browsers' devtools, in bash and in Windows cmd quoting,
// fills the subscribe dialog: the parser behind it.
#include "core/net/CurlCommand.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;

class TestCurlCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void proxyOptions_data();
    void proxyOptions();
    void rejects_data();
    void rejects();
    void bashWords_data();
    void bashWords();
};

void TestCurlCommand::parses_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QStringList>("headers"); // "Name: value"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("compressed");
    QTest::addColumn<bool>("insecure");

    QTest::newRow("plain") << u"curl https://api.example.com/events"_s
                           << u"https://api.example.com/events"_s << QByteArray("GET")
                           << QStringList {} << QByteArray() << false << false;
    // Chrome's "Copy as cURL (bash)".
    QTest::newRow("chrome bash") << u"curl 'https://api.example.com/v1/stream?x=1' \\\n"
                                    "  -H 'accept: text/event-stream' \\\n"
                                    "  -H 'authorization: Bearer abc.def' \\\n"
                                    "  -H 'content-type: application/json' \\\n"
                                    "  --data-raw '{\"prompt\":\"hi\",\"n\":2}' \\\n"
                                    "  --compressed"_s
                                 << u"https://api.example.com/v1/stream?x=1"_s << QByteArray("POST")
                                 << QStringList { u"accept: text/event-stream"_s,
                                        u"authorization: Bearer abc.def"_s,
                                        u"content-type: application/json"_s }
                                 << QByteArray("{\"prompt\":\"hi\",\"n\":2}") << true << false;
    // Chrome writes $'...' when the body has quotes or newlines.
    QTest::newRow("ansi-c quoting")
        << u"curl 'http://127.0.0.1:8080/s' -H 'x-a: b' --data-raw $'{\"t\":\"it\\'s\\nfine\"}'"_s
        << u"http://127.0.0.1:8080/s"_s << QByteArray("POST") << QStringList { u"x-a: b"_s }
        << QByteArray("{\"t\":\"it's\nfine\"}") << false << false;
    // Chrome's "Copy as cURL (cmd)".
    QTest::newRow("chrome cmd") << u"curl ^\"https://api.example.com/events?a=1^&b=2^\" ^\n"
                                   "  -H ^\"accept: text/event-stream^\" ^\n"
                                   "  -H ^\"authorization: Bearer t0k^\" ^\n"
                                   "  --data-raw ^\"^{^\\^\"q^\\^\":1^}^\" ^\n"
                                   "  --compressed"_s
                                << u"https://api.example.com/events?a=1&b=2"_s << QByteArray("POST")
                                << QStringList { u"accept: text/event-stream"_s,
                                       u"authorization: Bearer t0k"_s }
                                << QByteArray("{\"q\":1}") << true << false;
    QTest::newRow("firefox double quotes and -X")
        << u"curl \"http://localhost:3000/sse\" -X PUT -H \"Cookie: sid=\\\"x\\\"\" -k"_s
        << u"http://localhost:3000/sse"_s << QByteArray("PUT")
        << QStringList { u"Cookie: sid=\"x\""_s } << QByteArray() << false << true;
    QTest::newRow("attached short options")
        << u"curl -XPOST -H'A: 1' -d'x=1' -d 'y=2' -sSN http://h/e"_s << u"http://h/e"_s
        << QByteArray("POST") << QStringList { u"A: 1"_s } << QByteArray("x=1&y=2") << false
        << false;
    QTest::newRow("basic auth and cookie")
        << u"curl -u alice:s3cret -b 'a=1' --url http://h/e"_s << u"http://h/e"_s
        << QByteArray("GET")
        << QStringList { u"Authorization: Basic YWxpY2U6czNjcmV0"_s, u"Cookie: a=1"_s }
        << QByteArray() << false << false;
    QTest::newRow("get with data")
        << u"curl -G -d 'q=a b' http://h/e?x=1"_s << u"http://h/e?x=1&q=a b"_s << QByteArray("GET")
        << QStringList {} << QByteArray() << false << false;
    QTest::newRow("long spellings of the header options")
        << u"curl --request POST --header 'A: 1' --user bob:pw --cookie c=2 --user-agent ua/1 "
           "--referer http://r/ http://h/e"_s
        << u"http://h/e"_s << QByteArray("POST")
        << QStringList { u"A: 1"_s, u"Authorization: Basic Ym9iOnB3"_s, u"Cookie: c=2"_s,
               u"User-Agent: ua/1"_s, u"Referer: http://r/"_s }
        << QByteArray() << false << false;
    QTest::newRow("attached header options")
        << u"curl -Abot -ehttp://r/ -bk=v -ubob:pw http://h/e"_s << u"http://h/e"_s
        << QByteArray("GET")
        << QStringList { u"User-Agent: bot"_s, u"Referer: http://r/"_s, u"Cookie: k=v"_s,
               u"Authorization: Basic Ym9iOnB3"_s }
        << QByteArray() << false << false;
    QTest::newRow("json body, ignored options with and without values")
        << u"curl --json '{\"a\":1}' -o out.txt --max-time 5 -w x --http2 -kN http://h/e"_s
        << u"http://h/e"_s << QByteArray("POST")
        << QStringList { u"Content-Type: application/json"_s } << QByteArray("{\"a\":1}") << false
        << true;
    QTest::newRow("body from a file is left out")
        << u"curl -d @body.json --data-raw @raw http://h/e"_s << u"http://h/e"_s
        << QByteArray("POST") << QStringList {} << QByteArray("@raw") << false << false;
    QTest::newRow("windows crlf continuation")
        << u"curl ^\"http://h/e^\" ^\r\n  -H ^\"a: b^\""_s << u"http://h/e"_s << QByteArray("GET")
        << QStringList { u"a: b"_s } << QByteArray() << false << false;
}

void TestCurlCommand::parses()
{
    QFETCH(QString, command);
    QString error;
    const auto request = parseCurlCommand(command, &error);
    QVERIFY2(request, qPrintable(error));
    QTEST(request->url.toString(), "url");
    QTEST(request->method, "method");
    QStringList headers;
    for (const auto &[name, value] : request->headers)
        headers.append(QString::fromUtf8(name + ": " + value));
    QTEST(headers, "headers");
    QTEST(request->body, "body");
    QTEST(request->compressed, "compressed");
    QTEST(request->insecure, "insecure");
}

void TestCurlCommand::proxyOptions_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<int>("notes");
    QTest::newRow("-x") << u"curl -x http://127.0.0.1:3128 http://h/e"_s
                        << u"http://127.0.0.1:3128"_s << 0;
    QTest::newRow("attached -x") << u"curl -xproxy.corp:3128 http://h/e"_s << u"proxy.corp:3128"_s
                                 << 0;
    QTest::newRow("--proxy") << u"curl --proxy http://u:p@proxy.corp:3128 http://h/e"_s
                             << u"http://u:p@proxy.corp:3128"_s << 0;
    QTest::newRow("--noproxy *") << u"curl --noproxy '*' http://h/e"_s << u"none"_s << 0;
    // '*' wins over -x in either order, as in curl.
    QTest::newRow("-x then --noproxy *")
        << u"curl -x http://127.0.0.1:3128 --noproxy '*' http://h/e"_s << u"none"_s << 0;
    QTest::newRow("--noproxy * then -x")
        << u"curl --noproxy '*' -x http://127.0.0.1:3128 http://h/e"_s << u"none"_s << 0;
    QTest::newRow("--noproxy list")
        << u"curl --noproxy a.example,b.example http://h/e"_s << QString() << 1;
}

void TestCurlCommand::proxyOptions()
{
    QFETCH(QString, command);
    QString error;
    const auto request = parseCurlCommand(command, &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->url.toString(), u"http://h/e"_s);
    QTEST(request->proxy, "proxy");
    QTEST(int(request->notes.size()), "notes");
}

void TestCurlCommand::rejects_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not curl") << u"wget http://h/e"_s << u"not a curl command"_s;
    QTest::newRow("empty") << QString() << u"not a curl command"_s;
    QTest::newRow("no url") << u"curl -H 'a: b'"_s << u"no URL"_s;
    QTest::newRow("open quote") << u"curl 'http://h/e"_s << u"not closed"_s;
    QTest::newRow("two urls") << u"curl http://a/x http://b/y"_s << u"More than one URL"_s;
    QTest::newRow("missing value") << u"curl http://a/x -H"_s << u"needs a value"_s;
    QTest::newRow("bad url") << u"curl 'http://exa mple.com/'"_s << u"not a valid URL"_s;
    QTest::newRow("bad url, password hidden")
        << u"curl 'https://bot:T0kenS3cret@api.example.com:443x/'"_s << u"bot:***@api"_s;
}

void TestCurlCommand::rejects()
{
    QFETCH(QString, command);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!parseCurlCommand(command, &error));
    QVERIFY2(error.contains(reason, Qt::CaseInsensitive), qPrintable(error));
}

void TestCurlCommand::bashWords_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("mixed") << u"a 'b c'\"d\\\"e\" f\\ g"_s
                           << QStringList { u"a"_s, u"b cd\"e"_s, u"f g"_s };
    QTest::newRow("continuation") << u"a \\\n b"_s << QStringList { u"a"_s, u"b"_s };
    QTest::newRow("hex escape") << u"$'\\x41\\u00e9'"_s << QStringList { u"Aé"_s };
}

void TestCurlCommand::bashWords()
{
    QFETCH(QString, line);
    QString error;
    const auto words = splitBashWords(line, &error);
    QVERIFY2(words, qPrintable(error));
    QTEST(*words, "words");
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
