#include "DemoServer.h"

#include "core/demo/DemoConnection.h"

#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslServer>
#endif

using namespace Qt::StringLiterals;

namespace ssescope::demo {

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) // a child, so moveToThread() takes it along
{
    watch(m_server);
}

DemoServer::~DemoServer()
{
    // Connections count themselves out of m_openConnections when destroyed:
    // that must happen while this is still a DemoServer, not in ~QObject.
    qDeleteAll(findChildren<DemoConnection *>(Qt::FindDirectChildrenOnly));
}

void DemoServer::watch(QTcpServer *server)
{
    server->setMaxPendingConnections(4096);
    // Emitted once a connection is ready to use: for TLS, after the handshake.
    connect(
        server, &QTcpServer::pendingConnectionAvailable, this, &DemoServer::handleNewConnection);
}

bool DemoServer::enableTls(const QSslCertificate &certificate, const QSslKey &key)
{
#if QT_CONFIG(ssl)
    auto *server = new QSslServer(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    server->setSslConfiguration(configuration);
    delete m_server;
    m_server = server;
    m_tls = true;
    watch(m_server);
    return true;
#else
    Q_UNUSED(certificate);
    Q_UNUSED(key);
    return false;
#endif
}

bool DemoServer::listen(const QHostAddress &address, quint16 port)
{
    m_address = address;
    return m_server->listen(address, port);
}

void DemoServer::restart(int downMs)
{
    if (!m_server->isListening() || !m_faultsEnabled)
        return;
    const quint16 port = m_server->serverPort();
    m_server->close(); // attempts are refused until it listens again
    ++m_restarts;
    const auto connections = findChildren<DemoConnection *>(Qt::FindDirectChildrenOnly);
    for (DemoConnection *connection : connections) {
        if (connection->cutForRestart())
            ++m_restartCuts;
    }
    QTimer::singleShot(std::max(0, downMs), this, [this, port] {
        bool ok = false;
        for (int attempt = 0; attempt < 50 && !ok; ++attempt) { // a moment for the port
            ok = m_server->listen(m_address, port);
            if (!ok)
                QThread::msleep(20);
        }
        Q_EMIT relistened(ok);
    });
}

QUrl DemoServer::url(const QString &pathAndQuery) const
{
    const QHostAddress address = m_server->serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    const QString scheme = m_tls ? u"https"_s : u"http"_s;
    return QUrl(u"%1://%2:%3%4"_s.arg(scheme, host).arg(port()).arg(pathAndQuery));
}

int DemoServer::countRequest(const QString &key)
{
    return ++m_requestsPerKey[key];
}

void DemoServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new DemoConnection(socket, this); // owned by this; deletes itself on disconnect
}

} // namespace ssescope::demo
