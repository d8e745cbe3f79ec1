#include "MetricsServer.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ssescope {

MetricsServer::MetricsServer(Provider provider, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_server(this)
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::handleNewConnection);
}

QString MetricsServer::addressError(
    const QString &hostPort, bool allowPublic, QHostAddress *addressOut, quint16 *portOut)
{
    const qsizetype colon = hostPort.lastIndexOf(u':');
    if (colon < 0)
        return QCoreApplication::translate(
            "MetricsServer", "--metrics needs HOST:PORT, such as 127.0.0.1:9464");
    QString host = hostPort.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = hostPort.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return QCoreApplication::translate("MetricsServer", "\"%1\" is not a port number")
            .arg(hostPort.mid(colon + 1));
    const QHostAddress address = host.isEmpty() || host == u"localhost"
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(host);
    if (address.isNull())
        return QCoreApplication::translate("MetricsServer", "\"%1\" is not an IP address")
            .arg(host);
    if (!address.isLoopback() && !allowPublic)
        return QCoreApplication::translate("MetricsServer",
            "--metrics %1 would serve stream names and URLs beyond this machine: use a "
            "loopback address such as 127.0.0.1:%2, or add --metrics-public")
            .arg(hostPort)
            .arg(port);
    if (addressOut)
        *addressOut = address;
    if (portOut)
        *portOut = quint16(port);
    return {};
}

bool MetricsServer::listen(const QString &hostPort, bool allowPublic)
{
    QHostAddress address;
    quint16 port = 0;
    m_error = addressError(hostPort, allowPublic, &address, &port);
    if (!m_error.isEmpty())
        return false;
    if (!m_server.listen(address, port)) {
        m_error = QCoreApplication::translate("MetricsServer", "cannot listen on %1: %2")
                      .arg(hostPort, m_server.errorString());
        return false;
    }
    return true;
}

QString MetricsServer::url() const
{
    const QHostAddress address = m_server.serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    return u"http://%1:%2/metrics"_s.arg(host).arg(m_server.serverPort());
}

void MetricsServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never finishes its request is dropped.
        QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (socket->property("answered").toBool())
                return;
            QByteArray head = socket->property("head").toByteArray() + socket->readAll();
            if (!head.contains("\r\n\r\n")) {
                if (head.size() > 16384)
                    socket->abort();
                else
                    socket->setProperty("head", head);
                return;
            }
            socket->setProperty("answered", true);
            const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
            const QByteArray path = requestLine.value(1).split('?').value(0);
            QByteArray status = "200 OK";
            QByteArray body;
            QByteArray type = "text/plain; version=0.0.4; charset=utf-8";
            if (requestLine.value(0) != "GET") {
                status = "405 Method Not Allowed";
                body = "Only GET /metrics.\n";
                type = "text/plain; charset=utf-8";
            } else if (path != "/metrics") {
                status = "404 Not Found";
                body = "Scrape /metrics.\n";
                type = "text/plain; charset=utf-8";
            } else {
                body = m_provider();
            }
            socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }
}

} // namespace ssescope
