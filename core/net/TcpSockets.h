#pragma once

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QtGlobal>

#include <functional>
#include <vector>

namespace ssescope::tcpsockets {

// This process's connected TCP sockets, seen from outside Qt.
// Qt 6.4 gives no access to the socket behind a QNetworkReply, and while a
// server floods it with header lines, Qt's HTTP thread never returns to its
// event loop, so an abort queued to it is never run. The kernel still knows the
// socket: /proc/self/fd names it, TCP_INFO says how much it received, and
// shutdown(2) from another thread ends Qt's read loop.
struct SocketInfo
{
    int fd = -1;
    quint64 inode = 0; // stable identity; an fd number may be reused
    QHostAddress peer;
    quint16 peerPort = 0;
    quint64 bytesRead = 0; // received by the kernel and already read by the process
};

// Every connected TCP socket; empty where the platform offers no /proc.
std::vector<SocketInfo> list();
// shutdown(SHUT_RDWR) of fd if it is still the socket with that inode.
bool cut(int fd, quint64 inode);

// One listing shared by every stream of a network thread, refreshed at most
// every kMaxAgeMs: a listing per attempt and per probe made 1,000 streams take
// 8 s instead of 1.3 s to go live (bench_streams), the cost being quadratic.
class Census final
{
public:
    static constexpr qint64 kMaxAgeMs = 50;
    // For a decision that cannot wait for the next probe (a stream removed
    // while its socket floods): a listing at most this old.
    static constexpr qint64 kFreshAgeMs = 5;
    // heavyBytes: sockets that read more are indexed by peer port (heavy()).
    explicit Census(quint64 heavyBytes);
    Q_DISABLE_COPY_MOVE(Census)

    const std::vector<SocketInfo> &sockets(qint64 maxAgeMs = kMaxAgeMs);
    const QSet<quint64> &inodes();
    // The sockets to this peer port that read more than heavyBytes; usually none.
    std::vector<SocketInfo> heavy(quint16 peerPort, qint64 maxAgeMs = kMaxAgeMs);
    // Inodes of sockets known to carry an open stream: no other stream's guard
    // may cut them.
    QSet<quint64> &claims() { return m_claims; }

    // Streams whose headers completed while several new sockets to their peer
    // were unclaimed (connections made at the same moment): one of those is
    // theirs, but which is not known. A socket that one of them may own is
    // cut by no guard: a healthy stream was cut beside one whose headers never
    // ended (issue 15). mayOwn answers for one socket; key identifies the holder.
    using MayOwn = std::function<bool(const SocketInfo &socket)>;
    void hold(const void *key, MayOwn mayOwn);
    void release(const void *key);
    bool held(const SocketInfo &socket) const;

    // Sockets to peer (null: any address) and port that are neither in before
    // nor claimed nor held, and that read more than heavyBytes.
    std::vector<SocketInfo> heavyNewSockets(const QHostAddress &peer, quint16 port,
        const QSet<quint64> &before, qint64 maxAgeMs = kMaxAgeMs);

    // An attempt that ended while its headers were pending and nothing floods
    // yet: its socket may start to, and Qt's thread would then never run the
    // abort, starving every stream that shares it. Watched for kOrphanWatchMs.
    static constexpr int kOrphanWatchMs = 2000;
    void adoptOrphan(const QHostAddress &peer, quint16 port, const QSet<quint64> &before);
    bool hasOrphans() const { return !m_orphans.empty(); }
    // Cuts the orphans' flooding sockets and forgets expired orphans.
    void probeOrphans();
    // The owner goes with all its streams: every orphan's socket is cut,
    // flooding or not, since nothing would be left to watch it.
    void cutOrphans();
    // Called when the first orphan is adopted (the owner starts probing).
    void setOnOrphan(std::function<void()> onOrphan) { m_onOrphan = std::move(onOrphan); }

private:
    void refresh(qint64 maxAgeMs = kMaxAgeMs);

    const quint64 m_heavyBytes;
    QElapsedTimer m_age;
    std::vector<SocketInfo> m_sockets;
    QSet<quint64> m_inodes;
    QHash<quint16, std::vector<SocketInfo>> m_heavy;
    QSet<quint64> m_claims;
    std::vector<std::pair<const void *, MayOwn>> m_holders;
    struct Orphan
    {
        QHostAddress peer;
        quint16 port;
        QSet<quint64> before;
        QDeadlineTimer deadline;
    };
    std::vector<Orphan> m_orphans;
    std::function<void()> m_onOrphan;
};

} // namespace ssescope::tcpsockets
