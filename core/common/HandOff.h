#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <atomic>
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

// Runs function on context's thread and waits for it
// (Qt::BlockingQueuedConnection), both ways visible: function sees what the
// caller wrote before, the caller what function wrote.
template<typename Function> void runBlocking(QObject *context, Function &&function)
{
    HandOff there;
    HandOff back;
    there.publish();
    QMetaObject::invokeMethod(
        context,
        [&there, &back, &function] {
            there.receive();
            std::forward<Function>(function)();
            back.publish();
        },
        Qt::BlockingQueuedConnection);
    back.receive();
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
