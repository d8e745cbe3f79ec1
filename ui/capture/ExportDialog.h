#pragma once

#include "core/capture/CaptureFormat.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace ssescope::ui {

// Export: the format first, then which events (the current filter, the
// selection, or everything), then where: in the folder of the last export.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    // QSettings key of the folder an accepted export went to.
    static constexpr char kLastFolderSetting[] = "export/lastFolder";

    enum class Scope { Everything, CurrentFilter, Selection };

    ExportDialog(qint64 everything, qint64 filtered, qint64 selected, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ExportDialog)

    CaptureFormat format() const;
    Scope scope() const;
    QString path() const;
    void setPath(const QString &path);

private:
    void browse();
    void syncExtension();

    QComboBox *m_format;
    QRadioButton *m_everything;
    QRadioButton *m_filtered;
    QRadioButton *m_selected;
    QLineEdit *m_path;
};

} // namespace ssescope::ui
