#include "DemoServerThread.h"

#include "core/demo/DemoServer.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

DemoServerThread::DemoServerThread()
{
    m_thread.setObjectName(u"ssescope-demo-server"_s);
}

DemoServerThread::~DemoServerThread()
{
    stop();
}

bool DemoServerThread::start(const QHostAddress &address, quint16 port)
{
    if (m_server)
        return true;
    m_address = address;
    m_server = new DemoServer; // deleted on its own thread by stop()
    if (!m_certificate.isNull() && !m_server->enableTls(m_certificate, m_key)) {
        m_error = QCoreApplication::translate("DemoServerThread", "this Qt has no TLS support");
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_server->moveToThread(&m_thread);
    m_thread.start();
    bool ok = false;
    DemoServer *server = m_server;
    runBlocking(server, [this, server, address, port, &ok] {
        ok = server->listen(address, port);
        m_port = server->port();
        m_error = server->errorString();
    });
    return ok;
}

void DemoServerThread::stop()
{
    if (!m_thread.isRunning())
        return;
    DemoServer *server = m_server;
    m_server = nullptr;
    runBlocking(server, [server] { delete server; });
    // Joined visibly: the server thread read shared state (demoStreams()) that
    // static destructors free once main() returns.
    m_thread.quitAndWait();
}

void DemoServerThread::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

int DemoServerThread::openConnections() const
{
    if (!m_server)
        return -1;
    int count = -1;
    DemoServer *server = m_server;
    runBlocking(server, [server, &count] { count = server->openConnections(); });
    return count;
}

QUrl DemoServerThread::url(const QString &pathAndQuery) const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(m_address.toString())
        : m_address.toString();
    const QString scheme = m_certificate.isNull() ? u"http"_s : u"https"_s;
    return QUrl(u"%1://%2:%3%4"_s.arg(scheme, host).arg(m_port).arg(pathAndQuery));
}

} // namespace ssescope::demo
