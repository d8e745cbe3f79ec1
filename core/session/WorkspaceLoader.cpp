#include "WorkspaceLoader.h"

#include "core/session/CaptureSession.h"

#include <algorithm>

namespace ssescope {

WorkspaceLoader::WorkspaceLoader(
    CaptureSession *session, QList<SubscriptionConfig> streams, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_streams(std::move(streams))
{
    // Zero-interval: the next slice once the event loop has handled what waits
    // (a window paints and takes input in between).
    m_turn.setInterval(0);
    connect(&m_turn, &QTimer::timeout, this, &WorkspaceLoader::addSlice);
}

void WorkspaceLoader::start()
{
    addSlice();
    if (m_next < total())
        m_turn.start();
}

void WorkspaceLoader::addSlice()
{
    const int end = std::min(total(), m_next + kStreamsPerTurn);
    for (; m_next < end; ++m_next)
        m_session->addStream(m_streams.at(m_next));
    Q_EMIT progress(m_next, total());
    if (m_next >= total()) {
        m_turn.stop();
        Q_EMIT finished();
    }
}

} // namespace ssescope
