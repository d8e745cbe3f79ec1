#pragma once

#include "core/net/SubscriptionConfig.h"
#include "core/store/JsonColumn.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ssescope {

// The setting (QSettings, File > Keep passwords in saved workspaces) that
// opts in to saving secrets.
inline constexpr char kKeepSecretsSetting[] = "workspaces/keepSecrets";

// What "Save workspace" keeps: the subscriptions with their settings and the
// window's layout, in a JSON file people can read, diff and share. So that
// it can be shared, secrets (a URL's or proxy's user info; Authorization, Cookie,
// Proxy-Authorization and headers marked secret) are left out unless
// keepSecrets; such a stream connects without them when opened. The file is
// owner-only (0600) either way.
struct Workspace
{
    // More streams than this are refused with a sentence, not a frozen window:
    // each stream costs the GUI thread a row, a chart series and a
    // subscription, and 100,000 of them kept the window from ever painting.
    static constexpr int kMaxStreams = 1000;

    QList<SubscriptionConfig> streams;
    QByteArray windowGeometry; // QWidget::saveGeometry
    QByteArray windowState; // QMainWindow::saveState (docks, toolbars)
    QByteArray eventsSplitter;
    int chartWindowMinutes = 5;
    QList<JsonColumn> eventColumns; // the event table's custom columns
    bool keepSecrets = false; // written with secrets only when true
    int streamsWithoutSecrets = 0; // as loaded: streams saved with their secrets left out

    // The config as written when secrets are left out.
    static SubscriptionConfig withoutSecrets(const SubscriptionConfig &config);
    static bool hasSecrets(const SubscriptionConfig &config);

    QByteArray toJson() const;
    static std::optional<Workspace> fromJson(const QByteArray &json, QString *error);
    bool save(const QString &path, QString *error) const;
    static std::optional<Workspace> load(const QString &path, QString *error);
};

} // namespace ssescope
