#pragma once

#include <QByteArray>
#include <QString>

namespace ssescope::ui {

// Writes an export (the comparison's image or figures) all at once through
// QSaveFile, so that a failed write leaves any earlier file whole. Refuses
// to replace what is not a regular file: a device or a FIFO behind the
// name would swallow the bytes or block. False, with a sentence in *error.
bool writeExportFile(const QString &path, const QByteArray &bytes, QString *error);

} // namespace ssescope::ui
