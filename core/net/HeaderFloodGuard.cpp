#include "HeaderFloodGuard.h"

#include "core/net/NetLogging.h"
#include "core/net/TcpSockets.h"
#include "core/net/SubscriptionConfig.h"

using namespace Qt::StringLiterals;

namespace ssescope {

HeaderFloodGuard::HeaderFloodGuard(tcpsockets::Census *census, QObject *parent)
    : QObject(parent)
    , m_census(census)
{
    m_probe.setInterval(kProbeIntervalMs);
    connect(&m_probe, &QTimer::timeout, this, &HeaderFloodGuard::probe);
}

HeaderFloodGuard::~HeaderFloodGuard()
{
    reset();
}

void HeaderFloodGuard::beginAttempt()
{
    reset();
    m_before = m_census->inodes(); // shared data: a reference count
}

void HeaderFloodGuard::watch(const QUrl &url)
{
    m_port = static_cast<quint16>(effectivePort(url));
    m_peer = QHostAddress(url.host()); // null for a name
    m_watching = true;
    m_probe.start();
}

void HeaderFloodGuard::headersComplete()
{
    if (!m_watching)
        return;
    m_watching = false;
    m_probe.stop();
    // With two attempts to one peer under way at once, which socket is whose is
    // not known; then all of them are held in common, each while it may still
    // be this stream's (mayOwn).
    // A listing older than the socket would miss it, or name another stream's
    // socket as the only one: at most kFreshAgeMs old, and none older than
    // the socket when it shows nothing (a listing per stream is quadratic).
    std::vector<Candidate> mine = candidates(tcpsockets::Census::kFreshAgeMs);
    if (mine.empty())
        mine = candidates(0);
    if (mine.size() == 1 && m_claimed == 0) {
        m_claimed = mine.front().inode;
        m_census->claims().insert(m_claimed);
    } else if (mine.size() > 1) {
        m_bodyBytes = 0;
        for (const Candidate &candidate : mine)
            m_shared.insert(candidate.inode);
        m_census->hold(
            this, [this](const tcpsockets::SocketInfo &socket) { return mayOwn(socket); });
    }
}

// A socket cannot have read much more than this stream's headers, its body
// with chunk framing, what its reply holds unread and what is on its way from
// Qt's thread to the reply. A trickle or flood of headers soon reads more, and
// is then no longer taken for this stream: its own guard may cut it.
bool HeaderFloodGuard::mayOwn(const tcpsockets::SocketInfo &socket) const
{
    if (!m_shared.contains(socket.inode))
        return false;
    constexpr quint64 kInTransitBytes = 32 * 1024;
    const quint64 unread = m_unread ? m_unread() : 0;
    const quint64 bound = m_headerBytes + m_bodyBytes + m_bodyBytes / 4 + unread + kInTransitBytes;
    return socket.bytesRead <= bound;
}

int HeaderFloodGuard::cutPending()
{
    if (!m_watching)
        return 0;
    int cut = 0;
    for (const tcpsockets::SocketInfo &socket :
        m_census->sockets(tcpsockets::Census::kFreshAgeMs)) {
        // Held: perhaps a healthy stream's that connected at the same moment.
        if (isCandidate(socket) && !m_census->held(socket)
            && tcpsockets::cut(socket.fd, socket.inode))
            ++cut;
    }
    m_watching = false;
    m_probe.stop();
    return cut;
}

void HeaderFloodGuard::reset()
{
    if (m_watching) {
        const std::vector<Candidate> flooding = heavyCandidates(tcpsockets::Census::kFreshAgeMs);
        for (const Candidate &candidate : flooding)
            tcpsockets::cut(candidate.fd, candidate.inode);
        if (flooding.empty()) // it may yet start to
            m_census->adoptOrphan(m_peer, m_port, m_before);
    }
    m_watching = false;
    m_confirming = false;
    m_probe.stop();
    if (m_claimed != 0) {
        m_census->claims().remove(m_claimed);
        m_claimed = 0;
    }
    if (!m_shared.isEmpty()) {
        m_census->release(this);
        m_shared.clear();
    }
    m_bodyBytes = 0;
    m_headerBytes = 0;
}

bool HeaderFloodGuard::matchesPeer(const QHostAddress &address, quint16 port) const
{
    if (port != m_port)
        return false;
    return m_peer.isNull() || address.isEqual(m_peer, QHostAddress::TolerantConversion);
}

bool HeaderFloodGuard::isCandidate(const tcpsockets::SocketInfo &socket) const
{
    return !m_before.contains(socket.inode) && !m_census->claims().contains(socket.inode)
        && matchesPeer(socket.peer, socket.peerPort);
}

std::vector<HeaderFloodGuard::Candidate> HeaderFloodGuard::candidates(qint64 maxAgeMs) const
{
    std::vector<Candidate> result;
    for (const tcpsockets::SocketInfo &socket : m_census->sockets(maxAgeMs)) {
        if (isCandidate(socket))
            result.push_back(Candidate { socket.fd, socket.inode, socket.bytesRead });
    }
    return result;
}

// Only the sockets past the limit: an index lookup, so that a thousand streams
// probing cost next to nothing while no socket floods.
std::vector<HeaderFloodGuard::Candidate> HeaderFloodGuard::heavyCandidates(qint64 maxAgeMs) const
{
    std::vector<Candidate> result;
    for (const tcpsockets::SocketInfo &socket :
        m_census->heavyNewSockets(m_peer, m_port, m_before, maxAgeMs))
        result.push_back(Candidate { socket.fd, socket.inode, socket.bytesRead });
    return result;
}

void HeaderFloodGuard::probe()
{
    if (!m_watching || m_confirming)
        return;
    if (heavyCandidates().empty())
        return;
    // A healthy server's headers may have been parsed and their signal be
    // queued to this thread behind this timer: let that signal run first.
    m_confirming = true;
    QMetaObject::invokeMethod(this, &HeaderFloodGuard::confirmOverrun, Qt::QueuedConnection);
}

void HeaderFloodGuard::confirmOverrun()
{
    if (!m_confirming)
        return;
    m_confirming = false;
    if (!m_watching)
        return; // the headers came after all
    int cut = 0;
    for (const Candidate &candidate : heavyCandidates(tcpsockets::Census::kFreshAgeMs)) {
        if (tcpsockets::cut(candidate.fd, candidate.inode))
            ++cut;
    }
    if (cut == 0)
        return;
    qCDebug(lcNet, "headers past %llu bytes: cut %d socket(s)",
        static_cast<unsigned long long>(kMaxHeaderBytes), cut);
    m_watching = false;
    m_probe.stop();
    if (m_onOverrun)
        m_onOverrun();
}

} // namespace ssescope
