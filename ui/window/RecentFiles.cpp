#include "RecentFiles.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ssescope::ui {

namespace {
constexpr int kMaxRecent = 10;
const char *const kKey = "recentFiles";
} // namespace

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    m_files = QSettings().value(QLatin1String(kKey)).toStringList();
    rebuildMenu();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > kMaxRecent)
        m_files.removeLast();
    QSettings().setValue(QLatin1String(kKey), m_files);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    int number = 1;
    for (const QString &path : std::as_const(m_files)) {
        QAction *action = m_menu->addAction(
            QStringLiteral("&%1 %2").arg(number++ % 10).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (m_files.isEmpty()) {
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Clear list")), &QAction::triggered, this, [this] {
        m_files.clear();
        QSettings().remove(QLatin1String(kKey));
        rebuildMenu();
    });
}

} // namespace ssescope::ui
