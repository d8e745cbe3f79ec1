#include "core/net/ReconnectBackoff.h"

#include <QSet>
#include <QTest>

#include <algorithm>

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
                                  << QList<qint64> { 200, 400, 800, 1000, 1000 };
        QTest::newRow("cap below base")
            << qint64(500) << qint64(100) << QList<qint64> { 500, 500, 500 };
        QTest::newRow("zero base grows from 1")
            << qint64(0) << qint64(4) << QList<qint64> { 2, 4, 4 };
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
            QVERIFY(delay >= base && delay <= ceiling); // jitter on top of the base
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
        QCOMPARE(backoff.nextFailureCeiling(), qint64(1600));
        QCOMPARE(backoff.delayAfterHealthyConnection(), qint64(100));
        QCOMPARE(backoff.consecutiveFailures(), 0);
        QCOMPARE(backoff.nextFailureCeiling(), qint64(200));
    }

    void serverRetrySetsBase()
    {
        ReconnectPolicy policy;
        ReconnectBackoff backoff(policy, 7);
        backoff.setBaseDelay(250);
        QCOMPARE(backoff.delayAfterHealthyConnection(), qint64(250));
        QCOMPARE(backoff.nextFailureCeiling(), qint64(500));
    }

    // A server's retry: has a floor, so `retry: 0` storms no more.
    void serverRetryHasAFloor_data()
    {
        QTest::addColumn<qint64>("retry");
        QTest::addColumn<qint64>("base");
        QTest::newRow("retry: 0") << qint64(0) << ReconnectBackoff::kMinServerRetryMs;
        QTest::newRow("retry: 1") << qint64(1) << ReconnectBackoff::kMinServerRetryMs;
        QTest::newRow("at the floor") << qint64(100) << qint64(100);
        QTest::newRow("retry: 2000") << qint64(2000) << qint64(2000);
    }
    void serverRetryHasAFloor()
    {
        QFETCH(qint64, retry);
        QFETCH(qint64, base);
        for (const auto kind : { ReconnectPolicyKind::Strict, ReconnectPolicyKind::Resilient }) {
            ReconnectPolicy policy;
            policy.kind = kind;
            ReconnectBackoff backoff(policy, 7);
            backoff.setServerRetry(retry);
            QCOMPARE(backoff.delayAfterHealthyConnection(), base);
            QVERIFY(backoff.delayAfterFailure() >= base);
        }
    }

    // The server's retry: is a minimum; jitter never goes below it.
    void reconnectionTimeIsAMinimum_data()
    {
        QTest::addColumn<qint64>("base");
        QTest::addColumn<qint64>("cap");
        QTest::newRow("retry: 2000") << qint64(2000) << qint64(60000);
        QTest::newRow("retry: 200") << qint64(200) << qint64(60000);
        QTest::newRow("cap below base") << qint64(5000) << qint64(1000);
    }
    void reconnectionTimeIsAMinimum()
    {
        QFETCH(qint64, base);
        QFETCH(qint64, cap);
        ReconnectPolicy policy;
        policy.maxBackoffMs = cap;
        ReconnectBackoff backoff(policy, 3);
        backoff.setBaseDelay(base);
        QSet<qint64> seen;
        for (int round = 0; round < 50; ++round) {
            backoff.reset();
            for (int failure = 0; failure < 8; ++failure) {
                const qint64 delay = backoff.delayAfterFailure();
                QVERIFY2(delay >= base, qPrintable(QString::number(delay)));
                QVERIFY(delay <= std::max(base, cap));
                seen.insert(delay);
            }
        }
        QVERIFY(cap < base || seen.size() > 10); // still jittered
    }

    // A server's retry: past INT_MAX ms must not wrap a timer.
    void hugeServerRetryStaysATimerValue()
    {
        ReconnectPolicy policy;
        ReconnectBackoff backoff(policy, 3);
        backoff.setBaseDelay(Q_INT64_C(99999999999999));
        QCOMPARE(backoff.delayAfterHealthyConnection(), qint64(2147483647));
        QCOMPARE(backoff.delayAfterFailure(), qint64(2147483647));
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
