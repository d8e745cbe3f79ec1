#pragma once

#include "core/net/SubscriptionConfig.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace ssescope {

class CaptureSession;

// Adds a workspace's streams to the session a few per turn of the event
// loop: in the dashboard each stream costs the GUI thread a row, a chart
// series and a subscription, so 1,000 at once kept the window from painting
// for seconds. A workspace small enough for one slice is added at once, in
// start(), as before.
class WorkspaceLoader final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kStreamsPerTurn = 4;

    WorkspaceLoader(CaptureSession *session, QList<SubscriptionConfig> streams, QObject *parent);
    Q_DISABLE_COPY_MOVE(WorkspaceLoader)

    // Adds the first slice now; finished() comes once every stream is added
    // (from start() itself when one slice holds them all).
    void start();
    int added() const { return m_next; }
    int total() const { return int(m_streams.size()); }

Q_SIGNALS:
    void progress(int added, int total);
    void finished();

private:
    void addSlice();

    CaptureSession *m_session;
    QList<SubscriptionConfig> m_streams;
    QTimer m_turn;
    int m_next = 0;
};

} // namespace ssescope
