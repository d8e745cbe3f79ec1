#include "core/common/TimeValue.h"

#include <QTest>

#include <limits>

using namespace ssescope;

class TimeValueTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersByMagnitude_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<qint64>("expectedNs");
        const qint64 t = 1764081234567891000LL; // 2025-11-25T14:33:54.567891Z
        QTest::newRow("seconds auto") << 1764081234.567891 << int(TimeUnit::Auto) << t;
        QTest::newRow("ms auto") << 1764081234567.891 << int(TimeUnit::Auto) << t;
        QTest::newRow("us auto") << 1764081234567891.0 << int(TimeUnit::Auto) << t;
        QTest::newRow("ns auto") << 1764081234567891000.0 << int(TimeUnit::Auto) << t;
        QTest::newRow("seconds forced")
            << 1000.0 << int(TimeUnit::Seconds) << qint64(1000'000'000'000LL);
        QTest::newRow("ms forced small")
            << 1000.0 << int(TimeUnit::Milliseconds) << qint64(1000'000'000LL);
        QTest::newRow("us forced") << 5.0 << int(TimeUnit::Microseconds) << qint64(5000);
        QTest::newRow("ns forced") << 5.0 << int(TimeUnit::Nanoseconds) << qint64(5);
    }
    void numbersByMagnitude()
    {
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(qint64, expectedNs);
        const auto ns = epochNsFromNumber(value, TimeUnit(unit));
        QVERIFY(ns);
        QVERIFY2(std::llabs(*ns - expectedNs) < 1000, qPrintable(QString::number(*ns)));
    }

    void rfc3339_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expectedNs"); // -1: must not parse
        QTest::newRow("Z with ms")
            << QByteArray("2026-11-25T14:51:42.348Z") << 1795618302348000000LL;
        QTest::newRow("Z with us")
            << QByteArray("2026-11-25T14:51:42.348123Z") << 1795618302348123000LL;
        QTest::newRow("Z with ns")
            << QByteArray("2026-11-25T14:51:42.348123456Z") << 1795618302348123456LL;
        QTest::newRow("no fraction") << QByteArray("2026-11-25T14:51:42Z") << 1795618302000000000LL;
        QTest::newRow("lowercase t z")
            << QByteArray("2026-11-25t14:51:42z") << 1795618302000000000LL;
        QTest::newRow("space separator")
            << QByteArray("2026-11-25 14:51:42Z") << 1795618302000000000LL;
        QTest::newRow("positive offset")
            << QByteArray("2026-11-25T15:51:42+01:00") << 1795618302000000000LL;
        QTest::newRow("negative offset")
            << QByteArray("2026-11-25T09:21:42.5-05:30") << 1795618302500000000LL;
        QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z") << qint64(0);
        QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00Z") << 1709164800000000000LL;
        QTest::newRow("no offset") << QByteArray("2026-11-25T14:51:42") << qint64(-1);
        QTest::newRow("bad month") << QByteArray("2026-13-25T14:51:42Z") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("yesterday") << qint64(-1);
        QTest::newRow("trailing junk") << QByteArray("2026-11-25T14:51:42Zx") << qint64(-1);
        QTest::newRow("empty fraction") << QByteArray("2026-11-25T14:51:42.Z") << qint64(-1);
        // Outside 1678-2262 a time is refused, never wrapped.
        QTest::newRow("year 9999") << QByteArray("9999-12-31T23:59:59Z") << qint64(-1);
        QTest::newRow("year 2263") << QByteArray("2263-01-01T00:00:00Z") << qint64(-1);
        QTest::newRow("just past the end") << QByteArray("2262-04-11T23:47:17Z") << qint64(-1);
        QTest::newRow("last whole second")
            << QByteArray("2262-04-11T23:47:16.854775807Z") << std::numeric_limits<qint64>::max();
        QTest::newRow("one ns past the end")
            << QByteArray("2262-04-11T23:47:16.854775808Z") << qint64(-1);
        QTest::newRow("offset pushes past the end")
            << QByteArray("2262-04-11T23:47:16-01:00") << qint64(-1);
        QTest::newRow("year 1677") << QByteArray("1677-12-31T23:59:59Z") << qint64(-1);
        QTest::newRow("year 0000") << QByteArray("0000-01-01T00:00:00Z") << qint64(-1);
    }
    void rfc3339()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expectedNs);
        const auto ns = epochNsFromRfc3339(text);
        if (expectedNs < 0) {
            QVERIFY(!ns);
            return;
        }
        QVERIFY(ns);
        QCOMPARE(*ns, expectedNs);
    }

    void textIsNumberOrDate_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expectedNs");
        QTest::newRow("ms number") << QByteArray(" 1795618302348 ") << 1795618302348000000LL;
        QTest::newRow("date") << QByteArray("2026-11-25T14:51:42.348Z") << 1795618302348000000LL;
        QTest::newRow("seconds with ns fraction, exact")
            << QByteArray("1795618302.348123456") << 1795618302348123456LL;
        QTest::newRow("ms with fraction, exact")
            << QByteArray("1795618302348.5") << 1795618302348500000LL;
        QTest::newRow("us integer") << QByteArray("1795618302348123") << 1795618302348123000LL;
        QTest::newRow("fraction past ns truncated") << QByteArray("1.0000000009") << 1000000000LL;
        QTest::newRow("exponent form") << QByteArray("1.795618302348e12") << 1795618302348000000LL;
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("trailing junk") << QByteArray("12ms") << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
        // Past what 64-bit nanoseconds hold: refused, never wrapped.
        QTest::newRow("19 digits of ns past the range")
            << QByteArray("9223372036854775808") << qint64(-1);
        QTest::newRow("seconds past the range") << QByteArray("9223372037.5") << qint64(-1);
        QTest::newRow("largest ns")
            << QByteArray("9223372036854775807") << std::numeric_limits<qint64>::max();
    }
    void textIsNumberOrDate()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expectedNs);
        const auto ns = epochNsFromText(text, TimeUnit::Auto);
        QCOMPARE(ns.value_or(-1), expectedNs);
    }

    void formatsMicroseconds_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("typical") << 1795618302348123999LL
                                 << QByteArray("2026-11-25T14:51:42.348123Z");
        QTest::newRow("epoch") << qint64(0) << QByteArray("1970-01-01T00:00:00.000000Z");
        QTest::newRow("leap day") << 1709164800000001000LL
                                  << QByteArray("2024-02-29T00:00:00.000001Z");
        QTest::newRow("end of year")
            << 1767225599999999000LL << QByteArray("2025-12-31T23:59:59.999999Z");
    }
    void formatsMicroseconds()
    {
        QFETCH(qint64, ns);
        QFETCH(QByteArray, expected);
        char text[32];
        const int n = formatRfc3339Micros(ns, text);
        QCOMPARE(QByteArray(text, n), expected);
        QCOMPARE(epochNsFromRfc3339(expected).value_or(-1), ns / 1000 * 1000);
    }
};

QTEST_GUILESS_MAIN(TimeValueTest)
#include "tst_timevalue.moc"
