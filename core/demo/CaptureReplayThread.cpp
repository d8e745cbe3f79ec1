#include "CaptureReplayThread.h"

using namespace Qt::StringLiterals;

namespace ssescope::demo {

CaptureReplayThread::CaptureReplayThread()
    : m_thread(u"ssescope-capture-replay"_s)
{ }

CaptureReplayThread::~CaptureReplayThread()
{
    stop();
}

bool CaptureReplayThread::start(std::shared_ptr<const CaptureReplay> replay, ReplayOptions options,
    const QHostAddress &address, quint16 port)
{
    if (m_thread.isRunning())
        return true;
    return m_thread.start(std::make_unique<CaptureReplayServer>(std::move(replay), options),
        [this, address, port](CaptureReplayServer &server) {
            const bool ok = server.listen(address, port);
            m_port = server.port();
            m_error = server.errorString();
            m_root = server.url({});
            return ok;
        });
}

void CaptureReplayThread::stop()
{
    m_thread.stop();
}

QUrl CaptureReplayThread::url(const QByteArray &path) const
{
    return QUrl::fromEncoded(m_root.toEncoded() + path, QUrl::StrictMode);
}

} // namespace ssescope::demo
