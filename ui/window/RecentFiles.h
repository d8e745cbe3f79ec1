#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ssescope::ui {

// The "Open Recent" list, kept in QSettings: captures and workspaces alike.
class RecentFiles final : public QObject
{
    Q_OBJECT
public:
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RecentFiles)

    void add(const QString &path);
    QStringList files() const { return m_files; }

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuildMenu();

    QMenu *m_menu;
    QStringList m_files;
};

} // namespace ssescope::ui
