#pragma once

#include "core/demo/CaptureReplayServer.h"
#include "core/demo/ServerThread.h"

namespace ssescope::demo {

// Runs a CaptureReplayServer on a thread of its own (ServerThread, as
// DemoServerThread runs the demo server): the window's "Serve this capture"
// replays on time however busy the window is.
class CaptureReplayThread final
{
public:
    CaptureReplayThread();
    ~CaptureReplayThread();
    Q_DISABLE_COPY_MOVE(CaptureReplayThread)

    // Blocks until the server listens (true) or failed to (false, errorString()).
    bool start(std::shared_ptr<const CaptureReplay> replay, ReplayOptions options,
        const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    // A stream's URL (its path as CaptureReplay::Stream::path).
    QUrl url(const QByteArray &path) const;

private:
    ServerThread<CaptureReplayServer> m_thread;
    quint16 m_port = 0;
    QString m_error;
    QUrl m_root;
};

} // namespace ssescope::demo
