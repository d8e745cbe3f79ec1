#include "DemoStreams.h"

#include "core/common/Clock.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

namespace {

constexpr const char *kTokens[] = {
    "Server",
    "-Sent",
    " Events",
    " keep",
    " one",
    " HTTP",
    " response",
    " open",
    ",",
    " and",
    " the",
    " server",
    " writes",
    " a",
    " new",
    " event",
    " whenever",
    " it",
    " has",
    " one",
    ".",
    " Proxies",
    " that",
    " buffer",
    " hold",
    " them",
    " back",
    " in",
    " bursts",
    ".\n",
};
constexpr int kTokenCount = sizeof(kTokens) / sizeof(kTokens[0]);

QByteArray sendTimeMs()
{
    return QByteArray::number(static_cast<double>(wallNowNs()) / 1e6, 'f', 3);
}

QByteArray padding(qint64 payloadBytes, qsizetype already)
{
    const qint64 missing = payloadBytes - already;
    return missing > 0 ? QByteArray(missing, 'x') : QByteArray();
}

QByteArray jsonWithPadding(QByteArray json, qint64 payloadBytes)
{
    if (payloadBytes <= json.size())
        return json;
    json.chop(1);
    json += ",\"pad\":\"" + padding(payloadBytes, json.size() + 9) + "\"}";
    return json;
}

QByteArray jsonString(const QByteArray &text)
{
    QByteArray escaped = text;
    escaped.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return '"' + escaped + '"';
}

QByteArray echoRequest(const DemoRequest &request)
{
    QJsonObject headers;
    for (const auto &[name, value] : request.headers)
        headers.insert(QString::fromLatin1(name.toLower()), QString::fromUtf8(value));
    const QJsonObject object {
        { u"method"_s, QString::fromLatin1(request.method) },
        { u"url"_s, QString::fromLatin1(request.target) },
        { u"headers"_s, headers },
        { u"body"_s, QString::fromUtf8(request.body) },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

const QList<DemoStreamInfo> &demoStreams()
{
    static const QList<DemoStreamInfo> streams {
        { DemoStream::Clock, "clock", "/clock", "the time, once a second", 1.0 },
        { DemoStream::Ticker, "ticker", "/ticker", "JSON prices carrying their send time in \"ts\"",
            10.0 },
        { DemoStream::Tokens, "tokens", "/tokens",
            "an LLM-like token stream: OpenAI deltas (?style=anthropic: Anthropic's), after "
            "think=MS (250)",
            25.0 },
        { DemoStream::Bursty, "bursty", "/bursty", "bursts of events, then silence", 0.0 },
        { DemoStream::Echo, "echo", "/.sse", "echo of the request, then the time every second",
            1.0 },
        { DemoStream::Ndjson, "ndjson", "/ndjson",
            "newline-delimited JSON (application/x-ndjson), Ollama-like: the reply in \"response\"",
            10.0 },
    };
    return streams;
}

std::optional<DemoStreamInfo> demoStreamForPath(const QByteArray &path)
{
    for (const DemoStreamInfo &info : demoStreams()) {
        if (path == info.path)
            return info;
    }
    if (path == "/echo")
        return demoStreams().at(4);
    return std::nullopt;
}

QByteArray renderEvent(
    DemoStream stream, quint64 n, const DemoRequest &request, qint64 payloadBytes)
{
    const QByteArray id = QByteArray::number(n);
    switch (stream) {
    case DemoStream::Clock: {
        const QByteArray now
            = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        return "event: tick\nid: " + id + "\ndata: " + now + padding(payloadBytes, now.size())
            + "\n\n";
    }
    case DemoStream::Ticker:
    case DemoStream::Bursty: {
        const double price = 100.0 + 5.0 * std::sin(static_cast<double>(n) / 10.0);
        const QByteArray json = "{\"seq\":" + id + ",\"ts\":" + sendTimeMs()
            + ",\"symbol\":\"ACME\",\"price\":" + QByteArray::number(price, 'f', 2) + "}";
        const QByteArray type = stream == DemoStream::Ticker ? "" : "event: burst\n";
        return type + "id: " + id + "\ndata: " + jsonWithPadding(json, payloadBytes) + "\n\n";
    }
    case DemoStream::Tokens: {
        // Deltas as the APIs stream them (the text at /choices/0/delta/content,
        // or Anthropic's content_block_delta at /delta/text), with the demo's
        // own index, send time and token beside them.
        const QByteArray token = jsonString(kTokens[(n - 1) % kTokenCount]);
        const QByteArray common
            = "{\"index\":" + id + ",\"ts\":" + sendTimeMs() + ",\"token\":" + token;
        if (request.query.queryItemValue(u"style"_s) == u"anthropic") {
            const QByteArray json = common
                + ",\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":"
                + token + "}}";
            return "event: content_block_delta\nid: " + id
                + "\ndata: " + jsonWithPadding(json, payloadBytes) + "\n\n";
        }
        const QByteArray json = common
            + ",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{"
              "\"content\":"
            + token + "}}]}";
        return "event: token\nid: " + id + "\ndata: " + jsonWithPadding(json, payloadBytes)
            + "\n\n";
    }
    case DemoStream::Ndjson: {
        const QByteArray json = "{\"model\":\"demo\",\"index\":" + id + ",\"ts\":" + sendTimeMs()
            + ",\"response\":" + jsonString(kTokens[(n - 1) % kTokenCount]) + ",\"done\":false}";
        return jsonWithPadding(json, payloadBytes) + "\n";
    }
    case DemoStream::Echo:
        if (n == 1)
            return "event: server\nid: 1\ndata: {\"server\":\"ssescope-demo-server\"}\n\n";
        if (n == 2)
            return "event: request\nid: 2\ndata: " + echoRequest(request) + "\n\n";
        return "event: time\nid: " + id + "\ndata: "
            + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1() + "\n\n";
    }
    return {};
}

QByteArray defaultContentType(DemoStream stream)
{
    return stream == DemoStream::Ndjson ? QByteArrayLiteral("application/x-ndjson")
                                        : QByteArrayLiteral("text/event-stream; charset=utf-8");
}

QByteArray garbageLines(quint64 n)
{
    return "garbage line without a colon " + QByteArray::number(n) + "\nunknown-field: x\n"
        + ": invalid utf-8 \xC3\x28 \xFF\n";
}

} // namespace ssescope::demo
