#include "BackgroundTask.h"

#include "core/common/HandOff.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QRunnable>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace ssescope {

struct BackgroundTask::Run
{
    QPromise<void> promise;
    QFuture<void> future = promise.future();
    // The posts and the end cross through Qt's own locks, which
    // ThreadSanitizer cannot see (HandOff.h).
    HandOff handOff;
    void publish() { handOff.publish(); }
    void receive() const { handOff.receive(); }
};

namespace {

// A pool of its own: a capture load waits for the window to take its
// batches, and the global pool has only as many threads as cores (two
// here), so a load and an export there could hold back a sort.
QThreadPool *workPool()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: work may end after main()
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

// The work's trip to a pool thread. QThreadPool's queue is locked inside Qt,
// out of ThreadSanitizer's sight, and a lambda's captures would be read
// before any acquire in its body: the runnable's own HandOff, reached through
// its this pointer, orders its construction before run().
class PoolJob final : public QRunnable
{
public:
    explicit PoolJob(std::function<void()> function)
        : m_function(std::move(function))
    {
        m_handedOver.publish();
    }
    void run() override
    {
        m_handedOver.receive();
        m_function();
    }

private:
    std::function<void()> m_function;
    HandOff m_handedOver;
};

} // namespace

BackgroundTask::Context::Context(BackgroundTask *task, std::shared_ptr<Run> run)
    : m_task(task)
    , m_run(std::move(run))
{ }

bool BackgroundTask::Context::isCanceled() const
{
    return m_run->promise.isCanceled();
}

void BackgroundTask::Context::reportProgress(qint64 done, qint64 total)
{
    BackgroundTask *task = m_task;
    post([task, done, total] { Q_EMIT task->progress(done, total); });
}

void BackgroundTask::Context::post(std::function<void()> function)
{
    // The owner waits for the work before it is destroyed: m_task is alive.
    m_run->publish();
    QMetaObject::invokeMethod(
        m_task,
        [task = m_task, run = m_run, function = std::move(function)] {
            run->receive();
            if (task->isCurrent(run))
                function();
        },
        Qt::QueuedConnection);
}

BackgroundTask::BackgroundTask(QObject *parent)
    : QObject(parent)
{ }

BackgroundTask::~BackgroundTask()
{
    cancel();
}

bool BackgroundTask::isCurrent(const std::shared_ptr<Run> &run) const
{
    return run == m_run && !run->future.isCanceled();
}

void BackgroundTask::start(Work work)
{
    requestCancel();
    m_unfinished.removeIf([](const std::shared_ptr<Run> &run) { return run->future.isFinished(); });
    auto run = std::make_shared<Run>();
    m_run = run;
    m_running = true;
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, run, watcher] {
        watcher->deleteLater();
        run->receive();
        if (!isCurrent(run))
            return;
        m_running = false;
        Q_EMIT finished();
    });
    watcher->setFuture(run->future);
    m_unfinished.append(run);
    run->promise.start();
    workPool()->start(new PoolJob([this, run, work = std::move(work)] {
        Context context(this, run);
        work(context);
        run->publish();
        run->promise.finish();
    }));
}

void BackgroundTask::requestCancel()
{
    m_running = false;
    if (m_run)
        m_run->future.cancel();
}

void BackgroundTask::cancel()
{
    requestCancel();
    waitForFinished();
}

void BackgroundTask::waitForFinished()
{
    for (const std::shared_ptr<Run> &run : std::as_const(m_unfinished)) {
        run->future.waitForFinished();
        run->receive();
    }
    m_unfinished.clear();
}

} // namespace ssescope
