#include "DemoServer.h"

#include "demo/DemoConnection.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_server(this) // a child, so moveToThread() takes it along
{
    m_server.setMaxPendingConnections(4096);
    connect(&m_server, &QTcpServer::newConnection, this, &DemoServer::handleNewConnection);
}

bool DemoServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

QUrl DemoServer::url(const QString &pathAndQuery) const
{
    const QString host = m_server.serverAddress().protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(m_server.serverAddress().toString())
        : m_server.serverAddress().toString();
    return QUrl(u"http://%1:%2%3"_s.arg(host).arg(port()).arg(pathAndQuery));
}

int DemoServer::countRequest(const QString &key)
{
    return ++m_requestsPerKey[key];
}

void DemoServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection())
        new DemoConnection(socket, this); // owned by this; deletes itself on disconnect
}

} // namespace ssescope::demo
