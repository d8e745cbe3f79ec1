#include "core/latency/LatencyAutoDetector.h"

#include <QTest>

#include <limits>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNowNs = 1795618302348000000LL; // 2026-11-25T14:51:42.348Z

QByteArray bigPayload(qsizetype bytes)
{
    return "{\"ts\":1795618302347,\"pad\":\"" + QByteArray(bytes, 'x') + "\"}";
}

} // namespace

class LatencyAutoDetectorTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsOneEvent_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("pointer"); // empty: nothing detected
        QTest::addColumn<TimeUnit>("unit");
        QTest::addColumn<bool>("ambiguous");

        const auto found
            = [](const char *name, const QByteArray &data, const QString &pointer, TimeUnit unit) {
                  QTest::newRow(name) << data << pointer << unit << false;
              };
        const auto none = [](const char *name, const QByteArray &data, bool ambiguous = false) {
            QTest::newRow(name) << data << QString() << TimeUnit::Auto << ambiguous;
        };

        // Units, by magnitude.
        found("seconds", "{\"ts\":1795618302}", u"/ts"_s, TimeUnit::Seconds);
        found("seconds fraction", "{\"ts\":1795618302.25}", u"/ts"_s, TimeUnit::Seconds);
        found("ms", "{\"seq\":1,\"ts\":1795618302338.125}", u"/ts"_s, TimeUnit::Milliseconds);
        found("us", "{\"ts\":1795618302347000}", u"/ts"_s, TimeUnit::Microseconds);
        found("ns", "{\"ts\":1795618302347500000}", u"/ts"_s, TimeUnit::Nanoseconds);
        found("numeric string", "{\"ts\":\"1795618302340\"}", u"/ts"_s, TimeUnit::Milliseconds);
        // Every name on the list.
        for (const QString &name : LatencyAutoDetector::fieldNames()) {
            QTest::newRow(qPrintable(u"name "_s + name))
                << (u"{\"%1\":1795618302340,\"v\":2}"_s.arg(name)).toUtf8() << (u'/' + name)
                << TimeUnit::Milliseconds << false;
        }
        found("openai created",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            "\"created\":1795618300,\"choices\":[{\"delta\":{}}]}",
            u"/created"_s, TimeUnit::Seconds);
        // Nested one level.
        found("nested", "{\"meta\":{\"ts\":1795618302340},\"v\":1}", u"/meta/ts"_s,
            TimeUnit::Milliseconds);
        found("nested escaped key", "{\"a/b~c\":{\"time\":1795618302}}", u"/a~1b~0c/time"_s,
            TimeUnit::Seconds);
        none("nested two levels", "{\"a\":{\"b\":{\"ts\":1795618302340}}}");
        // RFC 3339 strings.
        found(
            "rfc3339", "{\"sent_at\":\"2026-11-25T14:51:42.300Z\"}", u"/sent_at"_s, TimeUnit::Auto);
        found("rfc3339 offset", "{\"time\":\"2026-11-25T15:51:42.300+01:00\"}", u"/time"_s,
            TimeUnit::Auto);
        found("rfc3339 nested", "{\"m\":{\"createdAt\":\"2026-11-25 14:00:00Z\"}}",
            u"/m/createdAt"_s, TimeUnit::Auto);
        none("not a date string", "{\"ts\":\"yesterday\"}");
        // Out of the window of a day.
        none("seconds two days ago", "{\"ts\":1795445502}");
        none("ms two days ahead", "{\"ts\":1795791102348}");
        none("rfc3339 last year", "{\"ts\":\"2025-11-25T14:51:42Z\"}");
        none("rfc3339 far past", "{\"ts\":\"1700-01-01T00:00:00Z\"}");
        none("counter named t", "{\"t\":42}");
        none("zero", "{\"ts\":0}");
        none("negative", "{\"ts\":-1795618302}");
        found("just inside the window", "{\"ts\":1795531903}", u"/ts"_s, TimeUnit::Seconds);
        // Not a JSON object.
        none("not json", "hello 1795618302340");
        none("broken json", "{\"ts\":1795618302340");
        none("empty", "");
        none("number", "1795618302340");
        none("top-level array", "[{\"ts\":1795618302340}]");
        none("field is an array", "{\"ts\":[1795618302340]}");
        none("field is an object", "{\"ts\":{\"v\":1}}");
        none("bool", "{\"ts\":true}");
        // Names not on the list.
        none("unknown name", "{\"when\":1795618302340}");
        none("case differs", "{\"TS\":1795618302340}");
        none("prefix of a name", "{\"timeout\":1795618302340}");
        // Ambiguity is never guessed.
        none("two names", "{\"ts\":1795618302340,\"created\":1795618302}", true);
        none("top and nested", "{\"ts\":1795618302340,\"m\":{\"ts\":1795618302340}}", true);
        found("second name out of window", "{\"ts\":1795618302340,\"t\":7}", u"/ts"_s,
            TimeUnit::Milliseconds);
        // Big payloads: small enough is read, beyond the limit is not.
        found("big payload", bigPayload(32 * 1024), u"/ts"_s, TimeUnit::Milliseconds);
        none("too big", bigPayload(LatencyAutoDetector::kMaxEventBytes));
        found("whitespace", "  \n{ \"ts\" : 1795618302340 }\n", u"/ts"_s, TimeUnit::Milliseconds);
        // Not JSON whitespace: the extractor would read nothing there (fuzz_latency).
        none("fuzz crash: vertical tab before", "\x0b{\"ts\":1795618302340}");
        none("form feed after", "{\"ts\":1795618302340}\x0c");
        none("fuzz crash: repeated key, first out of range",
            "{\"timestamp\":17000000000,\"ts\":17000000000000000000,\"ts\":1795618302340}");
    }

    void detectsOneEvent()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, pointer);
        QFETCH(TimeUnit, unit);
        QFETCH(bool, ambiguous);
        bool wasAmbiguous = !ambiguous;
        const auto config = LatencyAutoDetector::detectIn(data, kNowNs, &wasAmbiguous);
        QCOMPARE(wasAmbiguous, ambiguous);
        if (pointer.isEmpty()) {
            QVERIFY2(!config, qPrintable(config ? config->expression : QString()));
            return;
        }
        QVERIFY(config);
        QCOMPARE(config->source, LatencySource::JsonPointer);
        QCOMPARE(config->expression, pointer);
        QCOMPARE(config->unit, unit);
        // Exactly as if configured: the extractor reads the same send time.
        LatencyExtractor extractor(*config);
        QVERIFY(extractor.sendTimeNs({}, data));
    }

    void decidesWithinTheFirstEvents_data()
    {
        QTest::addColumn<QList<QByteArray>>("events");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("seen");
        const QByteArray timed = "{\"ts\":1795618302340}";
        const QByteArray plain = "{\"v\":1}";
        using V = LatencyAutoDetector::Verdict;
        QTest::newRow("first") << QList<QByteArray> { timed } << int(V::Found) << 1;
        QTest::newRow("after a hello")
            << QList<QByteArray> { "hello", plain, timed } << int(V::Found) << 3;
        QTest::newRow("eighth") << (QList<QByteArray>(7, plain) << timed) << int(V::Found) << 8;
        QTest::newRow("ninth is too late")
            << (QList<QByteArray>(8, plain) << timed) << int(V::NotFound) << 8;
        QTest::newRow("still looking") << QList<QByteArray>(3, plain) << int(V::Pending) << 3;
        QTest::newRow("ambiguous stops at once")
            << QList<QByteArray> { "{\"ts\":1795618302340,\"time\":1795618302}", timed }
            << int(V::NotFound) << 1;
        QTest::newRow("decided stays")
            << QList<QByteArray> { timed, "{\"created\":1795618302}" } << int(V::Found) << 1;
    }

    void decidesWithinTheFirstEvents()
    {
        QFETCH(QList<QByteArray>, events);
        QFETCH(int, verdict);
        QFETCH(int, seen);
        LatencyAutoDetector detector;
        for (const QByteArray &data : std::as_const(events))
            detector.offer(data, kNowNs);
        QCOMPARE(int(detector.verdict()), verdict);
        QCOMPARE(detector.eventsSeen(), seen);
        if (detector.verdict() == LatencyAutoDetector::Verdict::Found)
            QCOMPARE(detector.found().expression, u"/ts"_s);
    }

    // Arrival times at the ends of qint64 (an imported capture can hold any):
    // the window around "now" saturates instead of overflowing. Crashes found
    // by fuzz_latency (UBSan: signed overflow in withinWindow).
    void arrivalAtTheEndsOfTime_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<qint64>("nowNs");
        constexpr qint64 kMin = std::numeric_limits<qint64>::min();
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        const QByteArray iso = R"({"sent_at":"2023-11-14T22:13:20Z","n":{"t":1}})";
        QTest::newRow("fuzz crash: iso date, now at min") << iso << kMin;
        QTest::newRow("iso date, now at max") << iso << kMax;
        QTest::newRow("milliseconds, now at min") << QByteArray(R"({"ts":1795618302347})") << kMin;
        QTest::newRow("milliseconds, now at max") << QByteArray(R"({"ts":1795618302347})") << kMax;
    }

    void arrivalAtTheEndsOfTime()
    {
        QFETCH(QByteArray, data);
        QFETCH(qint64, nowNs);
        // A send time in 2023 or 2026 is nowhere near either end: nothing found.
        QVERIFY(!LatencyAutoDetector::detectIn(data, nowNs));
        LatencyAutoDetector detector;
        QCOMPARE(detector.offer(data, nowNs), LatencyAutoDetector::Verdict::Pending);
    }

    void autoSpecRoundTrips()
    {
        QString error;
        const auto config = LatencyConfig::fromSpec(u"auto"_s, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->source, LatencySource::Auto);
        QVERIFY(config->isEnabled());
        QVERIFY(!LatencyExtractor(*config).isEnabled()); // reads nothing until detected
        const auto back = LatencyConfig::fromJson(config->toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->source, LatencySource::Auto);
    }
};

QTEST_GUILESS_MAIN(LatencyAutoDetectorTest)
#include "tst_latencyautodetector.moc"
