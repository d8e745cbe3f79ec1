#include "TcpSockets.h"

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#endif

#include <algorithm>

namespace ssescope::tcpsockets {

#ifdef Q_OS_LINUX
namespace {

// Calls f(fd, inode) for every socket among this process's descriptors.
template<typename F> void forEachSocketFd(F &&f)
{
    // open() + fdopendir() rather than opendir(): ThreadSanitizer sees a
    // descriptor created by open() but not by opendir(), so closedir() here
    // looked like a race with whichever thread last used the same number.
    const int listFd = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (listFd < 0)
        return;
    DIR *dir = ::fdopendir(listFd);
    if (!dir) {
        ::close(listFd);
        return;
    }
    const int dirFd = ::dirfd(dir);
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        const int fd = std::atoi(entry->d_name);
        if (fd == dirFd)
            continue;
        char target[64];
        const ssize_t n = ::readlinkat(dirFd, entry->d_name, target, sizeof target - 1);
        if (n <= 8 || std::strncmp(target, "socket:[", 8) != 0)
            continue;
        target[n] = '\0';
        f(fd, std::strtoull(target + 8, nullptr, 10));
    }
    ::closedir(dir);
}

bool isTcp(int fd)
{
    int type = 0;
    int protocol = 0;
    socklen_t length = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM)
        return false;
    length = sizeof protocol;
    return ::getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &length) == 0
        && protocol == IPPROTO_TCP;
}

} // namespace

std::vector<SocketInfo> list()
{
    std::vector<SocketInfo> sockets;
    forEachSocketFd([&sockets](int fd, quint64 inode) {
        if (!isTcp(fd))
            return;
        sockaddr_storage address {};
        socklen_t length = sizeof address;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return; // listening or not yet connected
        SocketInfo info;
        info.fd = fd;
        info.inode = inode;
        info.peer = QHostAddress(reinterpret_cast<const sockaddr *>(&address));
        info.peerPort = address.ss_family == AF_INET6
            ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port)
            : ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
        tcp_info tcp {};
        socklen_t tcpLength = sizeof tcp;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &tcp, &tcpLength) == 0
            && tcpLength
                >= offsetof(tcp_info, tcpi_bytes_received) + sizeof(tcp.tcpi_bytes_received)) {
            int unread = 0;
            if (::ioctl(fd, SIOCINQ, &unread) != 0)
                unread = 0;
            const quint64 received = tcp.tcpi_bytes_received;
            info.bytesRead = received > quint64(unread) ? received - quint64(unread) : 0;
        }
        sockets.push_back(info);
    });
    return sockets;
}

bool cut(int fd, quint64 inode)
{
    struct stat before
    {
    };
    if (::fstat(fd, &before) != 0 || !S_ISSOCK(before.st_mode) || before.st_ino != inode)
        return false; // closed, and perhaps reused, since it was listed
    return ::shutdown(fd, SHUT_RDWR) == 0;
}

#else

std::vector<SocketInfo> list()
{
    return {};
}

bool cut(int, quint64)
{
    return false;
}

#endif

Census::Census(quint64 heavyBytes)
    : m_heavyBytes(heavyBytes)
{ }

void Census::refresh(qint64 maxAgeMs)
{
    if (m_age.isValid() && m_age.elapsed() < maxAgeMs)
        return;
    m_age.start();
    m_sockets = list();
    m_inodes.clear();
    m_heavy.clear();
    for (const SocketInfo &socket : m_sockets) {
        m_inodes.insert(socket.inode);
        if (socket.bytesRead > m_heavyBytes)
            m_heavy[socket.peerPort].push_back(socket);
    }
    // A claim on a socket that is gone is dropped: its inode may come back.
    for (auto it = m_claims.begin(); it != m_claims.end();)
        it = m_inodes.contains(*it) ? std::next(it) : m_claims.erase(it);
}

const std::vector<SocketInfo> &Census::sockets(qint64 maxAgeMs)
{
    refresh(maxAgeMs);
    return m_sockets;
}

const QSet<quint64> &Census::inodes()
{
    refresh();
    return m_inodes;
}

std::vector<SocketInfo> Census::heavy(quint16 peerPort, qint64 maxAgeMs)
{
    refresh(maxAgeMs);
    return m_heavy.value(peerPort);
}

void Census::hold(const void *key, MayOwn mayOwn)
{
    release(key);
    m_holders.emplace_back(key, std::move(mayOwn));
}

void Census::release(const void *key)
{
    m_holders.erase(std::remove_if(m_holders.begin(), m_holders.end(),
                        [key](const auto &holder) { return holder.first == key; }),
        m_holders.end());
}

bool Census::held(const SocketInfo &socket) const
{
    return std::any_of(m_holders.begin(), m_holders.end(),
        [&socket](const auto &holder) { return holder.second(socket); });
}

std::vector<SocketInfo> Census::heavyNewSockets(
    const QHostAddress &peer, quint16 port, const QSet<quint64> &before, qint64 maxAgeMs)
{
    std::vector<SocketInfo> result;
    for (const SocketInfo &socket : heavy(port, maxAgeMs)) {
        if (before.contains(socket.inode) || m_claims.contains(socket.inode) || held(socket))
            continue;
        if (!peer.isNull() && !socket.peer.isEqual(peer, QHostAddress::TolerantConversion))
            continue;
        result.push_back(socket);
    }
    return result;
}

void Census::adoptOrphan(const QHostAddress &peer, quint16 port, const QSet<quint64> &before)
{
    const bool first = m_orphans.empty();
    m_orphans.push_back(Orphan { peer, port, before, QDeadlineTimer(kOrphanWatchMs) });
    if (first && m_onOrphan)
        m_onOrphan();
}

void Census::cutOrphans()
{
    if (m_orphans.empty())
        return;
    for (const SocketInfo &socket : sockets(0)) {
        for (const Orphan &orphan : m_orphans) {
            if (socket.peerPort != orphan.port || orphan.before.contains(socket.inode)
                || m_claims.contains(socket.inode) || held(socket)
                || (!orphan.peer.isNull()
                    && !socket.peer.isEqual(orphan.peer, QHostAddress::TolerantConversion)))
                continue;
            tcpsockets::cut(socket.fd, socket.inode);
            break;
        }
    }
    m_orphans.clear();
}

void Census::probeOrphans()
{
    for (auto it = m_orphans.begin(); it != m_orphans.end();) {
        bool cut = false;
        for (const SocketInfo &socket : heavyNewSockets(it->peer, it->port, it->before))
            cut = tcpsockets::cut(socket.fd, socket.inode) || cut;
        it = cut || it->deadline.hasExpired() ? m_orphans.erase(it) : std::next(it);
    }
}

} // namespace ssescope::tcpsockets
