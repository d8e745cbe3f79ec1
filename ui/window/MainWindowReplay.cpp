// MainWindow's "Serve this capture": a saved capture served again by the
// program's replay server (CaptureServerHost), its streams subscribed to as
// live ones, so a recorded incident can be replayed against the verdicts.
#include "ui/window/MainWindow.h"

#include "ui/session/DashboardSession.h"
#include "ui/window/CaptureServerHost.h"

#include <QAction>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

void MainWindow::setCaptureServerHost(CaptureServerHost *host)
{
    m_captureServer = host;
    m_serveCapture->setEnabled(host != nullptr);
    m_stopServing->setEnabled(host != nullptr && host->servedCaptures() > 0);
}

bool MainWindow::serveCapture(const QString &path)
{
    if (!m_captureServer)
        return false;
    QString file = path.isEmpty() ? m_session->capturePath() : path;
    if (file.isEmpty() && m_interactive)
        file = QFileDialog::getOpenFileName(this, tr("Serve a capture"), QDir::homePath(),
            tr("Captures (*.jsonl *.csv *.sse);;All files (*)"));
    if (file.isEmpty()) {
        showMessage(tr("Open a capture first, or choose one, to serve it."), true);
        return false;
    }
    showMessage(tr("Reading %1 to serve it…").arg(QFileInfo(file).fileName()));
    const QPointer<MainWindow> window(this);
    m_captureServer->serve(
        file, [window, file](bool ok, const QList<ServedStream> &streams, const QString &error) {
            if (window)
                window->handleCaptureServed(file, ok, streams, error);
        });
    return true;
}

void MainWindow::handleCaptureServed(
    const QString &file, bool ok, const QList<ServedStream> &streams, const QString &error)
{
    if (!ok) {
        showMessage(error, true);
        showFileError(tr("Serve this capture"), error);
        Q_EMIT captureServed(false);
        return;
    }
    for (const ServedStream &stream : streams) {
        SubscriptionConfig config;
        config.name = tr("%1 (replay)").arg(stream.name);
        config.url = stream.url;
        config.latency.source = LatencySource::Auto; // as the demo's streams
        // Played once: a stream whose ids cannot say where a cut client was
        // would start again from its first event on a reconnection.
        config.reconnect.reconnect = stream.resumable;
        m_replayStreams.append(m_session->addStream(config));
    }
    m_stopServing->setEnabled(true);
    showMessage(
        tr("Serving %1 on %2: %n stream(s) replayed with their original gaps.", nullptr,
            int(streams.size()))
            .arg(QFileInfo(file).fileName(),
                streams.isEmpty() ? QString()
                                  : streams.first().url.adjusted(QUrl::RemovePath).toString()));
    Q_EMIT captureServed(true);
}

void MainWindow::stopServingCaptures()
{
    if (!m_captureServer)
        return;
    // Paused, not removed: what they received stays, and they stop retrying
    // a server that is gone.
    for (StreamId stream : std::as_const(m_replayStreams)) {
        if (m_session->streams().contains(stream))
            m_session->pause(stream);
    }
    m_replayStreams.clear();
    m_captureServer->stopAll();
    m_stopServing->setEnabled(false);
    showMessage(tr("Stopped serving captures."));
}

} // namespace ssescope::ui
