#include "HeaderFloodGuard.h"

#include "core/net/NetLogging.h"
#include "core/net/TcpSockets.h"

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
    const bool https = url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    m_port = static_cast<quint16>(url.port(https ? 443 : 80));
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
    // not known; then nothing is claimed, and only an overrun decides.
    const std::vector<Candidate> mine = candidates();
    if (mine.size() == 1 && m_claimed == 0) {
        m_claimed = mine.front().inode;
        m_census->claims().insert(m_claimed);
    }
}

int HeaderFloodGuard::cutPending()
{
    if (!m_watching)
        return 0;
    int cut = 0;
    for (const Candidate &candidate : candidates(tcpsockets::Census::kFreshAgeMs)) {
        if (tcpsockets::cut(candidate.fd, candidate.inode))
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
