#include "EventsPanel.h"

#include "ui/events/EventDetailPane.h"
#include "ui/events/EventFilterBar.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/JsonColumnDialog.h"
#include "ui/session/DashboardSession.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

// Qt's type-ahead search runs model->match() over every row on the GUI thread
// at each key: about 120 ms a key with 335k rows held, seconds at 5M (a paste
// froze the window). Searching is the filter bar's job (Ctrl+F), on a worker.
class EventTableView final : public QTableView
{
public:
    using QTableView::QTableView;
    void keyboardSearch(const QString &) override { }
};

} // namespace

EventsPanel::EventsPanel(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_filterBar(new EventFilterBar(session, this))
    , m_model(new EventTableModel(session, this))
    , m_view(new EventTableView(this))
    , m_detail(new EventDetailPane(session, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_follow(new QAction(tr("&Follow new events"), this))
    , m_freeze(new QAction(tr("F&reeze table"), this))
    , m_addColumn(new QAction(tr("Add &column from JSON…"), this))
    , m_removeColumn(new QAction(tr("Remo&ve JSON column…"), this))
{
    setObjectName(u"eventsPanel"_s);
    m_view->setObjectName(u"eventTable"_s);
    m_view->setAccessibleName(tr("Events"));
    m_view->setAccessibleDescription(tr("Captured events, newest at the bottom."));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(false);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    // Fixed row heights: the view never measures a million rows.
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->resizeSection(EventTableModel::SeqColumn, 80);
    header->resizeSection(EventTableModel::TimeColumn, 120);
    header->resizeSection(EventTableModel::StreamColumn, 110);
    header->resizeSection(EventTableModel::TypeColumn, 80);
    header->resizeSection(EventTableModel::IdColumn, 80);
    header->resizeSection(EventTableModel::SizeColumn, 56);
    header->resizeSection(EventTableModel::LatencyColumn, 86);
    // Clicking a header cycles ascending, descending, arrival order.
    connect(header, &QHeaderView::sectionClicked, this, [this, header](int section) {
        m_sortClicks = section == m_sortSection ? (m_sortClicks + 1) % 3 : 1;
        m_sortSection = section;
        if (m_sortClicks == 0) {
            header->setSortIndicator(-1, Qt::AscendingOrder);
            m_model->sort(-1);
            return;
        }
        const Qt::SortOrder order = m_sortClicks == 1 ? Qt::AscendingOrder : Qt::DescendingOrder;
        header->setSortIndicator(section, order);
        m_model->sort(section, order);
    });

    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &EventsPanel::showHeaderMenu);
    m_addColumn->setObjectName(u"addJsonColumn"_s);
    m_addColumn->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_addColumn->setToolTip(
        tr("Add a column showing the value at a JSON Pointer in each event's data"));
    connect(m_addColumn, &QAction::triggered, this, [this] { addJsonColumn(); });
    m_removeColumn->setObjectName(u"removeJsonColumn"_s);
    m_removeColumn->setEnabled(false);
    connect(m_removeColumn, &QAction::triggered, this, &EventsPanel::chooseColumnToRemove);
    // A JSON column goes before Data, at a modest width: appended after it, it
    // became the stretched last section and squeezed Data to a few characters.
    connect(m_model, &QAbstractItemModel::columnsInserted, this,
        [header](const QModelIndex &, int first, int last) {
            for (int column = first; column <= last; ++column) {
                header->resizeSection(column, 140);
                header->moveSection(
                    header->visualIndex(column), header->visualIndex(EventTableModel::DataColumn));
            }
        });
    connect(m_model, &EventTableModel::customColumnsChanged, this, [this] {
        m_removeColumn->setEnabled(!m_model->customColumns().isEmpty());
        m_filterBar->setColumns(m_model->customColumns());
        // A removed column may have been the sorted one.
        if (!m_model->isSorted()) {
            m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
            m_sortSection = -1;
            m_sortClicks = 0;
        }
    });

    m_follow->setObjectName(u"followTail"_s);
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    m_follow->setToolTip(tr("Keep the newest events in view while the table is at the bottom"));
    m_freeze->setObjectName(u"freezeTable"_s);
    m_freeze->setCheckable(true);
    m_freeze->setShortcut(QKeySequence(Qt::Key_F8));
    m_freeze->setToolTip(tr("Stop adding rows to the table; capture goes on"));
    connect(m_freeze, &QAction::toggled, m_model, &EventTableModel::setFrozen);
    connect(m_follow, &QAction::toggled, this, [this](bool on) {
        if (on) {
            m_atBottom = true;
            m_view->scrollToBottom();
        }
    });

    m_splitter->setObjectName(u"eventsSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);

    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
        [this](int value) { m_atBottom = value >= m_view->verticalScrollBar()->maximum(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventsPanel::handleRowsInserted);
    connect(m_model, &EventTableModel::rowsRebuilt, this, [this] {
        if (m_selectedSeq)
            selectSeq(m_selectedSeq);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &EventsPanel::handleCurrentChanged);
    connect(m_filterBar, &EventFilterBar::filterChanged, this, &EventsPanel::applyFilter);
    connect(m_model, &EventTableModel::scanStopped, m_filterBar, &EventFilterBar::showError);
    // The count follows the rows: matching events keep arriving (and the cap
    // drops old ones) long after the scan that first counted them.
    connect(m_model, &EventTableModel::busyChanged, this, &EventsPanel::updateFilterStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EventsPanel::updateFilterStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventsPanel::updateFilterStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventsPanel::updateFilterStatus);

    // Scrolling per inserted batch would repaint at the batch rate; a 100 ms
    // timer is as smooth to the eye and bounded.
    m_followTimer.setInterval(100);
    connect(&m_followTimer, &QTimer::timeout, this, &EventsPanel::followTail);
    m_followTimer.start();
}

void EventsPanel::updateFilterStatus()
{
    if (!m_model->scanStopReason().isEmpty())
        return; // the filter bar says why the scan stopped
    if (m_model->isBusy())
        m_filterBar->showStatus(tr("Filtering…"));
    else if (m_model->isFiltered())
        m_filterBar->showStatus(tr("%L1 matching").arg(m_model->rowCount()));
    else
        m_filterBar->showStatus(QString());
}

void EventsPanel::handleRowsInserted()
{
    if (m_follow->isChecked() && m_atBottom)
        m_pendingScroll = true;
}

void EventsPanel::followTail()
{
    if (!m_pendingScroll)
        return;
    m_pendingScroll = false;
    if (m_follow->isChecked() && m_atBottom) {
        m_view->scrollToBottom();
        m_atBottom = true;
    }
}

void EventsPanel::handleCurrentChanged()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    m_selectedSeq = current.isValid() ? m_model->seqAt(current.row()) : 0;
    m_detail->displayEvent(m_selectedSeq);
}

void EventsPanel::selectSeq(quint64 seq)
{
    const int row = m_model->nearestRowOfSeq(seq);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_atBottom = m_view->verticalScrollBar()->value() >= m_view->verticalScrollBar()->maximum();
}

QList<quint64> EventsPanel::selectedSeqs() const
{
    QList<quint64> seqs;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    seqs.reserve(rows.size());
    for (const QModelIndex &index : rows)
        seqs.append(m_model->seqAt(index.row()));
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

void EventsPanel::addJsonColumn(const QString &pointer)
{
    JsonColumnDialog dialog(this);
    dialog.setPointer(pointer);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->addCustomColumn(dialog.column());
}

void EventsPanel::chooseColumnToRemove()
{
    const QList<JsonColumn> &columns = m_model->customColumns();
    if (columns.isEmpty())
        return;
    QStringList names;
    for (const JsonColumn &column : columns)
        names.append(tr("%1 (%2)").arg(column.name, column.pointer));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Remove JSON column"), tr("Column to remove:"), names, 0, false, &ok);
    if (ok)
        m_model->removeCustomColumn(int(names.indexOf(chosen)));
}

void EventsPanel::showHeaderMenu(const QPoint &position)
{
    const int section = m_view->horizontalHeader()->logicalIndexAt(position);
    QMenu menu(this);
    menu.setAccessibleName(tr("Event table columns"));
    menu.addAction(m_addColumn);
    const int custom = m_model->customIndexOf(section);
    if (custom >= 0) {
        const QString name = m_model->customColumns().at(custom).name;
        menu.addAction(tr("Remove column “%1”").arg(name), this, [this, name] {
            // By name: the columns may have changed while the menu was open.
            const QList<JsonColumn> &columns = m_model->customColumns();
            for (int i = 0; i < columns.size(); ++i) {
                if (columns.at(i).name == name) {
                    m_model->removeCustomColumn(i);
                    return;
                }
            }
        });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(position));
}

void EventsPanel::applyFilter()
{
    QString error;
    if (!m_model->setFilter(m_filterBar->filter(), &error)) {
        m_filterBar->showError(error);
        return;
    }
    m_filterBar->showError(QString());
}

} // namespace ssescope::ui
