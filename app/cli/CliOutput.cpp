#include "CliOutput.h"

#include "core/capture/OutputTarget.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

CliOutput::CliOutput(QObject *parent)
    : QIODevice(parent)
{ }

CliOutput::~CliOutput()
{
    finish();
}

bool CliOutput::openPath(const QString &path)
{
    if (path.isEmpty() || path == u"-") {
        m_fd = STDOUT_FILENO;
        m_ownsFd = false;
    } else {
        m_fd = ::open(
            QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        restrictToOwner(m_fd); // an existing file keeps its mode through open()
        m_ownsFd = true;
    }
    return open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

bool CliOutput::finish()
{
    if (isOpen())
        close();
    if (!m_ownsFd || m_fd < 0)
        return true;
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
        setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

qint64 CliOutput::readData(char *, qint64)
{
    return -1;
}

qint64 CliOutput::writeData(const char *data, qint64 size)
{
    for (;;) {
        // Checked before every write: an abandoned output never blocks again.
        if (m_abandoned.load()) {
            setErrorString(QCoreApplication::translate(
                "CliOutput", "the output accepted nothing in time (is its reader stopped?)"));
            return -1;
        }
        const ssize_t n = ::write(m_fd, data, size_t(size));
        if (n >= 0) {
            m_bytesWritten += n;
            return n;
        }
        if (errno == EINTR)
            continue;
        setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
}

void printError(const QString &message)
{
    const QByteArray text = "ssescope-cli: " + message.toUtf8() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
}

} // namespace ssescope::cli
