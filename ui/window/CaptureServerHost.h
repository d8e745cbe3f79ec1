#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace ssescope::ui {

// A stream of a capture being served again, as a live stream at url.
struct ServedStream
{
    QString name;
    QUrl url;
    // Its ids tell every event apart, so a client cut in the middle resumes
    // where it was; else a reconnection may get events it already has.
    bool resumable = true;
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

    // ok: the capture is served, these are its streams; else error says why.
    using ServeDone
        = std::function<void(bool ok, const QList<ServedStream> &streams, const QString &error)>;
    // Starts serving the capture at path on loopback; the file is read on a
    // worker, and done runs on the owner thread when it is served or cannot
    // be (not once the host is destroyed).
    virtual void serve(const QString &path, ServeDone done) = 0;
    // Stops every capture served so far.
    virtual void stopAll() = 0;
    virtual int servedCaptures() const = 0;
};

} // namespace ssescope::ui
