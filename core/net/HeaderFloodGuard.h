#pragma once

#include "core/net/TcpSockets.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <vector>

namespace ssescope {

// Bounds the response headers of one connection attempt and really drops the
// connection when they overrun or time out.
//
// Qt 6.4 reads response headers without a limit, in a loop on its HTTP thread
// that a server sending faster than Qt parses never lets go: that thread stops
// serving every other stream on its QNetworkAccessManager, and an abort queued
// to it never runs. So the guard watches from outside Qt: while the headers are
// pending it lists the process's TCP sockets (tcpsockets), takes as this
// attempt's those to its peer that appeared since the attempt began and no
// other stream claimed, and cuts them with shutdown(2), which ends Qt's loop.
// Lives on the network thread, beside its Subscription.
class HeaderFloodGuard final : public QObject
{
    Q_OBJECT
public:
    // Response headers larger than this are a hostile or broken server: real
    // ones are a few hundred bytes, and Qt's own HTTP/2 limit is of this order.
    static constexpr quint64 kMaxHeaderBytes = 64 * 1024;
    static constexpr int kProbeIntervalMs = 100;

    // census: the thread's socket listing and claims, shared between guards.
    explicit HeaderFloodGuard(tcpsockets::Census *census, QObject *parent = nullptr);
    ~HeaderFloodGuard() override;
    Q_DISABLE_COPY_MOVE(HeaderFloodGuard)

    // What bounds the bytes an open stream's socket read: its response
    // headers, the body it read, and what its reply holds unread.
    void setHeaderBytes(quint64 bytes) { m_headerBytes = bytes; }
    void noteBodyBytes(quint64 bytes) { m_bodyBytes += bytes; }
    void setUnreadBytes(std::function<quint64()> unread) { m_unread = std::move(unread); }

    // Called once the headers overran kMaxHeaderBytes and the socket was cut.
    void setOnOverrun(std::function<void()> onOverrun) { m_onOverrun = std::move(onOverrun); }

    // A new attempt: sockets that exist now are not its own.
    void beginAttempt();
    // The request of the attempt (first or after a redirect) goes to this URL.
    void watch(const QUrl &url);
    // The headers arrived: stop watching; claim the socket if it is known for sure.
    void headersComplete();
    // The attempt ends (timeout, error, pause): cut what is still this attempt's,
    // since Qt may be unable to abort it. Returns how many sockets were cut.
    int cutPending();
    // The attempt is over and its connection handed back: stop and forget. A
    // socket still flooding is cut: Qt's thread would never run the abort.
    void reset();

private:
    struct Candidate
    {
        int fd;
        quint64 inode;
        quint64 bytesRead;
    };
    bool isCandidate(const tcpsockets::SocketInfo &socket) const;
    std::vector<Candidate> candidates(qint64 maxAgeMs = tcpsockets::Census::kMaxAgeMs) const;
    std::vector<Candidate> heavyCandidates(qint64 maxAgeMs = tcpsockets::Census::kMaxAgeMs) const;
    bool matchesPeer(const QHostAddress &address, quint16 port) const;
    void probe();
    void confirmOverrun();
    // Whether socket may carry this open stream, held in common with others.
    bool mayOwn(const tcpsockets::SocketInfo &socket) const;

    tcpsockets::Census *m_census;
    QSet<quint64> m_before; // sockets that existed when the attempt began
    quint64 m_claimed = 0;
    // Headers complete, socket not known for sure: the sockets it may be.
    QSet<quint64> m_shared;
    quint64 m_headerBytes = 0;
    quint64 m_bodyBytes = 0;
    std::function<quint64()> m_unread;
    QHostAddress m_peer; // null when the host is a name: then the port alone
    quint16 m_port = 0;
    bool m_watching = false;
    bool m_confirming = false;
    QTimer m_probe;
    std::function<void()> m_onOverrun;
};

} // namespace ssescope
