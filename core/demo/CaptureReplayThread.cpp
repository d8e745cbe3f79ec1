#include "CaptureReplayThread.h"

using namespace Qt::StringLiterals;

namespace ssescope::demo {

CaptureReplayThread::CaptureReplayThread()
{
    m_thread.setObjectName(u"ssescope-capture-replay"_s);
}

CaptureReplayThread::~CaptureReplayThread()
{
    stop();
}

bool CaptureReplayThread::start(std::shared_ptr<const CaptureReplay> replay, ReplayOptions options,
    const QHostAddress &address, quint16 port)
{
    if (m_server)
        return true;
    m_server = new CaptureReplayServer(std::move(replay), options); // deleted on its thread
    m_server->moveToThread(&m_thread);
    m_thread.start();
    bool ok = false;
    CaptureReplayServer *server = m_server;
    QMetaObject::invokeMethod(
        server,
        [this, server, address, port, &ok] {
            ok = server->listen(address, port);
            m_port = server->port();
            m_error = server->errorString();
            m_root = server->url({});
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void CaptureReplayThread::stop()
{
    if (!m_thread.isRunning())
        return;
    CaptureReplayServer *server = m_server;
    m_server = nullptr;
    QMetaObject::invokeMethod(
        server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QUrl CaptureReplayThread::url(const QByteArray &path) const
{
    return QUrl::fromEncoded(m_root.toEncoded() + path, QUrl::StrictMode);
}

} // namespace ssescope::demo
