#include "CliFiles.h"

#include <QFile>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

bool writesInPlace(const QString &path)
{
    // /dev/stdout and the like may resolve to a regular file; never swap
    // another file in for them.
    if (path == u"-" || path.startsWith(u"/dev/"_s) || path.startsWith(u"/proc/"_s))
        return true;
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && !S_ISREG(st.st_mode);
}

} // namespace ssescope::cli
