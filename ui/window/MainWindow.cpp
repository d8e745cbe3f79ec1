#include "MainWindow.h"

#include "core/capture/ExportJob.h"
#include "ui/charts/LiveChartsPanel.h"
#include "core/common/Clock.h"
#include "ui/events/EventFilterBar.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "core/capture/CaptureRecorder.h"
#include "ui/session/DashboardSession.h"
#include "core/session/Workspace.h"
#include "core/stats/RateSeries.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/RecentFiles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QChartView>
#include <QToolBar>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

MainWindow::MainWindow(DashboardSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_events(new EventsPanel(session, this))
    , m_streams(new StreamsPanel(session))
    , m_charts(new LiveChartsPanel(session))
    , m_streamsDock(new QDockWidget(tr("Streams"), this))
    , m_chartsDock(new QDockWidget(tr("Charts"), this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("SSE Scope"));
    setAccessibleName(tr("SSE Scope"));
    setWindowIcon(QIcon(u":/icons/ssescope.svg"_s));
    setCentralWidget(m_events);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    m_streamsDock->setObjectName(u"streamsDock"_s);
    m_streamsDock->setWidget(m_streams);
    m_streamsDock->setAccessibleName(tr("Streams panel"));
    addDockWidget(Qt::TopDockWidgetArea, m_streamsDock);
    m_chartsDock->setObjectName(u"chartsDock"_s);
    m_chartsDock->setWidget(m_charts);
    m_chartsDock->setAccessibleName(tr("Charts panel"));
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);

    buildActions();
    buildMenus();
    buildToolBar();
    buildStatusBar();

    m_streams->addCaptureAction(m_serveCapture);
    connect(m_streams, &StreamsPanel::editRequested, this, &MainWindow::editStream);
    connect(m_streams, &StreamsPanel::duplicateRequested, this, &MainWindow::duplicateStream);
    connect(m_streams, &StreamsPanel::addRequested, this, &MainWindow::addStream);
    connect(m_streams, &StreamsPanel::streamActivated, this,
        [this](StreamId stream) { m_events->filterBar()->setStreamFilter(stream); });
    // The charts follow the table's Stream filter, and say so: charts of
    // every stream beside a table of one read as if they disagreed.
    connect(m_events->filterBar(), &EventFilterBar::filterChanged, m_charts,
        [this](const EventFilter &filter) { m_charts->setStreamFilter(filter.streams); });
    connect(m_charts, &LiveChartsPanel::eventPicked, this, [this](quint64 seq) {
        m_events->followAction()->setChecked(false);
        m_events->selectSeq(seq);
    });
    connect(session, &DashboardSession::streamErrorReported, this,
        [this](StreamId stream, const QString &message) {
            showMessage(tr("%1: %2").arg(m_session->streamName(stream), message), true);
        });
    connect(session, &DashboardSession::captureLoaded, this, &MainWindow::handleCaptureLoaded);
    connect(
        session, &DashboardSession::captureLoadProgress, this, [this](qint64 done, qint64 total) {
            if (total > 0)
                statusBar()->showMessage(tr("Opening capture… %1%").arg(done * 100 / total), 2000);
        });
    connect(session, &DashboardSession::recordingFailed, this, [this](const QString &message) {
        showMessage(message, true);
        showFileError(tr("Record to disk"), message);
    });
    connect(session, &DashboardSession::recordingChanged, this, [this](bool recording) {
        const QSignalBlocker blocker(m_record);
        m_record->setChecked(recording);
        updateStatus();
    });

    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer.start();
    resize(1400, 900);
    resizeDocks({ m_streamsDock, m_chartsDock }, { 170, 250 }, Qt::Vertical);
    // The table gets the room; the detail pane a few lines until it is wanted.
    m_events->splitter()->setSizes({ 600, 110 });
    restoreSettings();
    updateStatus();
    // Start in the event table, not in the first field of the filter bar,
    // where a stray keystroke would filter everything away.
    m_events->view()->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    const auto make
        = [this](const QString &text, const QKeySequence &shortcut, const QString &name) {
              auto *action = new QAction(text, this);
              action->setShortcut(shortcut);
              action->setObjectName(name);
              return action;
          };
    m_addStream = make(tr("&Add stream…"), QKeySequence::New, u"addStream"_s);
    m_addStream->setToolTip(tr("Subscribe to a stream: URL, method, headers, body, auth"));
    m_pauseAll
        = make(tr("&Pause all"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P), u"pauseAll"_s);
    m_resumeAll
        = make(tr("&Resume all"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R), u"resumeAll"_s);
    m_restartAll
        = make(tr("Restart a&ll"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), u"restartAll"_s);
    m_record
        = make(tr("Re&cord to disk…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), u"record"_s);
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Stream every event to a JSON Lines file as it arrives, with no cap"));
    m_clear
        = make(tr("C&lear captured events"), QKeySequence(Qt::CTRL | Qt::Key_L), u"clearCapture"_s);
    m_open = make(tr("&Open capture…"), QKeySequence::Open, u"openCapture"_s);
    m_save = make(tr("&Save capture as…"), QKeySequence::Save, u"saveCapture"_s);
    m_export = make(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), u"export"_s);
    m_openWorkspace = make(
        tr("Open &workspace…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), u"openWorkspace"_s);
    m_saveWorkspace = make(tr("Save wor&kspace as…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
        u"saveWorkspace"_s);
    m_findAction = make(tr("&Filter events"), QKeySequence::Find, u"findEvents"_s);
    m_compare = make(tr("&Compare…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), u"compare"_s);
    m_compare->setToolTip(tr("Compare the selected streams side by side: buffered or streaming"));

    m_serveCapture = make(tr("Ser&ve this capture"), {}, u"serveCapture"_s);
    m_serveCapture->setToolTip(tr("Serve the opened capture's streams again, with their original "
                                  "gaps, and subscribe to them"));
    m_serveCapture->setEnabled(false); // until the program gives a server (setCaptureServerHost)
    m_stopServing = make(tr("Stop serving captures"), {}, u"stopServingCaptures"_s);
    m_stopServing->setEnabled(false);
    connect(m_serveCapture, &QAction::triggered, this, [this] { serveCapture(); });
    connect(m_stopServing, &QAction::triggered, this, &MainWindow::stopServingCaptures);

    connect(m_addStream, &QAction::triggered, this, &MainWindow::addStream);
    connect(m_pauseAll, &QAction::triggered, m_session, &DashboardSession::pauseAll);
    connect(m_resumeAll, &QAction::triggered, m_session, &DashboardSession::resumeAll);
    connect(m_restartAll, &QAction::triggered, this, [this] {
        for (StreamId stream : m_session->streams())
            m_session->restart(stream);
    });
    connect(m_record, &QAction::toggled, this, &MainWindow::toggleRecording);
    connect(m_clear, &QAction::triggered, this, &MainWindow::clearCapture);
    connect(m_open, &QAction::triggered, this, &MainWindow::promptOpenCapture);
    connect(m_save, &QAction::triggered, this, &MainWindow::promptSaveCapture);
    connect(m_export, &QAction::triggered, this, &MainWindow::promptExport);
    connect(m_openWorkspace, &QAction::triggered, this, &MainWindow::promptOpenWorkspace);
    connect(m_saveWorkspace, &QAction::triggered, this, &MainWindow::promptSaveWorkspace);
    connect(m_findAction, &QAction::triggered, m_events->filterBar(), &EventFilterBar::focusText);
    connect(m_compare, &QAction::triggered, this, &MainWindow::promptCompare);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_open);
    m_recent = new RecentFiles(file->addMenu(tr("Open &recent")), this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString &path) {
        if (path.endsWith(u".ssescope.json"_s) || path.endsWith(u".json"_s))
            openWorkspace(path);
        else
            openCapture(path);
    });
    file->addAction(m_save);
    file->addAction(m_export);
    file->addSeparator();
    file->addAction(m_serveCapture);
    file->addAction(m_stopServing);
    file->addSeparator();
    file->addAction(m_record);
    file->addSeparator();
    file->addAction(m_openWorkspace);
    file->addAction(m_saveWorkspace);
    // Opt-in: otherwise passwords and secret headers stay out of saved
    // workspaces, which people share.
    QAction *keepSecrets = file->addAction(tr("Keep &passwords in saved workspaces"));
    keepSecrets->setObjectName(u"keepSecrets"_s);
    keepSecrets->setCheckable(true);
    keepSecrets->setChecked(QSettings().value(QLatin1String(kKeepSecretsSetting), false).toBool());
    keepSecrets->setToolTip(tr("Save URL passwords and Authorization, Cookie and secret headers in "
                               "workspaces (written owner-only)"));
    connect(keepSecrets, &QAction::toggled, this,
        [](bool on) { QSettings().setValue(QLatin1String(kKeepSecretsSetting), on); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(u"quit"_s);

    QMenu *streams = menuBar()->addMenu(tr("&Streams"));
    streams->addAction(m_addStream);
    streams->addSeparator();
    streams->addActions(
        { m_streams->pauseAction(), m_streams->resumeAction(), m_streams->restartAction(),
            m_streams->editAction(), m_streams->duplicateAction(), m_streams->removeAction() });
    streams->addSeparator();
    streams->addActions({ m_pauseAll, m_resumeAll, m_restartAll });
    streams->addSeparator();
    streams->addAction(m_compare);

    QMenu *events = menuBar()->addMenu(tr("&Events"));
    events->addAction(m_findAction);
    events->addAction(m_events->followAction());
    events->addAction(m_events->freezeAction());
    events->addSeparator();
    events->addAction(m_events->addColumnAction());
    events->addAction(m_events->removeColumnAction());
    events->addSeparator();
    events->addAction(m_clear);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *streamsToggle = m_streamsDock->toggleViewAction();
    streamsToggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    QAction *chartsToggle = m_chartsDock->toggleViewAction();
    chartsToggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    view->addAction(streamsToggle);
    view->addAction(chartsToggle);
    QAction *focusStreams = view->addAction(tr("Go to &streams"), this, [this] {
        m_streamsDock->show();
        m_streams->view()->setFocus(Qt::ShortcutFocusReason);
    });
    focusStreams->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *focusEvents = view->addAction(
        tr("Go to &events"), this, [this] { m_events->view()->setFocus(Qt::ShortcutFocusReason); });
    focusEvents->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *focusCharts = view->addAction(tr("Go to &charts"), this, [this] {
        m_chartsDock->show();
        m_charts->rateView()->setFocus(Qt::ShortcutFocusReason);
    });
    focusCharts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SSE Scope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setAccessibleName(tr("Main toolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_addStream);
    bar->addSeparator();
    bar->addAction(m_pauseAll);
    bar->addAction(m_resumeAll);
    bar->addSeparator();
    bar->addAction(m_events->followAction());
    bar->addAction(m_events->freezeAction());
    bar->addSeparator();
    bar->addAction(m_record);
    bar->addAction(m_export);
    bar->addAction(m_clear);
    bar->addSeparator();
    bar->addAction(m_compare);
    bar->widgetForAction(m_compare)->setAccessibleName(tr("Compare streams"));
}

void MainWindow::buildStatusBar()
{
    const auto label = [this](const QString &name, const QString &accessible) {
        auto *l = new QLabel(this);
        l->setObjectName(name);
        l->setAccessibleName(accessible);
        statusBar()->addPermanentWidget(l);
        return l;
    };
    m_rateLabel = label(u"statusRate"_s,
        tr("Events per second, all streams, averaged over the last %1 s")
            .arg(kRateWindowNs / 1'000'000'000));
    m_heldLabel = label(u"statusHeld"_s, tr("Events held"));
    m_memoryLabel = label(u"statusMemory"_s, tr("Memory in use against the cap"));
    m_droppedLabel = label(u"statusDropped"_s, tr("Events dropped by the cap"));
    m_recordLabel = label(u"statusRecording"_s, tr("Recording to disk"));
}

void MainWindow::updateStatus()
{
    const EventStore &store = m_session->store();
    const QLocale locale;
    const auto mib = [](qint64 bytes) {
        return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
    };
    m_heldLabel->setText(tr("%L1 events held").arg(store.size()));
    m_memoryLabel->setText(
        tr("%1 / %2 MiB").arg(mib(store.bytesUsed()), mib(store.limits().maxBytes)));
    m_droppedLabel->setText(tr("%L1 dropped by the cap").arg(store.droppedEvents()));
    m_droppedLabel->setStyleSheet(store.droppedEvents() > 0 ? u"color: #b26b00;"_s : QString());
    // The streams panel's trailing average: a 1 s window reads 0 between a
    // buffering proxy's bursts.
    const RateReading total
        = rateAt(m_session->pipeline().stats().total(), steadyNowNs(), kRateWindowNs);
    m_rateLabel->setText(tr("%L1 events/s").arg(qint64(std::llround(total.eventsPerSecond))));
    const CaptureRecorder *recorder = m_session->recorder();
    m_recordLabel->setVisible(recorder->isRecording());
    if (recorder->isRecording())
        m_recordLabel->setText(tr("● Recording %L1 events to %2")
                                   .arg(recorder->eventsWritten())
                                   .arg(recorder->path()));
}

void MainWindow::showMessage(const QString &message, bool error)
{
    m_lastMessage = message;
    statusBar()->showMessage(error ? u"⚠ "_s + message : message, error ? 15000 : 6000);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_events->splitter()->restoreState(settings.value(u"window/eventsSplitter"_s).toByteArray());
    m_charts->setWindowMinutes(settings.value(u"charts/windowMinutes"_s, 2).toInt());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/eventsSplitter"_s, m_events->splitter()->saveState());
    settings.setValue(u"charts/windowMinutes"_s, m_charts->windowMinutes());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_interactive && !m_closingAfterSave && m_session->hasUnsavedEvents()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved events"),
            tr("%L1 captured events have not been saved. Save them before closing?")
                .arg(m_session->store().size()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            // Stop capturing, save, and close once the file is written.
            m_session->pauseAll();
            event->ignore();
            if (ExportJob *job = promptSaveCapture()) {
                connect(job, &ExportJob::finished, this, [this](bool ok) {
                    if (ok) {
                        m_closingAfterSave = true;
                        close();
                    }
                });
            }
            return;
        }
    }
    saveSettings();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About SSE Scope"),
        tr("<h3>SSE Scope %1</h3><p>A live dashboard for Server-Sent Events streams: many "
           "streams, spec-exact parsing, rates, latency and the bursts that proxy buffering "
           "causes.</p><p>Headless recording: <code>ssescope-cli</code>.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace ssescope::ui
