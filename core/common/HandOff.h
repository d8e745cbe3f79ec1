#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <atomic>
#include <future>
#include <utility>

namespace ssescope {

// Qt's own cross-thread hand-offs (a blocking queued call, QThread::wait(),
// QThreadPool's queue) synchronise inside Debian's Qt, which is not built with
// ThreadSanitizer: to TSan, what one thread wrote before such a hand-off and
// the other reads after it looks unsynchronised. A HandOff is a
// release/acquire pair placed around the Qt one, so that the order Qt
// guarantees is also one TSan (and the C++ memory model) can see. It costs an
// atomic increment per hand-off.
class HandOff final
{
public:
    // Everything this thread did so far happens before whatever another
    // thread does after its next receive().
    void publish() { m_count.fetch_add(1, std::memory_order_release); }
    void receive() const { (void)m_count.load(std::memory_order_acquire); }

private:
    std::atomic<quint64> m_count { 0 };
};

// Runs function on context's thread and waits for it, as
// Qt::BlockingQueuedConnection would, but visibly both ways: function sees
// what the caller wrote before, the caller what function wrote. Not Qt's
// blocking call itself: its QSemaphore is invisible too, and the caller frees
// the call's closure after it, which TSan sees racing with the other thread's
// reading of it. Here the event owns the closure and the receiving thread
// frees it. context must live on another, running thread.
template<typename Function> void runBlocking(QObject *context, Function &&function)
{
    Q_ASSERT(context->thread() != QThread::currentThread());
    HandOff there;
    std::promise<void> done;
    std::future<void> returned = done.get_future();
    there.publish();
    QMetaObject::invokeMethod(
        context,
        [&there, &done, &function] {
            there.receive();
            std::forward<Function>(function)();
            done.set_value();
        },
        Qt::QueuedConnection);
    returned.wait();
}

// A QThread (an event loop, as QThread's own run()) whose end is a visible
// hand-off: after quitAndWait() the caller may destroy or read anything the
// thread used, as after joining a std::thread.
class JoinableThread final : public QThread
{
public:
    using QThread::QThread;
    void quitAndWait()
    {
        quit();
        wait();
        m_ended.receive();
    }

protected:
    void run() override
    {
        QThread::run();
        m_ended.publish();
    }

private:
    HandOff m_ended;
};

} // namespace ssescope
