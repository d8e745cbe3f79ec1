#include "ExportFile.h"

#include "core/capture/OutputTarget.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace ssescope::ui {

namespace {

// tr() in the context "ExportFile", where lupdate finds it too.
struct ExportText final
{
    Q_DECLARE_TR_FUNCTIONS(ExportFile)
};

} // namespace

bool writeExportFile(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = ExportText::tr(
            "%1 is not a regular file (a folder, a device or a FIFO), so it was not "
            "replaced; choose another name.")
                     .arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = ExportText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QString reason;
    if (file.write(bytes) != bytes.size() || !commitSaveFile(file, &reason)) {
        *error = ExportText::tr("Cannot write %1: %2")
                     .arg(path, reason.isEmpty() ? file.errorString() : reason);
        return false;
    }
    return true;
}

} // namespace ssescope::ui
