#include "core/latency/LatencyExtractor.h"

#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kArrivalNs = 1795618302348000000LL; // 2026-11-25T14:51:42.348Z

SseEvent eventWith(const QByteArray &data, const QByteArray &id = {})
{
    SseEvent event;
    event.data = data;
    event.id = id;
    event.arrivalWallNs = kArrivalNs;
    return event;
}

} // namespace

class LatencyExtractorTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extracts_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<double>("expectedMs"); // NaN: a miss
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("json ms") << u"json:/ts"_s
                                 << QByteArray("{\"seq\":1,\"ts\":1795618302338.5}") << QByteArray()
                                 << 9.5;
        QTest::newRow("json seconds")
            << u"json:/ts"_s << QByteArray("{\"ts\":1795618302.308}") << QByteArray() << 40.0;
        QTest::newRow("json us") << u"json:/ts"_s << QByteArray("{\"ts\":1795618302347000}")
                                 << QByteArray() << 1.0;
        QTest::newRow("json ns") << u"json:/ts"_s << QByteArray("{\"ts\":1795618302347500000}")
                                 << QByteArray() << 0.5;
        QTest::newRow("json numeric string")
            << u"json:/ts"_s << QByteArray("{\"ts\":\"1795618302340\"}") << QByteArray() << 8.0;
        QTest::newRow("json nested rfc3339")
            << u"json:/meta/sent_at"_s
            << QByteArray(
                   "{\"a\":[1,{\"x\":\"}\"}],\"meta\":{\"sent_at\":\"2026-11-25T14:51:42.300Z\"}}")
            << QByteArray() << 48.0;
        QTest::newRow("json array index")
            << u"json:/1"_s << QByteArray("[0, 1795618302348]") << QByteArray() << 0.0;
        QTest::newRow("json escaped key")
            << u"json:/a~1b"_s << QByteArray("{\"a/b\":1795618302347}") << QByteArray() << 1.0;
        QTest::newRow("json whitespace")
            << u"json:/ts"_s << QByteArray(" { \"ts\" :\n 1795618302347 } ") << QByteArray() << 1.0;
        QTest::newRow("json missing key")
            << u"json:/ts"_s << QByteArray("{\"t\":1}") << QByteArray() << nan;
        QTest::newRow("json not json")
            << u"json:/ts"_s << QByteArray("hello") << QByteArray() << nan;
        QTest::newRow("json truncated")
            << u"json:/ts"_s << QByteArray("{\"x\":\"abc") << QByteArray() << nan;
        QTest::newRow("json object value")
            << u"json:/ts"_s << QByteArray("{\"ts\":{}}") << QByteArray() << nan;
        QTest::newRow("json not a time")
            << u"json:/ts"_s << QByteArray("{\"ts\":\"soon\"}") << QByteArray() << nan;
        QTest::newRow("regex group 1")
            << u"regex:sent=(\\d+)"_s << QByteArray("x sent=1795618302345 y") << QByteArray()
            << 3.0;
        QTest::newRow("regex named ts")
            << u"regex:(?<a>\\w+) at (?<ts>\\S+)"_s
            << QByteArray("tick at 2026-11-25T14:51:42.345Z") << QByteArray() << 3.0;
        QTest::newRow("regex no match")
            << u"regex:sent=(\\d+)"_s << QByteArray("nothing") << QByteArray() << nan;
        QTest::newRow("id ms") << u"id"_s << QByteArray("x") << QByteArray("1795618302343") << 5.0;
        QTest::newRow("id rfc3339")
            << u"id"_s << QByteArray("x") << QByteArray("2026-11-25T14:51:42.338Z") << 10.0;
        QTest::newRow("id missing") << u"id"_s << QByteArray("x") << QByteArray() << nan;
        // Past what 64-bit nanoseconds hold is a miss, not a wrapped number.
        QTest::newRow("year 9999 is a miss")
            << u"json:/ts"_s << QByteArray("{\"ts\":\"9999-12-31T23:59:59Z\"}") << QByteArray()
            << nan;
        QTest::newRow("year 1678: the distance overflows, a miss")
            << u"json:/ts"_s << QByteArray("{\"ts\":\"1678-01-01T00:00:00Z\"}") << QByteArray()
            << nan;
        QTest::newRow("huge ns number is a miss")
            << u"json:/ts"_s << QByteArray("{\"ts\":99999999999999999999}") << QByteArray() << nan;
        QTest::newRow("negative latency")
            << u"json:/ts"_s << QByteArray("{\"ts\":1795618302358}") << QByteArray() << -10.0;
    }
    void extracts()
    {
        QFETCH(QString, spec);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, id);
        QFETCH(double, expectedMs);
        QString error;
        const auto config = LatencyConfig::fromSpec(spec, &error);
        QVERIFY2(config, qPrintable(error));
        LatencyExtractor extractor(*config);
        const auto latency = extractor.latencyMs(eventWith(data, id));
        if (std::isnan(expectedMs)) {
            QVERIFY(!latency);
            QCOMPARE(extractor.misses(), quint64(1));
            return;
        }
        QVERIFY(latency);
        QVERIFY2(std::abs(*latency - expectedMs) < 0.01, qPrintable(QString::number(*latency)));
        QCOMPARE(extractor.hits(), quint64(1));
    }

    void clockOffsetCorrects()
    {
        LatencyConfig config = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        config.clockOffsetMs = 25; // the sender runs 25 ms ahead
        LatencyExtractor extractor(config);
        QCOMPARE(extractor.latencyMs(eventWith("{\"ts\":1795618302358}")).value_or(0), 15.0);
    }

    void forcedUnitOverridesMagnitude()
    {
        LatencyConfig config = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        config.unit = TimeUnit::Seconds;
        LatencyExtractor extractor(config);
        QCOMPARE(extractor.latencyMs(eventWith("{\"ts\":1795618302}")).value_or(0), 348.0);
    }

    void badSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("unknown") << u"header:x"_s;
        QTest::newRow("pointer without slash") << u"json:ts"_s;
        QTest::newRow("broken regex") << u"regex:(("_s;
    }
    void badSpecs()
    {
        QFETCH(QString, spec);
        QString error;
        QVERIFY(!LatencyConfig::fromSpec(spec, &error));
        QVERIFY(!error.isEmpty());
    }

    void configRoundTripsThroughJson()
    {
        LatencyConfig config = *LatencyConfig::fromSpec(u"regex:t=(\\d+)"_s, nullptr);
        config.unit = TimeUnit::Microseconds;
        config.clockOffsetMs = -3.5;
        const auto back = LatencyConfig::fromJson(config.toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(back->toJson(), config.toJson());
    }
};

QTEST_GUILESS_MAIN(LatencyExtractorTest)
#include "tst_latencyextractor.moc"
