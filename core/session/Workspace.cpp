#include "Workspace.h"

#include "core/capture/OutputTarget.h"
#include "core/net/ProxyChoice.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {
constexpr int kFormatVersion = 1;
constexpr qint64 kMaxWorkspaceBytes = 16 * 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Workspace", text);
}
} // namespace

SubscriptionConfig Workspace::withoutSecrets(const SubscriptionConfig &config)
{
    SubscriptionConfig plain = config;
    plain.url.setUserInfo(QString());
    plain.proxy = ProxyChoice::withoutCredentials(config.proxy);
    plain.headers.removeIf(
        [&config](const HttpHeader &header) { return config.isSecretHeader(header.first); });
    return plain;
}

bool Workspace::hasSecrets(const SubscriptionConfig &config)
{
    return !config.url.userInfo().isEmpty()
        || ProxyChoice::withoutCredentials(config.proxy) != config.proxy
        || std::any_of(config.headers.cbegin(), config.headers.cend(),
            [&config](const HttpHeader &header) { return config.isSecretHeader(header.first); });
}

QByteArray Workspace::toJson() const
{
    QJsonArray list;
    int leftOut = 0;
    for (const SubscriptionConfig &config : streams) {
        if (!keepSecrets && hasSecrets(config)) {
            list.append(withoutSecrets(config).toJson());
            ++leftOut;
        } else {
            list.append(config.toJson());
        }
    }
    QJsonObject root {
        { u"ssescopeWorkspace"_s, kFormatVersion },
        { u"streams"_s, list },
        { u"layout"_s,
            QJsonObject {
                { u"geometry"_s, QString::fromLatin1(windowGeometry.toBase64()) },
                { u"state"_s, QString::fromLatin1(windowState.toBase64()) },
                { u"eventsSplitter"_s, QString::fromLatin1(eventsSplitter.toBase64()) },
                { u"chartWindowMinutes"_s, chartWindowMinutes },
            } },
    };
    if (!eventColumns.isEmpty()) {
        QJsonArray columns;
        for (const JsonColumn &column : eventColumns)
            columns.append(
                QJsonObject { { u"name"_s, column.name }, { u"pointer"_s, column.pointer } });
        root.insert(u"eventColumns"_s, columns);
    }
    // Said in the file, so that opening it can say why a server refuses.
    if (leftOut > 0)
        root.insert(u"streamsWithoutSecrets"_s, leftOut);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Workspace> Workspace::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = tr("Not a workspace file: %1 at byte %2.")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const int version = root.value(u"ssescopeWorkspace"_s).toInt(0);
    if (version < 1) {
        *error = tr("Not an SSE Scope workspace (no \"ssescopeWorkspace\" version).");
        return std::nullopt;
    }
    if (version > kFormatVersion) {
        *error = tr("This workspace was saved by a newer SSE Scope (format %1).").arg(version);
        return std::nullopt;
    }
    Workspace workspace;
    const QJsonArray list = root.value(u"streams"_s).toArray();
    if (list.size() > kMaxStreams) {
        *error = tr("This workspace holds %1 streams; SSE Scope opens at most %2 at once. "
                    "Split it into smaller workspaces.")
                     .arg(QLocale().toString(list.size()), QLocale().toString(kMaxStreams));
        return std::nullopt;
    }
    workspace.streamsWithoutSecrets = std::max(0, root.value(u"streamsWithoutSecrets"_s).toInt(0));
    for (qsizetype i = 0; i < list.size(); ++i) {
        QString reason;
        const auto config = SubscriptionConfig::fromJson(list.at(i).toObject(), &reason);
        if (!config) {
            *error = tr("Stream %1 of the workspace is not valid: %2").arg(i + 1).arg(reason);
            return std::nullopt;
        }
        workspace.streams.append(*config);
    }
    const QJsonObject layout = root.value(u"layout"_s).toObject();
    workspace.windowGeometry
        = QByteArray::fromBase64(layout.value(u"geometry"_s).toString().toLatin1());
    workspace.windowState = QByteArray::fromBase64(layout.value(u"state"_s).toString().toLatin1());
    workspace.eventsSplitter
        = QByteArray::fromBase64(layout.value(u"eventsSplitter"_s).toString().toLatin1());
    workspace.chartWindowMinutes
        = std::clamp(layout.value(u"chartWindowMinutes"_s).toInt(5), 1, 15);
    const QJsonArray columns = root.value(u"eventColumns"_s).toArray();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QJsonObject object = columns.at(i).toObject();
        const JsonColumn column { object.value(u"name"_s).toString(),
            object.value(u"pointer"_s).toString() };
        const QString why = column.validate();
        if (!why.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("Workspace", "Event column %1: %2")
                             .arg(i + 1)
                             .arg(why);
            return std::nullopt;
        }
        workspace.eventColumns.append(column);
    }
    return workspace;
}

bool Workspace::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // Owner-only even without secrets (commitSaveFile): URLs and bodies can
    // still be private.
    const QByteArray json = toJson();
    QString reason;
    if (file.write(json) != json.size() || !commitSaveFile(file, &reason)) {
        *error
            = tr("Cannot write %1: %2").arg(path, reason.isEmpty() ? file.errorString() : reason);
        return false;
    }
    return true;
}

std::optional<Workspace> Workspace::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray json = file.read(kMaxWorkspaceBytes + 1);
    if (json.size() > kMaxWorkspaceBytes) {
        *error = tr("%1 is too large to be a workspace.").arg(path);
        return std::nullopt;
    }
    QString reason;
    auto workspace = fromJson(json, &reason);
    if (!workspace)
        *error = u"%1: %2"_s.arg(path, reason);
    return workspace;
}

} // namespace ssescope
