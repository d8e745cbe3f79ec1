#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace ssescope::ui {

// A stream of a capture being served again, as a live stream at url.
struct ServedStream
{
    QString name;
    QUrl url;
};

// What serves a saved capture's streams as live ones for "Serve this
// capture": the program's replay servers (app/dashboard), for the window
// knows no server, as it knows no demo server. Owner thread only.
class CaptureServerHost
{
public:
    CaptureServerHost() = default;
    virtual ~CaptureServerHost() = default;
    Q_DISABLE_COPY_MOVE(CaptureServerHost)

    // Starts serving the capture at path on loopback: its streams, or false
    // with the reason as a sentence in *error.
    virtual bool serve(const QString &path, QList<ServedStream> *streams, QString *error) = 0;
    // Stops every capture served so far.
    virtual void stopAll() = 0;
    virtual int servedCaptures() const = 0;
};

} // namespace ssescope::ui
