#include "ExportFile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace ssescope::ui {

bool writeExportFile(const QString &path, const QByteArray &bytes, QString *error)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("ExportFile", text); };
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = tr("%1 is not a regular file (a folder, a device or a FIFO), so it was not "
                    "replaced; choose another name.")
                     .arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ssescope::ui
