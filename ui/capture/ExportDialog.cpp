#include "ExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

ExportDialog::ExportDialog(qint64 everything, qint64 filtered, qint64 selected, QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_everything(new QRadioButton(tr("&Everything captured (%n event(s))", nullptr,
                                        int(std::min<qint64>(everything, INT_MAX))),
          this))
    , m_filtered(new QRadioButton(tr("The current &filter (%n event(s))", nullptr,
                                      int(std::min<qint64>(filtered, INT_MAX))),
          this))
    , m_selected(new QRadioButton(
          tr("The &selected rows (%n event(s))", nullptr, int(std::min<qint64>(selected, INT_MAX))),
          this))
    , m_path(new QLineEdit(this))
{
    setObjectName(u"exportDialog"_s);
    setWindowTitle(tr("Export events"));
    m_format->setObjectName(u"exportFormat"_s);
    m_format->setAccessibleName(tr("Export format"));
    m_format->addItem(tr("JSON Lines (.jsonl)"), int(CaptureFormat::JsonLines));
    m_format->addItem(tr("CSV (.csv)"), int(CaptureFormat::Csv));
    m_format->addItem(tr("Raw text/event-stream (.sse)"), int(CaptureFormat::RawSse));
    m_format->addItem(tr("HAR 1.2, for HAR viewers (.har)"), int(CaptureFormat::Har));
    m_everything->setObjectName(u"exportEverything"_s);
    m_filtered->setObjectName(u"exportFiltered"_s);
    m_selected->setObjectName(u"exportSelected"_s);
    m_everything->setAccessibleName(tr("Export everything"));
    m_filtered->setAccessibleName(tr("Export the current filter"));
    m_selected->setAccessibleName(tr("Export the selected rows"));
    m_filtered->setEnabled(filtered != everything);
    m_selected->setEnabled(selected > 0);
    (filtered != everything ? m_filtered : m_everything)->setChecked(true);
    m_path->setObjectName(u"exportPath"_s);
    m_path->setAccessibleName(tr("Export file"));
    // The folder of the last export (QSettings), else home: people export
    // to the same place again and again.
    const QString lastFolder = QSettings().value(QLatin1String(kLastFolderSetting)).toString();
    const QDir folder
        = !lastFolder.isEmpty() && QFileInfo(lastFolder).isDir() ? QDir(lastFolder) : QDir::home();
    m_path->setText(folder.filePath(u"capture.jsonl"_s));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose the export file"));

    auto *scope = new QGroupBox(tr("Events"), this);
    auto *scopeLayout = new QVBoxLayout(scope);
    scopeLayout->addWidget(m_everything);
    scopeLayout->addWidget(m_filtered);
    scopeLayout->addWidget(m_selected);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *form = new QFormLayout;
    auto *formatLabel = new QLabel(tr("F&ormat"), this);
    formatLabel->setBuddy(m_format);
    auto *fileLabel = new QLabel(tr("&File"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(formatLabel, m_format);
    form->addRow(scope);
    form->addRow(fileLabel, pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("E&xport"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(this, &QDialog::accepted, this, [this] {
        QSettings().setValue(QLatin1String(kLastFolderSetting), QFileInfo(path()).absolutePath());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::syncExtension);
    connect(m_path, &QLineEdit::textChanged, this, [buttons, this] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_path->text().trimmed().isEmpty());
    });
}

CaptureFormat ExportDialog::format() const
{
    return CaptureFormat(m_format->currentData().toInt());
}

ExportDialog::Scope ExportDialog::scope() const
{
    if (m_selected->isChecked())
        return Scope::Selection;
    if (m_filtered->isChecked())
        return Scope::CurrentFilter;
    return Scope::Everything;
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
    if (const auto format = captureFormatFromPath(path))
        m_format->setCurrentIndex(m_format->findData(int(*format)));
}

void ExportDialog::syncExtension()
{
    const QFileInfo info(path());
    const QString extension = captureFormatName(format());
    if (info.suffix() != extension)
        m_path->setText(info.dir().filePath(info.completeBaseName() + u'.' + extension));
}

void ExportDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export events"), path(), tr("Captures (*.jsonl *.csv *.sse);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace ssescope::ui
