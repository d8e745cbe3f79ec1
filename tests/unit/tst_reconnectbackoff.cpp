#include "net/ReconnectBackoff.h"

#include <QTest>

using namespace ssescope;

class ReconnectBackoffTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ceilingGrowsToCap_data()
    {
        QTest::addColumn<qint64>("base");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<QList<qint64>>("ceilings");
        QTest::newRow("doubling") << qint64(100) << qint64(1000)
                                  << QList<qint64> { 100, 200, 400, 800, 1000, 1000 };
        QTest::newRow("cap below base")
            << qint64(500) << qint64(100) << QList<qint64> { 500, 500, 500 };
        QTest::newRow("zero base grows from 1")
            << qint64(0) << qint64(4) << QList<qint64> { 1, 2, 4, 4 };
    }
    void ceilingGrowsToCap()
    {
        QFETCH(qint64, base);
        QFETCH(qint64, cap);
        QFETCH(QList<qint64>, ceilings);
        ReconnectPolicy policy;
        policy.initialRetryMs = base;
        policy.maxBackoffMs = cap;
        ReconnectBackoff backoff(policy, 1);
        for (qint64 ceiling : ceilings) {
            QCOMPARE(backoff.nextFailureCeiling(), ceiling);
            const qint64 delay = backoff.delayAfterFailure();
            QVERIFY(delay >= 0 && delay <= ceiling); // full jitter
        }
    }

    void jitterSpreadsDelays()
    {
        ReconnectPolicy policy;
        policy.initialRetryMs = 1000;
        ReconnectBackoff backoff(policy, 42);
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i) {
            backoff.reset();
            seen.insert(backoff.delayAfterFailure());
        }
        QVERIFY(seen.size() > 10);
    }

    void healthyConnectionResets()
    {
        ReconnectPolicy policy;
        policy.initialRetryMs = 100;
        ReconnectBackoff backoff(policy, 7);
        backoff.delayAfterFailure();
        backoff.delayAfterFailure();
        backoff.delayAfterFailure();
        QCOMPARE(backoff.nextFailureCeiling(), qint64(800));
        QCOMPARE(backoff.delayAfterHealthyConnection(), qint64(100));
        QCOMPARE(backoff.consecutiveFailures(), 0);
        QCOMPARE(backoff.nextFailureCeiling(), qint64(100));
    }

    void serverRetrySetsBase()
    {
        ReconnectPolicy policy;
        ReconnectBackoff backoff(policy, 7);
        backoff.setBaseDelay(250);
        QCOMPARE(backoff.delayAfterHealthyConnection(), qint64(250));
        QCOMPARE(backoff.nextFailureCeiling(), qint64(250));
    }

    void strictPolicyIsTheSpecDelay()
    {
        ReconnectPolicy policy;
        policy.kind = ReconnectPolicyKind::Strict;
        policy.initialRetryMs = 300;
        ReconnectBackoff backoff(policy, 7);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(backoff.delayAfterFailure(), qint64(300));
    }

    void attemptsLimit()
    {
        ReconnectPolicy policy;
        policy.maxAttempts = 3;
        ReconnectBackoff backoff(policy, 7);
        backoff.delayAfterFailure();
        backoff.delayAfterFailure();
        QVERIFY(!backoff.attemptsExhausted());
        backoff.delayAfterFailure();
        QVERIFY(backoff.attemptsExhausted());
        backoff.delayAfterHealthyConnection();
        QVERIFY(!backoff.attemptsExhausted());
    }
};

QTEST_GUILESS_MAIN(ReconnectBackoffTest)
#include "tst_reconnectbackoff.moc"
