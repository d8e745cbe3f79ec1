#include "DemoServerThread.h"

#include "core/demo/DemoServer.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

DemoServerThread::DemoServerThread()
    : m_thread(u"ssescope-demo-server"_s)
{ }

DemoServerThread::~DemoServerThread()
{
    stop();
}

bool DemoServerThread::start(const QHostAddress &address, quint16 port)
{
    if (m_thread.isRunning())
        return true;
    m_address = address;
    auto server = std::make_unique<DemoServer>();
    if (!m_certificate.isNull() && !server->enableTls(m_certificate, m_key)) {
        m_error = QCoreApplication::translate("DemoServerThread", "this Qt has no TLS support");
        return false;
    }
    return m_thread.start(std::move(server), [this, address, port](DemoServer &running) {
        const bool ok = running.listen(address, port);
        m_port = running.port();
        m_error = running.errorString();
        return ok;
    });
}

void DemoServerThread::stop()
{
    m_thread.stop();
}

void DemoServerThread::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

int DemoServerThread::openConnections() const
{
    if (!m_thread.isRunning())
        return -1;
    int count = -1;
    m_thread.call([&count](const DemoServer &server) { count = server.openConnections(); });
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
