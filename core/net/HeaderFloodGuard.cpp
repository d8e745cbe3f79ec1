#include "HeaderFloodGuard.h"

#include "net/NetLogging.h"
#include "net/TcpSockets.h"

using namespace Qt::StringLiterals;

namespace ssescope {

HeaderFloodGuard::HeaderFloodGuard(QSet<quint64> *claims, QObject *parent)
    : QObject(parent)
    , m_claims(claims)
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
    const std::vector<quint64> now = tcpsockets::inodes();
    m_before = QSet<quint64>(now.begin(), now.end());
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
        m_claims->insert(m_claimed);
    }
}

int HeaderFloodGuard::cutPending()
{
    if (!m_watching)
        return 0;
    int cut = 0;
    for (const Candidate &candidate : candidates()) {
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
        for (const Candidate &candidate : candidates()) {
            if (candidate.bytesRead > kMaxHeaderBytes)
                tcpsockets::cut(candidate.fd, candidate.inode);
        }
    }
    m_watching = false;
    m_confirming = false;
    m_probe.stop();
    if (m_claimed != 0) {
        m_claims->remove(m_claimed);
        m_claimed = 0;
    }
}

bool HeaderFloodGuard::matchesPeer(const QHostAddress &address, quint16 port) const
{
    if (port != m_port)
        return false;
    return m_peer.isNull() || address.isEqual(m_peer, QHostAddress::TolerantConversion);
}

std::vector<HeaderFloodGuard::Candidate> HeaderFloodGuard::candidates() const
{
    std::vector<Candidate> result;
    for (const tcpsockets::SocketInfo &socket : tcpsockets::list()) {
        if (m_before.contains(socket.inode) || m_claims->contains(socket.inode)
            || !matchesPeer(socket.peer, socket.peerPort))
            continue;
        result.push_back(Candidate { socket.fd, socket.inode, socket.bytesRead });
    }
    return result;
}

void HeaderFloodGuard::probe()
{
    if (!m_watching || m_confirming)
        return;
    for (const Candidate &candidate : candidates()) {
        if (candidate.bytesRead <= kMaxHeaderBytes)
            continue;
        // A healthy server's headers may have been parsed and their signal be
        // queued to this thread behind this timer: let that signal run first.
        m_confirming = true;
        QMetaObject::invokeMethod(this, &HeaderFloodGuard::confirmOverrun, Qt::QueuedConnection);
        return;
    }
}

void HeaderFloodGuard::confirmOverrun()
{
    if (!m_confirming)
        return;
    m_confirming = false;
    if (!m_watching)
        return; // the headers came after all
    int cut = 0;
    for (const Candidate &candidate : candidates()) {
        if (candidate.bytesRead > kMaxHeaderBytes && tcpsockets::cut(candidate.fd, candidate.inode))
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
