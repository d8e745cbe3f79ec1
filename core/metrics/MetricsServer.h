#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <functional>

namespace ssescope {

// Serves GET /metrics over HTTP/1.1 for Prometheus to scrape. The body is
// made on demand by the provider, on this object's thread.
class MetricsServer final : public QObject
{
    Q_OBJECT
public:
    using Provider = std::function<QByteArray()>;

    explicit MetricsServer(Provider provider, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MetricsServer)

    // "127.0.0.1:9464", "[::1]:0", "localhost:9464", ":9464" (loopback).
    // Statistics name the streams and their URLs, so an address other hosts
    // can reach needs allowPublic. False with errorString() set.
    bool listen(const QString &hostPort, bool allowPublic = false);
    // The same checks, without listening: the error, or empty.
    static QString addressError(const QString &hostPort, bool allowPublic,
        QHostAddress *address = nullptr, quint16 *port = nullptr);
    QString errorString() const { return m_error; }
    QString url() const;

private:
    void handleNewConnection();

    Provider m_provider;
    QTcpServer m_server;
    QString m_error;
};

} // namespace ssescope
