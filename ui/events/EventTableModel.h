#pragma once

#include "core/common/BackgroundTask.h"
#include "core/store/EventFilter.h"
#include "core/store/JsonColumn.h"
#include "core/pipeline/CapturePipeline.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QStringList>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <vector>

namespace ssescope::ui {

class DashboardSession;

// The live event table over the session's store: never a widget or an object
// per row. Rows arrive in whole batches (one beginInsertRows per batch, one
// beginRemoveRows for what the cap dropped, removed first so no ghost rows),
// and display strings are built only for the rows on screen.
//
// Unfiltered and unsorted, row r is simply the store's row r. With a filter
// or a sort the model keeps the matching store sequence numbers; those are
// found by a scan of a store snapshot on a BackgroundTask, which hands over
// what it found every few milliseconds, so filtering a million rows never
// freezes the window, and rows appear as they are found. Sorting sorts keys
// on another BackgroundTask; rows that arrive after a sort are appended
// below the sorted part, in arrival order, until the next sort.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        StreamColumn,
        TypeColumn,
        IdColumn,
        SizeColumn,
        LatencyColumn,
        DataColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1, StreamIdRole };

    explicit EventTableModel(DashboardSession *session, QObject *parent = nullptr);
    ~EventTableModel() override;
    Q_DISABLE_COPY_MOVE(EventTableModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Returns false, and leaves the table as it was, when the filter is invalid.
    bool setFilter(const EventFilter &filter, QString *error = nullptr);
    const EventFilter &filter() const { return m_matcher.filter(); }
    bool isFiltered() const { return !m_matcher.acceptsAll(); }
    bool isSorted() const { return m_sortColumn >= 0; }

    // User-defined columns (a name and a JSON Pointer into the data), after
    // the standard ones. Their values are read only for the rows a view asks
    // for, and a few thousand rows' values are kept; sorting and filtering by
    // them run on the same workers as the standard columns.
    const QList<JsonColumn> &customColumns() const { return m_customColumns; }
    void addCustomColumn(const JsonColumn &column);
    void removeCustomColumn(int index); // index into customColumns()
    void setCustomColumns(const QList<JsonColumn> &columns);
    // The custom column shown at this section, or -1.
    int customIndexOf(int column) const;
    static constexpr int kValueCacheRows = 4096;
    // A frozen table stops taking new rows; capture goes on, and the rows
    // that arrived meanwhile appear when it thaws.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }
    // True while the scanner or a sort is still working through the store.
    bool isBusy() const;
    // Why the scanner gave up on the current filter (a regex over its budget
    // on some row), or empty.
    QString scanStopReason() const { return m_stopReason; }

    quint64 seqAt(int row) const; // 0 when out of range
    int rowOfSeq(quint64 seq) const; // -1 when not shown
    // The shown row nearest to a store sequence number (for chart clicks).
    int nearestRowOfSeq(quint64 seq) const;
    std::vector<quint64> shownSeqs() const; // for "export the current filter"

    // How often the scan hands the rows it found to the table.
    static constexpr int kSliceMs = 8;
    // From this many rows held, batches are taken into the table at most once
    // per kSyncIntervalMs instead of one by one: every row count change costs
    // QTableView's vertical QHeaderView a pass over all its sections (its
    // start positions, and a move of them all when the cap drops the top),
    // so per batch that was linear in the rows held, batches come hundreds of
    // times a second, and at 5M rows the GUI thread had no time left.
    static constexpr qint64 kCoalesceRows = 100'000;
    static constexpr int kSyncIntervalMs = 100;

Q_SIGNALS:
    void busyChanged(bool busy);
    // The filter's pattern was too slow for some row: the scan stopped there.
    void scanStopped(const QString &reason);
    // Rows were reordered or the table rebuilt: views restore their selection.
    void rowsRebuilt();
    void customColumnsChanged();

private:
    struct SortKey
    {
        qint64 number = 0;
        QByteArray text;
        quint64 seq = 0;
        double real = 0; // a custom column's value, when it is a number
        bool numeric = false;
    };

    // What a scan pass found since it last handed over; on the owner thread.
    struct ScanPart
    {
        std::vector<quint64> found; // filtering
        std::vector<SortKey> keys; // collecting for a sort
        qint64 scanned = 0;
        quint64 nextSeq = 0; // the scan's cursor after this part
        bool last = false;
        bool tooSlow = false;
    };

    void handleIngested(const IngestResult &result);
    void syncWithStore();
    void handleCaptureReset();
    void syncIdentity();
    void dropFilteredFront();
    void scheduleScan();
    void startScanPass();
    void takeScanPart(ScanPart part);
    void endScanPass();
    void finishSortScan();
    void applySorted(std::vector<quint64> seqs, quint64 generation);
    static SortKey keyFor(const StoredEventView &event, int column, const EventStoreSnapshot &store,
        const JsonColumnReader *custom);
    QString customValue(const StoredEventView &event, int index) const;
    void resetToIdentity();
    void restartScan(bool forSort);
    void setBusy(bool busy);

    DashboardSession *m_session;
    const EventStore &m_store;
    EventMatcher m_matcher;

    // Identity mode: rows are store rows [0, m_count) from m_firstSeq.
    quint64 m_firstSeq = 1;
    qint64 m_count = 0;

    // Filtered or sorted mode: the store seqs shown, in display order.
    std::vector<quint64> m_rows;
    qsizetype m_sortedCount = 0; // leading rows that are in sort order
    quint64 m_scanNextSeq = 1; // the scanner's cursor
    std::vector<SortKey> m_pendingKeys; // collected for a sort in progress
    bool m_sortScan = false;
    bool m_sortRunning = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_generation = 0; // invalidates sorts in flight
    bool m_scanning = false; // a scan pass is on m_scanTask
    bool m_rescan = false; // rows came during a scan pass: another follows
    QTimer m_syncTimer; // a coalesced sync with the store, pending
    QElapsedTimer m_lastSync;
    bool m_busy = false;
    QString m_stopReason;
    qint64 m_scannedRows = 0; // by the current filter, for the stop reason
    bool m_frozen = false;
    bool m_rowsMode = false; // m_rows is what the view shows
    qint64 m_storeSize = 0; // as of the last ingest or reset, to check IngestResult
    QList<JsonColumn> m_customColumns;
    std::vector<JsonColumnReader> m_readers;
    // Per shown row: its custom columns' display values.
    mutable QCache<quint64, QStringList> m_valueCache { kValueCacheRows };
    BackgroundTask *m_scanTask;
    BackgroundTask *m_sortTask;
};

} // namespace ssescope::ui
