// MainWindow's file, workspace, export and stream actions: what the menus
// do, kept apart from the window's construction.
#include "ui/window/MainWindow.h"

#include "core/capture/ExportJob.h"
#include "ui/capture/ExportDialog.h"
#include "ui/compare/ComparisonView.h"
#include "ui/compare/StreamPickerDialog.h"
#include "ui/charts/LiveChartsPanel.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "core/capture/CaptureRecorder.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamsPanel.h"
#include "core/session/Workspace.h"
#include "core/session/WorkspaceLoader.h"
#include "ui/subscribe/SubscribeDialog.h"
#include "ui/window/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {
// Functions, not constants: tr() must run after the translator is installed.
QString captureFilter()
{
    return MainWindow::tr("Captures (*.jsonl *.csv *.sse);;JSON Lines (*.jsonl);;CSV (*.csv);;"
                          "Raw SSE (*.sse);;All files (*)");
}

QString workspaceFilter()
{
    return MainWindow::tr("SSE Scope workspaces (*.ssescope.json *.json);;All files (*)");
}
} // namespace

void MainWindow::addStream()
{
    runSubscribeDialog(0, false);
}

void MainWindow::editStream(StreamId stream)
{
    runSubscribeDialog(stream, false);
}

void MainWindow::duplicateStream(StreamId stream)
{
    runSubscribeDialog(stream, true);
}

void MainWindow::runSubscribeDialog(StreamId editing, bool duplicate)
{
    SubscribeDialog dialog(this);
    if (editing) {
        SubscriptionConfig config = m_session->config(editing);
        if (duplicate)
            config.name += tr(" (copy)");
        dialog.setConfig(config);
        dialog.setWindowTitle(duplicate ? tr("Duplicate stream") : tr("Edit stream"));
        dialog.setEditing(!duplicate);
        // The latency preview tests against this stream's newest event.
        const EventStore &store = m_session->store();
        for (qint64 row = store.size() - 1, seen = 0; row >= 0 && seen < 200000; --row, ++seen) {
            const StoredEventView event = store.at(row);
            if (event.stream == editing) {
                dialog.setPreviewEvent(
                    event.id.toByteArray(), event.data.toByteArray(), event.arrivalWallNs);
                break;
            }
        }
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SubscriptionConfig config = dialog.config();
    if (editing && !duplicate)
        m_session->replaceStream(editing, config);
    else
        m_session->addStream(config);
    showMessage(tr("Subscribed to %1.").arg(displayUrl(config.url)));
}

bool MainWindow::openCapture(const QString &path)
{
    if (m_interactive && m_session->hasUnsavedEvents()
        && QMessageBox::question(this, tr("Open capture"),
               tr("Opening a capture replaces the %L1 captured events that have not been saved. "
                  "Discard them?")
                   .arg(m_session->unsavedEvents()),
               QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Discard)
        return false;
    const bool hadLiveStreams = !m_session->streams().isEmpty();
    QString message;
    const bool ok = m_session->openCapture(path, &message);
    showMessage(message, !ok);
    if (ok) {
        m_recent->add(path);
        setWindowFilePath(path);
        if (hadLiveStreams)
            showMessage(message + u' '
                + tr("Live streams are paused while you look at it; Resume all captures again."));
    } else if (m_interactive) {
        QMessageBox::warning(this, tr("Open capture"), message);
    }
    return ok;
}

void MainWindow::showFileError(const QString &title, const QString &message)
{
    if (!m_interactive)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(u"fileErrorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::handleCaptureLoaded(bool ok, const QString &message)
{
    showMessage(message, !ok);
    if (!ok && m_interactive)
        QMessageBox::warning(this, tr("Open capture"), message);
}

Workspace MainWindow::currentWorkspace() const
{
    Workspace workspace;
    for (StreamId stream : m_session->streams())
        workspace.streams.append(m_session->config(stream));
    workspace.windowGeometry = saveGeometry();
    workspace.windowState = saveState();
    workspace.eventsSplitter = m_events->splitter()->saveState();
    workspace.chartWindowMinutes = m_charts->windowMinutes();
    workspace.eventColumns = m_events->model()->customColumns();
    return workspace;
}

bool MainWindow::saveWorkspace(const QString &path)
{
    QString error;
    Workspace workspace = currentWorkspace();
    workspace.keepSecrets = QSettings().value(QLatin1String(kKeepSecretsSetting), false).toBool();
    if (!workspace.save(path, &error)) {
        showMessage(error, true);
        showFileError(tr("Save workspace"), error);
        return false;
    }
    m_recent->add(path);
    showMessage(tr("Workspace saved to %1.").arg(path));
    return true;
}

bool MainWindow::openWorkspace(const QString &path)
{
    QString error;
    const auto workspace = Workspace::load(path, &error);
    if (!workspace) {
        showMessage(error, true);
        if (m_interactive)
            QMessageBox::warning(this, tr("Open workspace"), error);
        return false;
    }
    delete m_workspaceLoader; // a workspace still loading gives way to this one
    m_session->removeAll();
    if (!workspace->windowGeometry.isEmpty())
        restoreGeometry(workspace->windowGeometry);
    if (!workspace->windowState.isEmpty())
        restoreState(workspace->windowState);
    if (!workspace->eventsSplitter.isEmpty())
        m_events->splitter()->restoreState(workspace->eventsSplitter);
    m_charts->setWindowMinutes(workspace->chartWindowMinutes);
    m_events->model()->setCustomColumns(workspace->eventColumns);
    m_recent->add(path);
    QString opened
        = tr("Opened workspace %1: %n stream(s).", nullptr, int(workspace->streams.size()))
              .arg(path);
    if (workspace->streamsWithoutSecrets > 0)
        opened += u' '
            + tr("%n stream(s) were saved without their passwords or secret headers and connect "
                 "without them; edit them to add them again.",
                nullptr, workspace->streamsWithoutSecrets);
    // A few streams per turn of the event loop, so that a large workspace
    // paints and answers while it loads: a thousand streams added in one
    // turn froze the window.
    auto *loader = new WorkspaceLoader(m_session, workspace->streams, this);
    m_workspaceLoader = loader;
    connect(loader, &WorkspaceLoader::progress, this, [this](int added, int total) {
        if (added < total)
            statusBar()->showMessage(
                tr("Opening workspace… %L1 of %L2 streams").arg(added).arg(total), 2000);
    });
    connect(loader, &WorkspaceLoader::finished, this, [this, loader, opened] {
        showMessage(opened);
        loader->deleteLater();
    });
    loader->start();
    return true;
}

ExportJob *MainWindow::exportEvents(
    const QString &path, int format, const std::vector<quint64> &seqs, bool savesCapture)
{
    const qint64 unsavedAtStart = savesCapture ? m_session->unsavedEvents() : 0;
    if (m_exportJob) {
        showMessage(tr("An export is already running."), true);
        return nullptr;
    }
    auto *job = new ExportJob(m_session->store(), seqs, CaptureFormat(format), path, this);
    QHash<QByteArray, HarRequest> requests;
    if (CaptureFormat(format) == CaptureFormat::Har) {
        // What a HAR says of each request; secrets as a saved workspace keeps them.
        const bool keepSecrets
            = QSettings().value(QLatin1String(kKeepSecretsSetting), false).toBool();
        for (StreamId stream : m_session->streams()) {
            HarRequest request = HarRequest::fromConfig(m_session->config(stream), keepSecrets);
            const SubscriptionStatus status = m_session->manager().status(stream);
            if (status.httpStatus > 0)
                request.status = status.httpStatus;
            request.protocol = status.protocol;
            requests.insert(m_session->streamName(stream).toUtf8(), request);
        }
    }
    job->setWriterOptions(m_events->model()->customColumns(), std::move(requests));
    m_exportJob = job;
    auto *progress = new QProgressDialog(
        tr("Exporting %L1 events…").arg(qint64(seqs.size())), tr("Cancel"), 0, 1000, this);
    progress->setObjectName(u"exportProgress"_s);
    progress->setWindowTitle(tr("Export"));
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    m_exportProgress = progress;
    connect(progress, &QProgressDialog::canceled, job, &ExportJob::cancel);
    connect(job, &ExportJob::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
    });
    connect(job, &ExportJob::finished, this,
        [this, job, progress, unsavedAtStart](bool ok, const QString &message) {
            progress->deleteLater();
            job->deleteLater();
            showMessage(message, !ok);
            if (!ok && !job->wasCancelled())
                showFileError(tr("Export"), message);
            if (ok) {
                m_recent->add(job->path());
                // What arrived during the export is still unsaved.
                if (job->lost() == 0)
                    m_session->markSaved(unsavedAtStart);
            }
        });
    job->start();
    return job;
}

void MainWindow::promptExport()
{
    EventsPanel *events = m_events;
    const QList<quint64> selected = events->selectedSeqs();
    ExportDialog dialog(
        m_session->store().size(), events->model()->rowCount(), selected.size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    std::vector<quint64> seqs;
    bool savesCapture = false;
    switch (dialog.scope()) {
    case ExportDialog::Scope::Selection:
        seqs.assign(selected.cbegin(), selected.cend());
        break;
    case ExportDialog::Scope::CurrentFilter:
        seqs = events->model()->shownSeqs();
        break;
    case ExportDialog::Scope::Everything: {
        // A HAR cannot be opened again: it does not count as saving the capture.
        savesCapture = dialog.format() != CaptureFormat::Har;
        const EventStore &store = m_session->store();
        seqs.reserve(std::size_t(store.size()));
        for (qint64 row = 0; row < store.size(); ++row)
            seqs.push_back(store.firstSeq() + quint64(row));
        break;
    }
    }
    exportEvents(dialog.path(), int(dialog.format()), seqs, savesCapture);
}

ExportJob *MainWindow::promptSaveCapture()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save capture"), QDir::home().filePath(u"capture.jsonl"_s), captureFilter());
    if (path.isEmpty())
        return nullptr;
    const auto format = captureFormatFromPath(path);
    if (!format) {
        showMessage(tr("Choose a file ending in .jsonl, .csv or .sse."), true);
        return nullptr;
    }
    const EventStore &store = m_session->store();
    std::vector<quint64> seqs;
    seqs.reserve(std::size_t(store.size()));
    for (qint64 row = 0; row < store.size(); ++row)
        seqs.push_back(store.firstSeq() + quint64(row));
    return exportEvents(path, int(*format), seqs, true);
}

void MainWindow::promptOpenCapture()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open capture"), QDir::homePath(), captureFilter());
    if (!path.isEmpty())
        openCapture(path);
}

void MainWindow::promptOpenWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open workspace"), QDir::homePath(), workspaceFilter());
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::promptSaveWorkspace()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save workspace"),
        QDir::home().filePath(u"streams.ssescope.json"_s), workspaceFilter());
    if (path.isEmpty())
        return;
    if (!path.endsWith(u".json"_s))
        path += u".ssescope.json"_s;
    saveWorkspace(path);
}

void MainWindow::toggleRecording(bool on)
{
    if (!on) {
        m_session->stopRecording();
        showMessage(tr("Recording stopped."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Record to disk"),
        QDir::home().filePath(u"recording.jsonl"_s), tr("JSON Lines (*.jsonl)"));
    QString error;
    if (path.isEmpty() || !m_session->startRecording(path, &error)) {
        const QSignalBlocker blocker(m_record);
        m_record->setChecked(false);
        if (!error.isEmpty()) {
            showMessage(error, true);
            showFileError(tr("Record to disk"), error);
        }
        return;
    }
    showMessage(tr("Recording every event to %1.").arg(path));
}

void MainWindow::clearCapture()
{
    if (m_session->hasUnsavedEvents()
        && QMessageBox::question(this, tr("Clear captured events"),
               tr("Discard %L1 captured events that have not been saved?")
                   .arg(m_session->store().size()))
            != QMessageBox::Yes)
        return;
    m_session->clearCapture();
    showMessage(tr("Cleared."));
}

void MainWindow::promptCompare()
{
    QList<StreamId> streams = m_streams->selectedStreams();
    if (streams.size() < 2) {
        StreamPickerDialog picker(m_session, streams, this);
        if (picker.exec() != QDialog::Accepted)
            return;
        streams = picker.checkedStreams();
    }
    compareStreams(streams);
}

ComparisonView *MainWindow::comparisonView() const
{
    return m_comparison.data();
}

ComparisonView *MainWindow::compareStreams(const QList<StreamId> &streams)
{
    if (streams.size() < 2) {
        showMessage(tr("Choose two or more streams to compare."), true);
        return nullptr;
    }
    // One comparison at a time: the pipeline measures one set of routes.
    if (m_comparison)
        m_comparison->close();
    auto *view = new ComparisonView(m_session, streams, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setInteractive(m_interactive);
    m_comparison = view;
    view->show();
    return view;
}

} // namespace ssescope::ui
