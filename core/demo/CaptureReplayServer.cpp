#include "CaptureReplayServer.h"

#include "core/demo/CaptureReplayConnection.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

CaptureReplayServer::CaptureReplayServer(
    std::shared_ptr<const CaptureReplay> replay, ReplayOptions options, QObject *parent)
    : QObject(parent)
    , m_replay(std::move(replay))
    , m_options(options)
    , m_server(new QTcpServer(this)) // a child, so moveToThread() takes it along
{
    m_server->setMaxPendingConnections(4096);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
        &CaptureReplayServer::handleNewConnection);
}

CaptureReplayServer::~CaptureReplayServer()
{
    // Connections count themselves out while this is still a CaptureReplayServer.
    qDeleteAll(findChildren<CaptureReplayConnection *>(Qt::FindDirectChildrenOnly));
}

bool CaptureReplayServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

QString CaptureReplayServer::errorString() const
{
    return m_server->errorString();
}

quint16 CaptureReplayServer::port() const
{
    return m_server->serverPort();
}

QUrl CaptureReplayServer::url(const QByteArray &path) const
{
    const QHostAddress address = m_server->serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    return QUrl::fromEncoded(
        "http://" + host.toLatin1() + ':' + QByteArray::number(port()) + path, QUrl::StrictMode);
}

QByteArray CaptureReplayServer::listing() const
{
    QJsonArray streams;
    for (const CaptureReplay::Stream &stream : m_replay->streams()) {
        streams.append(QJsonObject {
            { u"name"_s, stream.name },
            { u"path"_s, QString::fromLatin1(stream.path) },
            { u"events"_s, qint64(stream.events.size()) },
            { u"reads"_s, qint64(stream.writes.size()) },
            { u"first_ms"_s, double(stream.writes.front().offsetNs) / 1e6 },
            { u"duration_ms"_s, double(stream.durationNs()) / 1e6 },
            { u"resumable"_s, stream.idsUnique() },
        });
    }
    const QJsonObject root {
        { u"server"_s, u"ssescope-demo-server --replay"_s },
        { u"capture"_s, QFileInfo(m_replay->path()).fileName() },
        { u"speed"_s, m_options.speed },
        { u"loop"_s, m_options.loop },
        { u"streams"_s, streams },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void CaptureReplayServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new CaptureReplayConnection(socket, this); // owned by this; deletes itself on disconnect
}

} // namespace ssescope::demo
