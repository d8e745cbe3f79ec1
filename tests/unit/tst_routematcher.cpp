#include "core/latency/RouteMatcher.h"

#include <QTest>

using namespace ssescope;

class RouteMatcherTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesByIdThenData_data()
    {
        QTest::addColumn<QByteArray>("idA");
        QTest::addColumn<QByteArray>("dataA");
        QTest::addColumn<QByteArray>("idB");
        QTest::addColumn<QByteArray>("dataB");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same id") << QByteArray("7") << QByteArray("x") << QByteArray("7")
                                 << QByteArray("y") << true;
        QTest::newRow("different id")
            << QByteArray("7") << QByteArray("x") << QByteArray("8") << QByteArray("x") << false;
        QTest::newRow("no id, same data")
            << QByteArray() << QByteArray("x") << QByteArray() << QByteArray("x") << true;
        QTest::newRow("no id, other data")
            << QByteArray() << QByteArray("x") << QByteArray() << QByteArray("z") << false;
        QTest::newRow("id never matches data")
            << QByteArray("x") << QByteArray("1") << QByteArray() << QByteArray("x") << false;
    }
    void matchesByIdThenData()
    {
        QFETCH(QByteArray, idA);
        QFETCH(QByteArray, dataA);
        QFETCH(QByteArray, idB);
        QFETCH(QByteArray, dataB);
        QFETCH(bool, matches);
        RouteMatcher matcher(1, 2);
        QVERIFY(!matcher.offer(1, idA, dataA, 1'000'000));
        const auto delay = matcher.offer(2, idB, dataB, 251'000'000);
        QCOMPARE(delay.has_value(), matches);
        if (matches)
            QCOMPARE(*delay, 250.0);
    }

    void bFirstGivesNegativeDelay()
    {
        RouteMatcher matcher(1, 2);
        QVERIFY(!matcher.offer(2, "k", "", 100'000'000));
        QCOMPARE(matcher.offer(1, "k", "", 130'000'000).value_or(0), -30.0);
        QCOMPARE(matcher.matched(), quint64(1));
        QCOMPARE(matcher.pending(), 0);
    }

    void repeatsOnOneRouteDoNotPair()
    {
        RouteMatcher matcher(1, 2);
        QVERIFY(!matcher.offer(1, "k", "", 1));
        QVERIFY(!matcher.offer(1, "k", "", 2));
        QVERIFY(!matcher.offer(3, "k", "", 3)); // a third stream is ignored
        QVERIFY(matcher.offer(2, "k", "", 5));
    }

    void capacityForgetsOldestAndCounts()
    {
        RouteMatcher matcher(1, 2, RouteMatcher::MatchBy::IdOrData, 3);
        for (int i = 0; i < 5; ++i)
            matcher.offer(1, QByteArray::number(i), "", i);
        QCOMPARE(matcher.forgotten(), quint64(2));
        QVERIFY(!matcher.offer(2, "0", "", 10)); // forgotten
        QVERIFY(matcher.offer(2, "4", "", 10));
    }

    void matchByDataIgnoresIds()
    {
        RouteMatcher matcher(1, 2, RouteMatcher::MatchBy::Data);
        matcher.offer(1, "a", "payload", 0);
        QVERIFY(matcher.offer(2, "b", "payload", 1'000'000));
    }
};

QTEST_GUILESS_MAIN(RouteMatcherTest)
#include "tst_routematcher.moc"
