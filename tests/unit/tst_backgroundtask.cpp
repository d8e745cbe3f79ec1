// BackgroundTask, the one way work leaves the owner's thread: progress and
// results come back to the owner in order, a cancel is seen by the work and
// nothing it posts afterwards arrives, and an owner going away waits for it.
#include "core/common/BackgroundTask.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace ssescope;

class TestBackgroundTask final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressReachesTheOwnerInOrder()
    {
        BackgroundTask task;
        QList<qint64> seen;
        QList<qint64> totals;
        bool onOwner = true;
        connect(&task, &BackgroundTask::progress, &task, [&](qint64 done, qint64 total) {
            seen.append(done);
            totals.append(total);
            onOwner = onOwner && QThread::currentThread() == thread();
        });
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start([](BackgroundTask::Context &context) {
            for (qint64 done = 1; done <= 100; ++done)
                context.reportProgress(done, 100);
        });
        QVERIFY(task.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(seen.size(), 100);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        QCOMPARE(seen.last(), qint64(100));
        QVERIFY(std::all_of(totals.cbegin(), totals.cend(), [](qint64 t) { return t == 100; }));
        QVERIFY(onOwner);
        QVERIFY(!task.isRunning());
    }

    void resultsArriveOnTheOwnerThreadBeforeFinished()
    {
        BackgroundTask task;
        QThread *workedOn = nullptr;
        QThread *deliveredOn = nullptr;
        int result = 0;
        int resultWhenFinished = -1;
        connect(&task, &BackgroundTask::finished, &task, [&] { resultWhenFinished = result; });
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start([&](BackgroundTask::Context &context) {
            workedOn = QThread::currentThread();
            int sum = 0;
            for (int i = 1; i <= 10; ++i)
                sum += i;
            context.post([&, sum] {
                deliveredOn = QThread::currentThread();
                result = sum;
            });
        });
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QVERIFY(workedOn);
        QVERIFY(workedOn != QThread::currentThread());
        QCOMPARE(deliveredOn, QThread::currentThread());
        QCOMPARE(result, 55);
        QCOMPARE(resultWhenFinished, 55);
    }

    void cancelIsHonoured()
    {
        BackgroundTask task;
        QSemaphore started;
        std::atomic_bool sawCancel { false };
        int delivered = 0;
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start([&](BackgroundTask::Context &context) {
            started.release();
            while (!context.isCanceled()) {
                context.post([&] { ++delivered; });
                QThread::msleep(1);
            }
            sawCancel = true;
            context.post([&] { ++delivered; });
        });
        started.acquire();
        task.cancel(); // returns once the work has returned
        QVERIFY(sawCancel);
        QVERIFY(!task.isRunning());
        // What the work posted, before the cancel or after it, is dropped.
        QTest::qWait(50);
        QCOMPARE(delivered, 0);
        QCOMPARE(finished.count(), 0);
    }

    void startingAgainDropsTheRunBefore()
    {
        BackgroundTask task;
        QList<int> results;
        QSignalSpy finished(&task, &BackgroundTask::finished);
        QSemaphore firstMayEnd;
        std::atomic_bool firstCancelled { false };
        task.start([&](BackgroundTask::Context &context) {
            firstMayEnd.acquire();
            firstCancelled = context.isCanceled();
            context.post([&] { results.append(1); });
        });
        // Returns without waiting for the first run (which cannot end yet).
        task.start(
            [&](BackgroundTask::Context &context) { context.post([&] { results.append(2); }); });
        firstMayEnd.release();
        QVERIFY(finished.wait(5000));
        task.waitForFinished(); // both runs
        QVERIFY(firstCancelled);
        QTest::qWait(20);
        QCOMPARE(results, QList<int> { 2 });
        QCOMPARE(finished.count(), 1);
    }

    void destroyingTheTaskWaitsForItsWork()
    {
        auto task = std::make_unique<BackgroundTask>();
        QSemaphore started;
        std::atomic_bool returned { false };
        task->start([&](BackgroundTask::Context &context) {
            started.release();
            while (!context.isCanceled())
                QThread::msleep(1);
            QThread::msleep(20);
            returned = true;
        });
        started.acquire();
        task.reset();
        QVERIFY(returned);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
