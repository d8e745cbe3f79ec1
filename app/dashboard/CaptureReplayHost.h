#pragma once

#include "ui/window/CaptureServerHost.h"

#include <memory>
#include <vector>

namespace ssescope::demo {
class CaptureReplayThread;
}

namespace ssescope::ui {

// The window's "Serve this capture": each capture on a CaptureReplayThread
// of its own on 127.0.0.1, an ephemeral port, at speed 1 without looping.
class CaptureReplayHost final : public CaptureServerHost
{
public:
    CaptureReplayHost();
    ~CaptureReplayHost() override;
    Q_DISABLE_COPY_MOVE(CaptureReplayHost)

    bool serve(const QString &path, QList<ServedStream> *streams, QString *error) override;
    void stopAll() override;
    int servedCaptures() const override { return int(m_servers.size()); }

private:
    std::vector<std::unique_ptr<demo::CaptureReplayThread>> m_servers;
};

} // namespace ssescope::ui
