#pragma once

#include "net/SubscriptionConfig.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ssescope::ui {

// What "Save workspace" keeps: the subscriptions with their settings and the
// window's layout, in a JSON file people can read, diff and share.
struct Workspace
{
    QList<SubscriptionConfig> streams;
    QByteArray windowGeometry; // QWidget::saveGeometry
    QByteArray windowState; // QMainWindow::saveState (docks, toolbars)
    QByteArray eventsSplitter;
    int chartWindowMinutes = 5;

    QByteArray toJson() const;
    static std::optional<Workspace> fromJson(const QByteArray &json, QString *error);
    bool save(const QString &path, QString *error) const;
    static std::optional<Workspace> load(const QString &path, QString *error);
};

} // namespace ssescope::ui
