#include "OutputTarget.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("OutputTarget", text);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}
} // namespace

OutputKind outputKind(const QString &path)
{
    // /dev/stdout and the like may resolve to a regular file; never swap
    // another file in for them.
    if (path == u"-" || path.startsWith(u"/dev/"_s) || path.startsWith(u"/proc/"_s))
        return OutputKind::WriteThrough;
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || S_ISREG(st.st_mode))
        return OutputKind::Replace; // a new file (or one whose folder is missing: open says so)
    if (S_ISDIR(st.st_mode))
        return OutputKind::Refused;
    return OutputKind::WriteThrough;
}

QString outputRefusal(const QString &path)
{
    if (outputKind(path) != OutputKind::Refused)
        return {};
    return tr("%1 is a folder: choose a file name in it.").arg(path);
}

OutputFile::OutputFile(const QString &path)
    : m_path(path)
    , m_kind(outputKind(path))
    , m_whole(path)
{ }

OutputFile::~OutputFile()
{
    cancel();
}

bool OutputFile::open()
{
    switch (m_kind) {
    case OutputKind::Refused:
        m_error = outputRefusal(m_path);
        return false;
    case OutputKind::Replace:
        if (!m_whole.open(QIODevice::WriteOnly)) {
            m_error = m_whole.errorString();
            return false;
        }
        return true;
    case OutputKind::WriteThrough:
        break;
    }
    return openWriteThrough(m_through, m_path, &m_error);
}

bool openWriteThrough(QFile &file, const QString &path, QString *error)
{
    // Non-blocking first: a FIFO with no reader fails (ENXIO) instead of
    // blocking the caller for ever; then blocking writes as usual.
    const int fd = ::open(QFile::encodeName(path).constData(),
        O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0666);
    if (fd < 0) {
        *error = errno == ENXIO ? tr("no program is reading from this pipe") : systemError(errno);
        return false;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // Unbuffered: capture writers buffer already, and QFile's own buffer held
    // a failed write (a full device) back until close, where nothing says why.
    if (!file.open(
            fd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        *error = file.errorString();
        ::close(fd);
        return false;
    }
    return true;
}

void restrictToOwner(int fd)
{
    struct stat info = {};
    if (fd >= 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode))
        ::fchmod(fd, S_IRUSR | S_IWUSR);
}

bool commitSaveFile(QSaveFile &file, QString *error)
{
    const auto fail = [&](const QString &reason) {
        if (error)
            *error = reason;
        file.cancelWriting();
        return false;
    };
    if (!file.isOpen())
        return fail(file.errorString());
    // QSaveFile::commit() flushes on close but only notices errors of its own
    // writeData(): a failed flush of the buffer is lost and an empty file
    // takes the place of the old one. Flush first, and check.
    if (file.error() != QFileDevice::NoError || !file.flush()
        || file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    // commit() ignores fsync's answer too; some file systems only say ENOSPC
    // or EIO there. EINVAL: a file system that cannot sync, which is fine.
    const int fd = file.handle();
    restrictToOwner(fd);
    if (fd >= 0 && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        return fail(systemError(errno));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QIODevice *OutputFile::device()
{
    return m_kind == OutputKind::WriteThrough ? static_cast<QIODevice *>(&m_through) : &m_whole;
}

bool OutputFile::commit()
{
    if (m_kind == OutputKind::Replace) {
        return commitSaveFile(m_whole, &m_error);
    }
    // QFile buffers: the device's answer to the last bytes comes with flush.
    const bool ok
        = m_through.isOpen() && m_through.flush() && m_through.error() == QFileDevice::NoError;
    if (!ok)
        m_error = m_through.errorString();
    m_through.close();
    return ok;
}

void OutputFile::cancel()
{
    if (m_whole.isOpen())
        m_whole.cancelWriting();
    if (m_through.isOpen())
        m_through.close();
}

} // namespace ssescope
