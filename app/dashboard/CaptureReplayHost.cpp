#include "CaptureReplayHost.h"

#include "core/common/BackgroundTask.h"
#include "core/demo/CaptureReplayThread.h"

#include <QCoreApplication>

#include <algorithm>

namespace ssescope::ui {

CaptureReplayHost::CaptureReplayHost() = default;

// The loads are cancelled and waited for first (nothing they post arrives),
// then each thread stops its server.
CaptureReplayHost::~CaptureReplayHost()
{
    m_loads.clear();
}

void CaptureReplayHost::serve(const QString &path, ServeDone done)
{
    auto task = std::make_unique<BackgroundTask>();
    BackgroundTask *raw = task.get();
    QObject::connect(raw, &BackgroundTask::finished, raw, [this, raw] {
        const auto it = std::find_if(m_loads.begin(), m_loads.end(),
            [raw](const std::unique_ptr<BackgroundTask> &load) { return load.get() == raw; });
        if (it != m_loads.end()) {
            it->release()->deleteLater(); // not inside its own signal
            m_loads.erase(it);
        }
    });
    m_loads.push_back(std::move(task));
    raw->start([this, path, done = std::move(done)](BackgroundTask::Context &context) {
        QString error;
        // Cancelled by the destructor (quitting): stop within a block.
        std::shared_ptr<const demo::CaptureReplay> replay
            = demo::CaptureReplay::load(path, &error, [&context] { return context.isCanceled(); });
        context.post([this, path, replay, error, done] {
            if (!replay) {
                done(false, {}, error);
                return;
            }
            auto server = std::make_unique<demo::CaptureReplayThread>();
            if (!server->start(replay, demo::ReplayOptions {})) {
                done(false, {},
                    QCoreApplication::translate("CaptureReplayHost", "Cannot serve %1: %2")
                        .arg(path, server->errorString()));
                return;
            }
            QList<ServedStream> streams;
            for (const demo::CaptureReplay::Stream &stream : replay->streams())
                streams.append({ stream.name, server->url(stream.path), stream.idsUnique() });
            m_servers.push_back(std::move(server));
            done(true, streams, {});
        });
    });
}

void CaptureReplayHost::stopAll()
{
    m_servers.clear();
}

} // namespace ssescope::ui
