// LLM token streams and bodies that are not text/event-stream, end to end
// against the demo server: ssescope-cli as a child process, and the capture
// session in process.
#include "core/demo/DemoServerThread.h"
#include "core/session/CaptureSession.h"
#include "tests/integration/CliProcess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace ssescope::test {

namespace {

// The figures of a stream's row in --stats' token table, as of its last print.
struct TokenRow
{
    bool found = false;
    double ttftMs = 0;
    double gapP50Ms = 0;
    double gapP99Ms = 0;
    double tokensPerSecond = 0;
    quint64 tokens = 0;
};

TokenRow lastTokenRow(const QByteArray &stderrText, const QByteArray &stream)
{
    TokenRow row;
    bool inTable = false;
    for (const QByteArray &line : stderrText.split('\n')) {
        if (line.startsWith("token stream")) {
            inTable = true;
            continue;
        }
        if (!inTable || !line.startsWith(stream))
            continue;
        const QByteArrayList cells = line.mid(20).simplified().split(' ');
        if (cells.size() < 7)
            continue;
        row = TokenRow { true, cells[0].toDouble(), cells[2].toDouble(), cells[3].toDouble(),
            cells[4].toDouble(), cells[5].toULongLong() };
    }
    return row;
}

} // namespace

class TestTokenStreams final : public QObject
{
    Q_OBJECT

    demo::DemoServerThread m_server;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    // 30 deltas at 50/s after the demo "thinks" 300 ms: TTFT about 300 ms
    // from the request, gaps about 20 ms, about 50 tokens/s, in either API's shape.
    void cliStatsShowTokenFigures_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("style");
        QTest::newRow("openai") << u"openai"_s << QString();
        QTest::newRow("anthropic") << u"anthropic"_s << u"&style=anthropic"_s;
    }
    void cliStatsShowTokenFigures()
    {
        QFETCH(QString, preset);
        QFETCH(QString, style);
        const CliRun run = CliRun::run(
            { u"--tokens"_s, preset, u"--stats=30"_s, u"--duration"_s, u"3"_s, u"--no-reconnect"_s,
                u"llm="_s + url(u"/tokens?count=30&rate=50&think=300"_s + style) });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const TokenRow row = lastTokenRow(run.err, "llm");
        QVERIFY2(row.found, run.err.constData());
        QCOMPARE(row.tokens, quint64(30));
        QVERIFY2(row.ttftMs >= 295 && row.ttftMs < 1500, run.err.constData());
        QVERIFY2(row.gapP50Ms >= 10 && row.gapP50Ms <= 40, run.err.constData());
        QVERIFY2(row.gapP99Ms >= row.gapP50Ms, run.err.constData());
        QVERIFY2(row.tokensPerSecond >= 25 && row.tokensPerSecond <= 75, run.err.constData());
    }

    // --metrics serves a token stream's figures beside its others.
    void metricsServeTokenFigures()
    {
        QProcess cli;
        cli.start(QStringLiteral(SSESCOPE_CLI),
            { u"--tokens"_s, u"openai"_s, u"--metrics"_s, u"127.0.0.1:0"_s, u"--duration"_s,
                u"20"_s, u"-o"_s, u"/dev/null"_s,
                u"llm="_s + url(u"/tokens?rate=100&think=100"_s) });
        QVERIFY(cli.waitForStarted());
        QByteArray err;
        QUrl metrics;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                err += cli.readAllStandardError();
                for (const QJsonObject &line : jsonLines(err)) {
                    if (line.value(u"kind"_s) == u"metrics"_s)
                        metrics = QUrl(line.value(u"url"_s).toString());
                }
                return metrics.isValid();
            }(),
            10000);
        QByteArray text;
        const auto scrape = [&] {
            QTcpSocket socket;
            socket.connectToHost(metrics.host(), quint16(metrics.port()));
            if (!socket.waitForConnected(2000))
                return QByteArray();
            socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QByteArray all;
            while (socket.waitForReadyRead(2000))
                all += socket.readAll();
            return all;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            (text = scrape()).contains("ssescope_inter_token_gap_seconds{stream=\"llm\""), 10000);
        QVERIFY2(
            text.contains("ssescope_time_to_first_token_seconds{stream=\"llm\""), text.constData());
        QVERIFY2(text.contains("ssescope_tokens_total{stream=\"llm\""), text.constData());
        QVERIFY2(text.contains("ssescope_tokens_per_second{stream=\"llm\""), text.constData());
        cli.terminate();
        QVERIFY(cli.waitForFinished(5000));
    }

    // A saved capture measured as a token stream: gaps and rate, no TTFT
    // (a capture does not know when the request started).
    void statsOfASavedCapture()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString capture = dir.filePath(u"llm.jsonl"_s);
        const CliRun record = CliRun::run({ u"--no-reconnect"_s, u"--duration"_s, u"3"_s, u"-o"_s,
            capture, u"llm="_s + url(u"/tokens?count=20&rate=50&think=0"_s) });
        QCOMPARE(record.exitCode, 0);
        const CliRun stats = CliRun::run({ u"stats"_s, u"--tokens"_s, u"openai"_s, capture });
        QCOMPARE(stats.exitCode, 0);
        const TokenRow row = lastTokenRow(stats.out, "llm");
        QVERIFY2(row.found, stats.out.constData());
        QCOMPARE(row.tokens, quint64(20));
        QVERIFY2(row.gapP50Ms >= 10 && row.gapP50Ms <= 40, stats.out.constData());
        QVERIFY2(QRegularExpression(u"\\nllm +- +- +[\\d.]+ "_s)
                     .match(QString::fromUtf8(stats.out))
                     .hasMatch(),
            stats.out.constData());
    }

    // Not marked as a token stream: no token table.
    void plainStreamHasNoTokenTable()
    {
        const CliRun run = CliRun::run({ u"--stats=30"_s, u"--duration"_s, u"1"_s,
            u"--no-reconnect"_s, url(u"/tokens?count=3&rate=50&think=0"_s) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.err.contains("token stream"), run.err.constData());
    }

    // bruno#6371: a stream served as application/octet-stream is refused
    // with a sentence that says how to read it anyway, and read with the option.
    void wrongContentTypeRefusedUnlessAccepted()
    {
        const QString wrong
            = url(u"/ticker?count=3&rate=100&content_type=application/octet-stream"_s);
        const CliRun refused = CliRun::run({ u"--no-reconnect"_s, wrong });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("application/octet-stream\\\", not text/event-stream"),
            refused.err.constData());
        QVERIFY2(refused.err.contains("--any-content-type"), refused.err.constData());
        QVERIFY(jsonLines(refused.out).isEmpty());

        const CliRun accepted = CliRun::run(
            { u"--any-content-type"_s, u"--no-reconnect"_s, u"--duration"_s, u"3"_s, wrong });
        QCOMPARE(accepted.exitCode, 0);
        QCOMPARE(jsonLines(accepted.out).size(), 3);
    }

    // NDJSON (bruno#6146): one event per line, refused as SSE, read with
    // --ndjson, and a token stream too (Ollama's "response").
    void cliReadsNdjson()
    {
        const QString ndjson = url(u"/ndjson?count=5&rate=100"_s);
        const CliRun refused = CliRun::run({ u"--no-reconnect"_s, ndjson });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("application/x-ndjson"), refused.err.constData());
        QVERIFY2(refused.err.contains("--ndjson"), refused.err.constData());

        const CliRun run = CliRun::run({ u"--ndjson"_s, u"--tokens"_s, u"/response"_s,
            u"--stats=30"_s, u"--duration"_s, u"3"_s, u"--no-reconnect"_s, u"o="_s + ndjson });
        QCOMPARE(run.exitCode, 0);
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(events.size(), 5);
        const QJsonObject first
            = QJsonDocument::fromJson(events.first().value(u"data"_s).toString().toUtf8()).object();
        QCOMPARE(first.value(u"response"_s).toString(), u"Server"_s);
        QCOMPARE(events.first().value(u"type"_s).toString(), u"message"_s);
        QCOMPARE(lastTokenRow(run.err, "o").tokens, quint64(5));
    }

    // In the session both front ends drive: NDJSON lines are stored and
    // counted as events, and a token stream's reply is assembled.
    void sessionStoresNdjsonTokens()
    {
        CaptureSession session;
        SubscriptionConfig config;
        config.name = u"ollama"_s;
        config.url = m_server.url(u"/ndjson?count=12&rate=200"_s);
        config.bodyFormat = BodyFormat::Ndjson;
        config.tokens = *TokenStreamConfig::fromSpec(u"/response"_s, nullptr);
        config.reconnect.reconnect = false;
        const StreamId stream = session.addStream(config);
        QTRY_COMPARE_WITH_TIMEOUT(session.pipeline().store().size(), qint64(12), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session.status(stream).state, SubscriptionState::Closed, 10000);
        const StreamStats *stats = session.pipeline().stats().find(stream);
        QVERIFY(stats);
        QCOMPARE(stats->totals().events, quint64(12));
        const TokenStats *tokens = session.pipeline().stats().findTokens(stream);
        QVERIFY(tokens);
        const TokenFigures f = tokens->figures();
        QCOMPARE(f.tokens, quint64(12));
        QVERIFY(!std::isnan(f.ttftMs));
        QCOMPARE(tokens->replyText(),
            QByteArray("Server-Sent Events keep one HTTP response open, and the server"));
    }
};

} // namespace ssescope::test

QTEST_GUILESS_MAIN(ssescope::test::TestTokenStreams)
#include "tst_tokenstreams.moc"
