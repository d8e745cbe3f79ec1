#pragma once

#include <QHostAddress>
#include <QtGlobal>

#include <vector>

namespace ssescope::tcpsockets {

// This process's connected TCP sockets, seen from outside Qt (issue 13, item 2).
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
// Only inodes, cheaper: the sockets an attempt must not take for its own.
std::vector<quint64> inodes();
// shutdown(SHUT_RDWR) of fd if it is still the socket with that inode.
bool cut(int fd, quint64 inode);

} // namespace ssescope::tcpsockets
