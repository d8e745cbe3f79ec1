#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

class QSslCertificate;
class QSslKey;
#include <QUrl>

namespace ssescope::demo {

// The demo and test SSE server: real HTTP/1.1 over real sockets, with the
// streams and fault modes listed at "/" (see DemoConnection for parameters).
class DemoServer final : public QObject
{
    Q_OBJECT
public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;
    Q_DISABLE_COPY_MOVE(DemoServer)

    // Serve https with this certificate; before listen(). False without TLS support.
    bool enableTls(const QSslCertificate &certificate, const QSslKey &key);
    bool isTls() const { return m_tls; }

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    QString errorString() const { return m_server->errorString(); }
    quint16 port() const { return m_server->serverPort(); }
    QUrl url(const QString &pathAndQuery) const;

    int openConnections() const { return m_openConnections; }
    quint64 requestsServed() const { return m_requests; }
    // Per "key" query parameter: how many requests carried it (fail_first uses it).
    int countRequest(const QString &key);

    // Soak faults. A restart: the listener goes away, every connection is
    // cut between events, and after downMs it listens on the same port again
    // (connection attempts meanwhile are refused). restartCuts() counts the
    // streams so cut, chaosDrops() the chaos=MEAN drops; with faults off
    // neither happens (the soak's calm end).
    void restart(int downMs);
    bool isListening() const { return m_server->isListening(); }
    void setFaultsEnabled(bool enabled) { m_faultsEnabled = enabled; }
    bool faultsEnabled() const { return m_faultsEnabled; }
    quint64 chaosDrops() const { return m_chaosDrops; }
    quint64 restartCuts() const { return m_restartCuts; }
    quint64 restarts() const { return m_restarts; }

Q_SIGNALS:
    void relistened(bool ok);

    void requestReceived(const QByteArray &method, const QByteArray &target);

private:
    void handleNewConnection();

    void watch(QTcpServer *server);

    QTcpServer *m_server; // a child; a QSslServer once TLS is enabled
    bool m_tls = false;
    QHash<QString, int> m_requestsPerKey;
    int m_openConnections = 0;
    quint64 m_requests = 0;
    bool m_faultsEnabled = true;
    quint64 m_chaosDrops = 0;
    quint64 m_restartCuts = 0;
    quint64 m_restarts = 0;
    QHostAddress m_address;

    friend class DemoConnection;
};

} // namespace ssescope::demo
