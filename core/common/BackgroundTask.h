#pragma once

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace ssescope {

// The one way a work item leaves its owner's thread (the GUI thread, in the
// window): loading a capture, exporting one, filtering and sorting the event
// table.
//
// Why this idiom, of the five the program had (a QThread per job, std::thread
// with atomics, std::thread with a semaphore, QThreadPool with QPromise):
// QThreadPool with QPromise, QFuture and QFutureWatcher is all in QtCore (Qt
// Concurrent stays out); a pool reuses its threads instead of creating one
// per sort or filter; QFuture carries the cancel request and the wait; and
// QFutureWatcher brings the end back to the owner's thread. Progress and
// results go back in order through post(), and none arrive once the owner
// has cancelled, so a slot never sees a stale batch. Modelled on Qt
// Creator's Utils::Async.
//
// Not for long-lived stages that block on I/O and own a thread for good: the
// network thread (StreamManager) and the CLI's writer thread (CliEventWriter).
class BackgroundTask final : public QObject
{
    Q_OBJECT
    struct Run;

public:
    // What the work sees, on the worker thread.
    class Context final
    {
    public:
        bool isCanceled() const;
        // Delivered as progress() on the owner thread.
        void reportProgress(qint64 done, qint64 total);
        // Runs function on the owner thread, after whatever was posted
        // before it, unless the task is cancelled or restarted first.
        void post(std::function<void()> function);

    private:
        friend class BackgroundTask;
        Context(BackgroundTask *task, std::shared_ptr<Run> run);
        BackgroundTask *m_task;
        std::shared_ptr<Run> m_run;
    };
    using Work = std::function<void(Context &context)>;

    explicit BackgroundTask(QObject *parent = nullptr);
    // Cancels the work and waits for it: it may use what its owner owns.
    ~BackgroundTask() override;
    Q_DISABLE_COPY_MOVE(BackgroundTask)

    // Runs work on a pool thread. A work still running is cancelled, not
    // waited for: the owner thread never waits for a result it dropped (a
    // superseded sort), and nothing the old work posts arrives. A work must
    // therefore keep to what it was given; the destructor waits for all.
    void start(Work work);
    // Asks the work to stop and returns at once; from here on nothing it
    // posts reaches the owner, and finished() is not emitted.
    void requestCancel();
    // requestCancel(), then waits until every work started has returned.
    void cancel();
    void waitForFinished();
    // From start() until finished() or a cancel.
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // On the owner thread, after everything the work posted.
    void finished();

private:
    bool isCurrent(const std::shared_ptr<Run> &run) const;

    std::shared_ptr<Run> m_run;
    QList<std::shared_ptr<Run>> m_unfinished; // every run started, the cancelled ones too
    bool m_running = false;
};

} // namespace ssescope
