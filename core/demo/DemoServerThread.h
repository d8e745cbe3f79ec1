#pragma once

#include "core/demo/ServerThread.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

namespace ssescope::demo {

class DemoServer;

// Runs a DemoServer on a thread of its own (ServerThread), so that a busy
// client in the same process (the app's embedded demo, an in-process test)
// cannot slow it down.
class DemoServerThread final
{
public:
    DemoServerThread();
    ~DemoServerThread();
    Q_DISABLE_COPY_MOVE(DemoServerThread)

    // Serve https; call before start().
    void setTls(const QSslCertificate &certificate, const QSslKey &key);

    // Blocks until the server listens (true) or failed to (false).
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void stop();
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    QUrl url(const QString &pathAndQuery) const;
    // The server's open client connections, asked on its thread; -1 when stopped.
    int openConnections() const;

private:
    ServerThread<DemoServer> m_thread;
    quint16 m_port = 0;
    QString m_error;
    QHostAddress m_address;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace ssescope::demo
