#pragma once

#include "core/sse/SseEvent.h"
#include "ui/window/CaptureServerHost.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;
class QDockWidget;
class QProgressDialog;

namespace ssescope {
class ExportJob;
struct Workspace;
class WorkspaceLoader;
} // namespace ssescope

namespace ssescope::ui {

class ComparisonView;
class DashboardSession;
class EventsPanel;
class LiveChartsPanel;
class RecentFiles;
class StreamsPanel;

// Wires the panels to the session and holds the menus. Work lives in the
// panels, the models and the session; this class only connects them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(DashboardSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    EventsPanel *eventsPanel() const { return m_events; }
    StreamsPanel *streamsPanel() const { return m_streams; }
    LiveChartsPanel *chartsPanel() const { return m_charts; }
    DashboardSession *session() const { return m_session; }

    // The actions behind menus and shortcuts, callable from tests and main().
    bool openCapture(const QString &path);
    bool openWorkspace(const QString &path);
    bool saveWorkspace(const QString &path);
    Workspace currentWorkspace() const;
    // Starts an export; the job reports through the status bar when done.
    // savesCapture: the export holds everything captured so far, so the
    // events it covers no longer count as unsaved once it succeeds.
    ExportJob *exportEvents(const QString &path, int format, const std::vector<quint64> &seqs,
        bool savesCapture = false);
    void showMessage(const QString &message, bool error = false);
    QString lastMessage() const { return m_lastMessage; }
    // Off: no modal questions or message boxes, only the status bar (tests,
    // benchmarks, automation).
    void setInteractive(bool interactive) { m_interactive = interactive; }

    // "Serve this capture": host serves captures again (the program's; it
    // must outlive the window). Without one the action stays disabled.
    void setCaptureServerHost(CaptureServerHost *host);
    // Serves path (the opened capture when empty; else one chosen, when
    // interactive) and subscribes to each of its streams as "NAME (replay)".
    // False when there was no file; else captureServed() says how it ended.
    bool serveCapture(const QString &path = {});
    void stopServingCaptures();

    void addStream();
    void editStream(StreamId stream);
    void duplicateStream(StreamId stream);
    // Opens the comparison view on these streams (two or more), in place of
    // any comparison open before.
    ComparisonView *compareStreams(const QList<StreamId> &streams);
    ComparisonView *comparisonView() const;

Q_SIGNALS:
    void captureServed(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void updateStatus();
    void restoreSettings();
    void saveSettings() const;
    void promptOpenCapture();
    void promptCompare();
    ExportJob *promptSaveCapture();
    void promptExport();
    void promptOpenWorkspace();
    void promptSaveWorkspace();
    void toggleRecording(bool on);
    void clearCapture();
    void runSubscribeDialog(StreamId editing, bool duplicate);
    void showAbout();
    void handleCaptureLoaded(bool ok, const QString &message);
    void handleCaptureServed(
        const QString &file, bool ok, const QList<ServedStream> &streams, const QString &error);
    // A file's error beside the status bar: a window-modal box that does not
    // block (the export reports from the event loop). Not when non-interactive.
    void showFileError(const QString &title, const QString &message);

    DashboardSession *m_session;
    EventsPanel *m_events;
    StreamsPanel *m_streams;
    LiveChartsPanel *m_charts;
    QDockWidget *m_streamsDock;
    QDockWidget *m_chartsDock;
    RecentFiles *m_recent = nullptr;
    QAction *m_addStream = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_restartAll = nullptr;
    QAction *m_record = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_export = nullptr;
    QAction *m_openWorkspace = nullptr;
    QAction *m_saveWorkspace = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_compare = nullptr;
    QAction *m_serveCapture = nullptr;
    QAction *m_stopServing = nullptr;
    CaptureServerHost *m_captureServer = nullptr;
    QList<StreamId> m_replayStreams;
    QLabel *m_heldLabel = nullptr;
    QLabel *m_memoryLabel = nullptr;
    QLabel *m_droppedLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_recordLabel = nullptr;
    QTimer m_statusTimer;
    QPointer<ExportJob> m_exportJob;
    QPointer<QProgressDialog> m_exportProgress;
    QPointer<ComparisonView> m_comparison;
    QPointer<WorkspaceLoader> m_workspaceLoader; // while a large workspace is being added
    QString m_lastMessage;
    bool m_interactive = true;
    bool m_closingAfterSave = false;
};

} // namespace ssescope::ui
