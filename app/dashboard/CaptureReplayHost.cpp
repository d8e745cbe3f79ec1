#include "CaptureReplayHost.h"

#include "core/demo/CaptureReplayThread.h"

#include <QCoreApplication>

namespace ssescope::ui {

CaptureReplayHost::CaptureReplayHost() = default;

CaptureReplayHost::~CaptureReplayHost() = default; // each thread stops its server

bool CaptureReplayHost::serve(const QString &path, QList<ServedStream> *streams, QString *error)
{
    const auto replay = demo::CaptureReplay::load(path, error);
    if (!replay)
        return false;
    auto server = std::make_unique<demo::CaptureReplayThread>();
    if (!server->start(replay, demo::ReplayOptions {})) {
        *error = QCoreApplication::translate("CaptureReplayHost", "Cannot serve %1: %2")
                     .arg(path, server->errorString());
        return false;
    }
    for (const demo::CaptureReplay::Stream &stream : replay->streams())
        streams->append({ stream.name, server->url(stream.path) });
    m_servers.push_back(std::move(server));
    return true;
}

void CaptureReplayHost::stopAll()
{
    m_servers.clear();
}

} // namespace ssescope::ui
