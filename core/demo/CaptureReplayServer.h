#pragma once

#include "core/demo/CaptureReplay.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpServer;

namespace ssescope::demo {

struct ReplayOptions
{
    // Gaps between arrivals are divided by it; kMinSpeed to kMaxSpeed.
    double speed = 1.0;
    // After the last event, the stream starts again from its first.
    bool loop = false;

    static constexpr double kMinSpeed = 0.01;
    static constexpr double kMaxSpeed = 1000.0;
};

// Serves each stream of a saved capture as a live text/event-stream at
// /NAME (the name percent-encoded), with the capture's gaps between reads
// divided by the speed and the events of one read in one write; GET / lists
// the streams as JSON. Request parsing and responses are the demo server's
// (DemoRequest, DemoHttp); each connection runs its own timer schedule
// (CaptureReplayConnection).
class CaptureReplayServer final : public QObject
{
    Q_OBJECT
public:
    CaptureReplayServer(std::shared_ptr<const CaptureReplay> replay, ReplayOptions options,
        QObject *parent = nullptr);
    ~CaptureReplayServer() override;
    Q_DISABLE_COPY_MOVE(CaptureReplayServer)

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    QString errorString() const;
    quint16 port() const;
    QUrl url(const QByteArray &path) const;

    const CaptureReplay &replay() const { return *m_replay; }
    const ReplayOptions &options() const { return m_options; }
    int openConnections() const { return m_openConnections; }
    // GET /'s body.
    QByteArray listing() const;

private:
    void handleNewConnection();

    std::shared_ptr<const CaptureReplay> m_replay;
    ReplayOptions m_options;
    QTcpServer *m_server; // a child
    int m_openConnections = 0;

    friend class CaptureReplayConnection;
};

} // namespace ssescope::demo
