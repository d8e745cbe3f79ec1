#include "core/pipeline/CaptureMeasurer.h"
#include "core/pipeline/TokenReply.h"
#include "core/sse/Utf8.h"
#include "core/stats/TokenStats.h"
#include "core/stats/TokenStream.h"
#include "core/store/EventStore.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope::test {

namespace {

constexpr qint64 kMs = 1'000'000;

QByteArray openAiDelta(const QByteArray &text)
{
    return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
}

SseEventView view(StreamId stream, quint64 seq, qint64 steadyNs, QByteArrayView type,
    QByteArrayView data, quint64 chunk)
{
    return SseEventView { stream, seq, QByteArrayView(), type, data, steadyNs, steadyNs, chunk,
        quint64(data.size()) };
}

} // namespace

// A token stream's figures, from the deltas themselves: time to first token
// from the request, gaps within replies, tokens per second, the reply text.
class TestTokenStats final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The reply's tail is kept whole characters: a cut never splits a UTF-8
    // sequence (one helper for the live reply and the one read back).
    void keepTailCutsBetweenCharacters_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<QByteArray>("kept");
        QTest::addColumn<bool>("cut");
        QTest::newRow("short enough") << QByteArray("abc") << 3 << QByteArray("abc") << false;
        QTest::newRow("ascii") << QByteArray("abcdef") << 4 << QByteArray("cdef") << true;
        // "é" is C3 A9: keeping 3 bytes of "aéb" would start inside it.
        QTest::newRow("inside a 2-byte char") << QByteArray("xa\xC3\xA9"
                                                            "b")
                                              << 2 << QByteArray("b") << true;
        QTest::newRow("at a 2-byte char") << QByteArray("xa\xC3\xA9"
                                                        "b")
                                          << 3
                                          << QByteArray("\xC3\xA9"
                                                        "b")
                                          << true;
        // U+1F600 is F0 9F 98 80.
        QTest::newRow("inside a 4-byte char")
            << QByteArray("a\xF0\x9F\x98\x80") << 3 << QByteArray() << true;
    }
    void keepTailCutsBetweenCharacters()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, maxBytes);
        QFETCH(bool, cut);
        QCOMPARE(utf8::keepTail(text, maxBytes), cut);
        QTEST(text, "kept");
    }

    void deltaReader_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expected"); // "-" = not a token
        QTest::newRow("openai") << QByteArray("openai") << QByteArray("message")
                                << openAiDelta("Hi") << QByteArray("Hi");
        QTest::newRow("openai escapes")
            << QByteArray("openai") << QByteArray("message")
            << openAiDelta("a\\\"b\\n\\ud83d\\ude00") << QByteArray("a\"b\n\xF0\x9F\x98\x80");
        QTest::newRow("openai role only, empty content")
            << QByteArray("openai") << QByteArray("message") << openAiDelta("") << QByteArray("-");
        QTest::newRow("openai null content")
            << QByteArray("openai") << QByteArray("message")
            << QByteArray("{\"choices\":[{\"delta\":{\"content\":null}}]}") << QByteArray("-");
        QTest::newRow("openai done") << QByteArray("openai") << QByteArray("message")
                                     << QByteArray("[DONE]") << QByteArray("-");
        QTest::newRow("anthropic delta")
            << QByteArray("anthropic") << QByteArray("content_block_delta")
            << QByteArray("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\","
                          "\"text\":\"Hello\"}}")
            << QByteArray("Hello");
        QTest::newRow("anthropic other type")
            << QByteArray("anthropic") << QByteArray("message_delta")
            << QByteArray("{\"delta\":{\"text\":\"x\"}}") << QByteArray("-");
        QTest::newRow("number is no text") << QByteArray("/n") << QByteArray("message")
                                           << QByteArray("{\"n\":3}") << QByteArray("-");
    }
    void deltaReader()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expected);
        const auto config = TokenStreamConfig::fromSpec(QString::fromUtf8(spec), nullptr);
        QVERIFY(config);
        const std::optional<QByteArray> delta = TokenDeltaReader(*config).delta(type, data);
        QCOMPARE(delta.value_or(QByteArrayLiteral("-")), expected);
    }

    void figuresOfOneReply()
    {
        TokenStats stats;
        QVERIFY(std::isnan(stats.figures().ttftMs));
        stats.noteRequest(1000 * kMs, 0);
        // Tokens 200 ms after the request, then every 10 ms, one late by 50 ms.
        const qint64 arrivals[] = { 1200, 1210, 1220, 1230, 1280, 1290 };
        for (const qint64 ms : arrivals)
            stats.recordToken(ms * kMs, "ab");
        stats.noteRequest(1000 * kMs, 1200 * kMs);
        const TokenFigures f = stats.figures();
        QCOMPARE(f.tokens, quint64(6));
        QCOMPARE(f.replies, quint64(1));
        QCOMPARE(f.ttftMs, 200.0);
        QCOMPARE(f.gaps, quint64(5));
        QVERIFY2(std::abs(f.gapP50Ms - 10) <= 10 * 0.0625 + 0.01,
            qPrintable(QString::number(f.gapP50Ms)));
        QCOMPARE(f.gapP99Ms, 50.0); // the maximum is exact
        QCOMPARE(f.tokensPerSecond, 5 / 0.09);
        QCOMPARE(stats.replyText(), QByteArray("abababababab"));
    }

    // A reconnection starts a new reply: no gap across it, its own TTFT, and
    // its own text.
    void newRequestStartsNewReply()
    {
        TokenStats stats;
        stats.noteRequest(1000 * kMs, 0);
        stats.recordToken(1100 * kMs, "old ");
        stats.recordToken(1110 * kMs, "reply");
        stats.noteRequest(1000 * kMs, 1100 * kMs);
        stats.noteRequest(5000 * kMs, 0);
        stats.recordToken(5300 * kMs, "new");
        stats.noteRequest(5000 * kMs, 5300 * kMs);
        const TokenFigures f = stats.figures();
        QCOMPARE(f.tokens, quint64(3));
        QCOMPARE(f.replies, quint64(2));
        QCOMPARE(f.ttftMs, 300.0);
        QCOMPARE(f.gaps, quint64(1)); // 1110 - 1100 only: not 5300 - 1110
        QCOMPARE(stats.replyText(), QByteArray("new"));
        QCOMPARE(stats.replyStartFor(1105 * kMs), 1000 * kMs);
        QCOMPARE(stats.replyStartFor(5300 * kMs), 5000 * kMs);
    }

    // The reply text is bounded: its newest part stays, never cut inside a
    // UTF-8 sequence.
    void replyTextIsBounded()
    {
        TokenStats stats;
        const QByteArray piece = "\xC3\xA9\xC3\xA9\xC3\xA9 "; // "ééé "
        for (int i = 0; i < 100'000; ++i)
            stats.recordToken(qint64(i) * kMs, piece);
        QVERIFY(stats.replyText().size() <= 2 * TokenStats::kMaxReplyBytes);
        QVERIFY(stats.replyText().size() >= TokenStats::kMaxReplyBytes);
        QVERIFY(stats.replyTruncated());
        QVERIFY(stats.replyText().endsWith(piece));
        QVERIFY(QString::fromUtf8(stats.replyText()).toUtf8() == stats.replyText());
    }

    // The measurer reads deltas only of streams marked as token streams.
    void measurerMeasuresMarkedStreams()
    {
        CaptureMeasurer measurer;
        measurer.setTokenStream(1, TokenStreamConfig::openAi());
        SubscriptionCounters counters;
        counters.requestSteadyNs = 100 * kMs;
        measurer.noteRequest(1, counters);
        const QByteArray a = openAiDelta("Hel"), b = openAiDelta("lo"), done = "[DONE]";
        measurer.measure(view(1, 1, 150 * kMs, "message", a, 1), std::nullopt);
        measurer.measure(view(2, 1, 150 * kMs, "message", a, 1), std::nullopt);
        measurer.measure(view(1, 2, 170 * kMs, "message", b, 2), std::nullopt);
        measurer.measure(view(1, 3, 171 * kMs, "message", done, 3), std::nullopt);
        counters.firstTokenSteadyNs = 150 * kMs;
        measurer.applyCounters(1, counters);
        const CaptureStats &stats = measurer.stats();
        QVERIFY(!stats.findTokens(2));
        const TokenStats *tokens = stats.findTokens(1);
        QVERIFY(tokens);
        QCOMPARE(tokens->figures().tokens, quint64(2));
        QCOMPARE(tokens->figures().ttftMs, 50.0);
        QCOMPARE(tokens->replyText(), QByteArray("Hello"));
        measurer.clear(); // figures start again; the stream stays a token stream
        QVERIFY(measurer.stats().findTokens(1));
        QCOMPARE(measurer.stats().findTokens(1)->figures().tokens, quint64(0));
        measurer.setTokenStream(1, TokenStreamConfig {});
        measurer.measure(view(1, 4, 200 * kMs, "message", a, 4), std::nullopt);
        QCOMPARE(measurer.stats().findTokens(1)->figures().tokens, quint64(0));
    }

    // The reply up to a stored event, read back from the store: only its
    // stream's deltas, from the reply's start, bounded by rows and bytes.
    void assembleReplyFromStore()
    {
        EventStore store;
        const auto add = [&store](StreamId stream, quint64 seq, qint64 ms, const QByteArray &data) {
            store.append(view(stream, seq, ms * kMs, "message", data, seq), std::nullopt);
        };
        add(1, 1, 10, openAiDelta("old"));
        add(1, 2, 100, openAiDelta("The"));
        add(2, 1, 101, openAiDelta("other"));
        add(1, 3, 102, openAiDelta(" reply"));
        add(1, 4, 103, "[DONE]");
        add(1, 5, 104, openAiDelta(" later"));
        const TokenDeltaReader reader(TokenStreamConfig::openAi());
        AssembledReply reply = assembleReply(store, 4, reader, 50 * kMs);
        QCOMPARE(reply.text, QByteArray("The reply"));
        QCOMPARE(reply.tokens, quint64(2));
        QVERIFY(!reply.cut);
        reply = assembleReply(store, 5, reader);
        QCOMPARE(reply.text, QByteArray("oldThe reply later"));
        reply = assembleReply(
            store, 5, reader, std::numeric_limits<qint64>::min(), ReplyBounds { 64 * 1024, 3 });
        QCOMPARE(reply.text, QByteArray(" reply later"));
        QVERIFY(reply.cut);
        reply = assembleReply(
            store, 5, reader, std::numeric_limits<qint64>::min(), ReplyBounds { 6, 100 });
        QCOMPARE(reply.text, QByteArray(" later"));
        QVERIFY(reply.cut);
        QCOMPARE(assembleReply(store, 2, reader).tokens, quint64(1)); // stream 2's own
    }
};

} // namespace ssescope::test

QTEST_GUILESS_MAIN(ssescope::test::TestTokenStats)
#include "tst_tokenstats.moc"
