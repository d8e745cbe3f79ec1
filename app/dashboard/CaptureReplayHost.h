#pragma once

#include "ui/window/CaptureServerHost.h"

#include <memory>
#include <vector>

namespace ssescope {
class BackgroundTask;
}
namespace ssescope::demo {
class CaptureReplayThread;
}

namespace ssescope::ui {

// The window's "Serve this capture": each capture read on a BackgroundTask,
// then served by a CaptureReplayThread of its own on 127.0.0.1, an ephemeral
// port, at speed 1 without looping.
class CaptureReplayHost final : public CaptureServerHost
{
public:
    CaptureReplayHost();
    ~CaptureReplayHost() override;
    Q_DISABLE_COPY_MOVE(CaptureReplayHost)

    void serve(const QString &path, ServeDone done) override;
    void stopAll() override;
    int servedCaptures() const override { return int(m_servers.size()); }

private:
    std::vector<std::unique_ptr<demo::CaptureReplayThread>> m_servers;
    std::vector<std::unique_ptr<BackgroundTask>> m_loads; // captures being read
};

} // namespace ssescope::ui
