#include "SequentialSource.h"

#include <cstring>

namespace ssescope {

namespace {
constexpr qint64 kBlock = 256 * 1024;
}

SequentialSource::SequentialSource(QIODevice *source, QObject *parent)
    : QIODevice(parent)
    , m_source(source)
{
    open(QIODevice::ReadOnly);
}

bool SequentialSource::fill() const
{
    while (m_pendingAt >= m_pending.size() && !m_ended) {
        m_pending = m_source->read(kBlock);
        m_pendingAt = 0;
        if (!m_pending.isEmpty())
            break;
        // A pipe's blocking read returns nothing only at its end; a socket
        // or a process may just be waiting, and says so by becoming readable.
        if (m_source->bytesAvailable() == 0 && !m_source->waitForReadyRead(-1))
            m_ended = true;
    }
    return m_pendingAt < m_pending.size();
}

bool SequentialSource::atEnd() const
{
    if (QIODevice::bytesAvailable() > 0)
        return false;
    return !fill();
}

qint64 SequentialSource::bytesAvailable() const
{
    return QIODevice::bytesAvailable() + (m_pending.size() - m_pendingAt);
}

qint64 SequentialSource::readData(char *data, qint64 maxSize)
{
    if (!fill())
        return m_source->errorString().isEmpty() || m_ended ? 0 : -1;
    const qint64 n = std::min<qint64>(maxSize, m_pending.size() - m_pendingAt);
    std::memcpy(data, m_pending.constData() + m_pendingAt, size_t(n));
    m_pendingAt += n;
    return n;
}

qint64 SequentialSource::writeData(const char *, qint64)
{
    return -1;
}

} // namespace ssescope
