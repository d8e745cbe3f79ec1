#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QSplitter;
class QTableView;

namespace ssescope::ui {

class DashboardSession;
class EventDetailPane;
class EventFilterBar;
class EventTableModel;

// The central area: filter bar, the live event table and the detail pane.
// The table follows the tail only while it is scrolled to the bottom, so
// reading an old row is never interrupted by new ones.
class EventsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit EventsPanel(DashboardSession *session, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventsPanel)

    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    EventFilterBar *filterBar() const { return m_filterBar; }
    EventDetailPane *detailPane() const { return m_detail; }
    QSplitter *splitter() const { return m_splitter; }
    QAction *followAction() const { return m_follow; }
    QAction *freezeAction() const { return m_freeze; }
    QAction *addColumnAction() const { return m_addColumn; }
    QAction *removeColumnAction() const { return m_removeColumn; }
    // Asks for a name and a JSON Pointer (prefilled with pointer), adds the column.
    void addJsonColumn(const QString &pointer = QString());

    // Selects and shows the shown row nearest to a store sequence number.
    void selectSeq(quint64 seq);
    QList<quint64> selectedSeqs() const;

private:
    void handleRowsInserted();
    void updateFilterStatus();
    void handleCurrentChanged();
    void followTail();
    void applyFilter();
    void showHeaderMenu(const QPoint &position);
    void chooseColumnToRemove();

    DashboardSession *m_session;
    EventFilterBar *m_filterBar;
    EventTableModel *m_model;
    QTableView *m_view;
    EventDetailPane *m_detail;
    QSplitter *m_splitter;
    QAction *m_follow;
    QAction *m_freeze;
    QAction *m_addColumn;
    QAction *m_removeColumn;
    QTimer m_followTimer;
    bool m_atBottom = true;
    bool m_pendingScroll = false;
    quint64 m_selectedSeq = 0;
    int m_sortSection = -1;
    int m_sortClicks = 0;
};

} // namespace ssescope::ui
