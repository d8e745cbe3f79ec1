#include "ProcessLimits.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

namespace ssescope {

long raiseOpenFileLimit()
{
#if defined(Q_OS_UNIX)
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<long>(limit.rlim_cur);
#else
    return -1;
#endif
}

long processStatusField(const char *name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(name) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            bool ok = false;
            const long value = line.mid(prefix.size()).trimmed().split(' ').value(0).toLong(&ok);
            return ok ? value : -1;
        }
    }
    return -1;
}

} // namespace ssescope
