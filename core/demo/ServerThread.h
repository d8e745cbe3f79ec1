#pragma once

#include "core/common/HandOff.h"

#include <QString>

#include <functional>
#include <memory>
#include <utility>

namespace ssescope::demo {

// A server (a QObject that listens) on a thread of its own, so that a busy
// client in the same process (the window, an in-process test) cannot slow it
// down: the one implementation behind DemoServerThread and
// CaptureReplayThread. The server is asked to listen and is deleted on its
// thread through runBlocking(), and the thread is joined through
// JoinableThread, because ThreadSanitizer sees neither Qt's blocking queued
// call nor QThread::wait(): what the server thread writes while listening (a
// port, an error) is then read on the owner thread in its sight too.
// Owner thread only.
template<typename Server> class ServerThread final
{
public:
    explicit ServerThread(const QString &name) { m_thread.setObjectName(name); }
    ~ServerThread() { stop(); }
    Q_DISABLE_COPY_MOVE(ServerThread)

    // Moves server (parentless, on this thread) to the thread, starts it, and
    // waits while listen(*server) runs there; what listen writes, the caller
    // may read afterwards. When listen says false the server is deleted and
    // the thread joined again.
    bool start(std::unique_ptr<Server> server, const std::function<bool(Server &)> &listen)
    {
        if (m_server)
            return true;
        m_server = server.release(); // deleted on its own thread by stop()
        m_server->moveToThread(&m_thread);
        m_thread.start();
        bool ok = false;
        Server *running = m_server;
        runBlocking(running, [running, &listen, &ok] { ok = listen(*running); });
        if (!ok)
            stop();
        return ok;
    }

    void stop()
    {
        if (!m_server)
            return;
        Server *server = std::exchange(m_server, nullptr);
        runBlocking(server, [server] { delete server; });
        // Joined visibly: the server thread read shared state (demoStreams(),
        // a capture) that its owner frees afterwards.
        m_thread.quitAndWait();
    }

    bool isRunning() const { return m_server != nullptr; }

    // Runs function with the server on its thread and waits for it; running only.
    template<typename Function> void call(Function &&function) const
    {
        Server *server = m_server;
        runBlocking(server, [server, &function] { function(*server); });
    }

private:
    JoinableThread m_thread;
    Server *m_server = nullptr; // lives on m_thread
};

} // namespace ssescope::demo
