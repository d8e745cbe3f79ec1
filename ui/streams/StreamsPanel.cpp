#include "StreamsPanel.h"

#include "ui/session/DashboardSession.h"
#include "ui/streams/SparklineDelegate.h"
#include "ui/streams/StreamListModel.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QItemSelectionModel>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

StreamsPanel::StreamsPanel(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new StreamListModel(session, this))
    , m_view(new QTableView(this))
    , m_captureBanner(new QLabel(this))
    , m_connectionWarning(new QLabel(this))
    , m_resumeLive(new QPushButton(tr("Resume live streams"), this))
{
    setObjectName(QStringLiteral("streamsPanel"));
    m_view->setObjectName(QStringLiteral("streamsView"));
    m_view->setAccessibleName(tr("Streams"));
    m_view->setAccessibleDescription(
        tr("One row per stream: state, events per second, totals, latency and reconnections."));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(
        StreamListModel::SparklineColumn, new SparklineDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(26);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(StreamListModel::NameColumn, 110);
    header->resizeSection(StreamListModel::StateColumn, 110);
    header->resizeSection(StreamListModel::RateColumn, 72);
    header->resizeSection(StreamListModel::SparklineColumn, 130);
    header->resizeSection(StreamListModel::EventsColumn, 84);
    header->resizeSection(StreamListModel::BytesColumn, 76);
    header->resizeSection(StreamListModel::LatencyP50Column, 70);
    header->resizeSection(StreamListModel::LatencyP99Column, 70);
    header->resizeSection(StreamListModel::LatencySourceColumn, 90);
    header->resizeSection(StreamListModel::PerReadColumn, 62);
    header->resizeSection(StreamListModel::ReconnectsColumn, 60);
    header->resizeSection(StreamListModel::IdGapsColumn, 50);
    header->resizeSection(StreamListModel::IdDupsColumn, 50);
    header->resizeSection(StreamListModel::TtftColumn, 66);
    header->resizeSection(StreamListModel::TokenGapColumn, 84);
    header->resizeSection(StreamListModel::TokenRateColumn, 54);

    m_pause = makeAction(tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_P));
    m_resume = makeAction(tr("&Resume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_restart = makeAction(tr("Re&start"), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_edit = makeAction(tr("&Edit…"), QKeySequence(Qt::Key_F2));
    m_duplicate = makeAction(tr("&Duplicate…"), QKeySequence(Qt::CTRL | Qt::Key_D));
    m_remove = makeAction(tr("Re&move"), QKeySequence::Delete);

    connect(m_pause, &QAction::triggered, this, [this] {
        for (StreamId stream : selectedLiveStreams())
            m_session->pause(stream);
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        for (StreamId stream : selectedLiveStreams())
            m_session->resume(stream);
    });
    connect(m_restart, &QAction::triggered, this, [this] {
        for (StreamId stream : selectedLiveStreams())
            m_session->restart(stream);
    });
    connect(m_edit, &QAction::triggered, this, [this] {
        const QList<StreamId> streams = selectedLiveStreams();
        if (!streams.isEmpty())
            Q_EMIT editRequested(streams.first());
    });
    connect(m_duplicate, &QAction::triggered, this, [this] {
        const QList<StreamId> streams = selectedLiveStreams();
        if (!streams.isEmpty())
            Q_EMIT duplicateRequested(streams.first());
    });
    connect(m_remove, &QAction::triggered, this, [this] {
        for (StreamId stream : selectedLiveStreams())
            m_session->removeStream(stream);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &StreamsPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &StreamsPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &StreamsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &StreamsPanel::updateActions);
    // Queued: the window may still be adding streams (a workspace, the demo);
    // one growth and one selection once it is done.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int, int last) {
            m_newRow = last;
            if (!m_revealPending) {
                m_revealPending = true;
                QMetaObject::invokeMethod(
                    this, &StreamsPanel::revealNewStream, Qt::QueuedConnection);
            }
        });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const StreamId stream = m_model->streamAt(index.row());
        if (!m_session->isCaptured(stream)) // a capture's stream has nothing to edit
            Q_EMIT editRequested(stream);
    });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT streamActivated(m_model->streamAt(index.row()));
    });

    // Opening a capture pauses the live streams: say so where they are, with
    // the way back one click away.
    m_captureBanner->setObjectName(QStringLiteral("pausedForCaptureBanner"));
    m_captureBanner->setAccessibleName(tr("Live streams paused for the opened capture"));
    m_captureBanner->setWordWrap(true);
    m_resumeLive->setObjectName(QStringLiteral("resumeLiveStreams"));
    m_resumeLive->setAccessibleName(tr("Resume the live streams"));
    connect(m_resumeLive, &QPushButton::clicked, m_session, &DashboardSession::resumeAll);
    connect(m_session, &DashboardSession::pausedForCaptureChanged, this,
        &StreamsPanel::updateCaptureBanner);
    auto *banner = new QHBoxLayout;
    banner->setContentsMargins(6, 2, 6, 2);
    banner->addWidget(m_captureBanner, 1);
    banner->addWidget(m_resumeLive);

    m_connectionWarning->setObjectName(QStringLiteral("connectionWarning"));
    m_connectionWarning->setAccessibleName(tr("Browser connection warning"));
    m_connectionWarning->setWordWrap(true);
    m_connectionWarning->setVisible(false);
    connect(&m_session->manager(), &StreamManager::originConnectionsChanged, this,
        &StreamsPanel::updateConnectionWarning);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(banner);
    layout->addWidget(m_connectionWarning);
    layout->addWidget(m_view);
    updateCaptureBanner();
    updateActions();
}

int StreamsPanel::wantedHeight() const
{
    const int rows = std::max(1, m_model->rowCount());
    return m_view->horizontalHeader()->height()
        + rows * m_view->verticalHeader()->defaultSectionSize() + 2 * m_view->frameWidth()
        + (m_view->horizontalScrollBar()->isVisible() ? m_view->horizontalScrollBar()->height()
                                                      : 0);
}

void StreamsPanel::revealNewStream()
{
    m_revealPending = false;
    const int row = std::min(m_newRow, m_model->rowCount() - 1);
    if (row < 0)
        return;
    growWithStreams();
    // The stream just added is the one the user wants to see next.
    const QModelIndex index = m_model->index(row, StreamListModel::NameColumn);
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void StreamsPanel::growWithStreams()
{
    // Five rows hid the sixth stream: the dock grows with its rows, up to
    // kMaxShareOfWindow of the window's height, and never shrinks by itself
    // (the user may have made it taller).
    auto *dock = qobject_cast<QDockWidget *>(parentWidget());
    auto *window = dock ? qobject_cast<QMainWindow *>(dock->parentWidget()) : nullptr;
    if (!window || dock->isFloating() || dock->isHidden())
        return;
    // Before the window is shown nothing is laid out yet: the hints say it.
    const int chrome = dock->isVisible() ? dock->height() - m_view->height()
                                         : dock->sizeHint().height() - m_view->sizeHint().height();
    const int wanted = std::min(wantedHeight() + chrome, int(window->height() * kMaxShareOfWindow));
    if (wanted > dock->height())
        window->resizeDocks({ dock }, { wanted }, Qt::Vertical);
}

void StreamsPanel::updateConnectionWarning()
{
    QStringList warnings;
    for (const OriginConnections &origin : m_session->manager().origins()) {
        if (origin.browserWouldStall())
            warnings.append(u"⚠ "_s + origin.browserWarning());
    }
    warnings.sort();
    m_connectionWarning->setText(warnings.join(u'\n'));
    m_connectionWarning->setAccessibleDescription(m_connectionWarning->text());
    m_connectionWarning->setVisible(!warnings.isEmpty());
}

void StreamsPanel::updateCaptureBanner()
{
    const bool paused = m_session->hasStreamsPausedForCapture();
    m_captureBanner->setVisible(paused);
    m_resumeLive->setVisible(paused);
    if (paused)
        m_captureBanner->setText(
            tr("Live streams are paused while the capture %1 is open, so their events do not "
               "mix into it.")
                .arg(QFileInfo(m_session->capturePath()).fileName()));
}

QAction *StreamsPanel::makeAction(const QString &text, const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    // Shortcuts act on the selected streams only while the list has focus,
    // so Delete in a text field never removes a stream.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(action);
    return action;
}

QList<StreamId> StreamsPanel::selectedStreams() const
{
    QList<StreamId> streams;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        streams.append(m_model->streamAt(index.row()));
    // From the keyboard the current row is the one meant, selected or not.
    const QModelIndex current = m_view->currentIndex();
    if (streams.isEmpty() && current.isValid())
        streams.append(m_model->streamAt(current.row()));
    return streams;
}

QList<StreamId> StreamsPanel::selectedLiveStreams() const
{
    // A capture's streams have no connection to pause, edit or remove.
    QList<StreamId> streams = selectedStreams();
    streams.removeIf([this](StreamId stream) { return m_session->isCaptured(stream); });
    return streams;
}

void StreamsPanel::updateActions()
{
    const qsizetype count = selectedLiveStreams().size();
    for (QAction *action : { m_pause, m_resume, m_restart, m_remove })
        action->setEnabled(count > 0);
    m_edit->setEnabled(count == 1);
    m_duplicate->setEnabled(count == 1);
}

void StreamsPanel::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.setAccessibleName(tr("Stream actions"));
    menu.addActions({ m_pause, m_resume, m_restart });
    menu.addSeparator();
    menu.addActions({ m_edit, m_duplicate });
    menu.addSeparator();
    menu.addAction(m_remove);
    menu.addSeparator();
    menu.addAction(tr("Pause all"), m_session, &DashboardSession::pauseAll);
    menu.addAction(tr("Resume all"), m_session, &DashboardSession::resumeAll);
    menu.addSeparator();
    menu.addAction(tr("Add stream…"), this, &StreamsPanel::addRequested);
    if (!m_captureActions.isEmpty() && !m_session->capturePath().isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_captureActions);
    }
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace ssescope::ui
