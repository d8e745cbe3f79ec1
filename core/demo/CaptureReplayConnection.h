#pragma once

#include "core/demo/CaptureReplay.h"
#include "core/demo/DemoRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace ssescope::demo {

class CaptureReplayServer;

// One client of a CaptureReplayServer: parses the request, then sends its
// stream's reads on a single-shot timer, each due at its offset in the
// capture divided by the speed, counted from the start of the response (no
// drift from late timers). A read that is due goes out as one write, flushed
// at once, so the client reads it as the original client did.
class CaptureReplayConnection final : public QObject
{
    Q_OBJECT
public:
    CaptureReplayConnection(QTcpSocket *socket, CaptureReplayServer *server);
    ~CaptureReplayConnection() override;
    Q_DISABLE_COPY_MOVE(CaptureReplayConnection)

private:
    void handleReadyRead();
    void respond();
    void startStream(const CaptureReplay::Stream &stream);
    void sendDue();
    void schedule();
    qint64 dueNs(qsizetype write) const;
    qint64 loopPauseNs() const;
    void finish();

    QTcpSocket *m_socket;
    CaptureReplayServer *m_server;
    RequestReader m_reader;
    DemoRequest m_request;
    const CaptureReplay::Stream *m_stream = nullptr;
    qsizetype m_nextEvent = 0;
    // The pass being sent: offset passBaseNs of the capture is due at
    // passStartNs of m_clock (speed applied from there).
    qint64 m_passStartNs = 0;
    qint64 m_passBaseNs = 0;
    bool m_waitingForDrain = false;
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace ssescope::demo
