#include "EventTableModel.h"

#include "ui/common/VisibleText.h"
#include "ui/session/DashboardSession.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

constexpr qsizetype kPreviewChars = 240;
constexpr qsizetype kTextKeyBytes = 64;

QString formatWallTime(qint64 wallNs)
{
    const qint64 ms = wallNs / 1'000'000;
    const int micros = int((wallNs / 1000) % 1000);
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss.zzz"_s)
        + QString::number(micros).rightJustified(3, u'0');
}

QString previewOf(QByteArrayView data)
{
    QString text
        = QString::fromUtf8(data.first(std::min<qsizetype>(data.size(), kPreviewChars * 4)));
    if (text.size() > kPreviewChars) {
        text.truncate(kPreviewChars);
        text += u'…';
    }
    // One line per row: line breaks inside data show as a visible mark.
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'␍');
    return visibleText(text);
}

} // namespace

EventTableModel::EventTableModel(DashboardSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_store(session->store())
    , m_scanTask(new BackgroundTask(this))
    , m_sortTask(new BackgroundTask(this))
{
    m_firstSeq = m_store.firstSeq();
    m_count = m_store.size();
    m_storeSize = m_store.size();
    m_syncTimer.setSingleShot(true);
    connect(&m_syncTimer, &QTimer::timeout, this, [this] {
        if (!m_frozen)
            syncWithStore();
    });
    connect(
        &session->pipeline(), &CapturePipeline::ingested, this, &EventTableModel::handleIngested);
    connect(session, &DashboardSession::captureReset, this, &EventTableModel::handleCaptureReset);
}

EventTableModel::~EventTableModel()
{
    // Before the members go: no scan or sort may outlive them.
    m_scanTask->cancel();
    m_sortTask->cancel();
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_rowsMode ? qint64(m_rows.size()) : m_count);
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + int(m_customColumns.size());
}

int EventTableModel::customIndexOf(int column) const
{
    const int index = column - ColumnCount;
    return index >= 0 && index < m_customColumns.size() ? index : -1;
}

void EventTableModel::addCustomColumn(const JsonColumn &column)
{
    const int at = columnCount();
    beginInsertColumns({}, at, at);
    m_customColumns.append(column);
    m_readers.emplace_back(column);
    m_valueCache.clear();
    endInsertColumns();
    Q_EMIT customColumnsChanged();
}

void EventTableModel::removeCustomColumn(int index)
{
    if (index < 0 || index >= m_customColumns.size())
        return;
    const int column = ColumnCount + index;
    beginRemoveColumns({}, column, column);
    m_customColumns.removeAt(index);
    m_readers.erase(m_readers.begin() + index);
    m_valueCache.clear();
    endRemoveColumns();
    if (m_sortColumn == column)
        sort(-1);
    else if (m_sortColumn > column)
        --m_sortColumn;
    Q_EMIT customColumnsChanged();
}

void EventTableModel::setCustomColumns(const QList<JsonColumn> &columns)
{
    if (columns == m_customColumns)
        return;
    while (!m_customColumns.isEmpty())
        removeCustomColumn(int(m_customColumns.size()) - 1);
    for (const JsonColumn &column : columns)
        addCustomColumn(column);
}

QString EventTableModel::customValue(const StoredEventView &event, int index) const
{
    if (const QStringList *values = m_valueCache.object(event.seq))
        return values->value(index);
    auto values = std::make_unique<QStringList>();
    values->reserve(qsizetype(m_readers.size()));
    for (const JsonColumnReader &reader : m_readers)
        values->append(previewOf(reader.valueIn(event.data)));
    const QString value = values->value(index);
    m_valueCache.insert(event.seq, values.release());
    return value;
}

quint64 EventTableModel::seqAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    return m_rowsMode ? m_rows[std::size_t(row)] : m_firstSeq + quint64(row);
}

int EventTableModel::rowOfSeq(quint64 seq) const
{
    if (!m_rowsMode) {
        if (seq < m_firstSeq || seq >= m_firstSeq + quint64(m_count))
            return -1;
        return int(seq - m_firstSeq);
    }
    if (m_sortedCount == 0) {
        const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq);
        return it != m_rows.cend() && *it == seq ? int(it - m_rows.cbegin()) : -1;
    }
    const auto it = std::find(m_rows.cbegin(), m_rows.cend(), seq);
    return it != m_rows.cend() ? int(it - m_rows.cbegin()) : -1;
}

int EventTableModel::nearestRowOfSeq(quint64 seq) const
{
    const int rows = rowCount();
    if (rows == 0)
        return -1;
    if (!m_rowsMode) {
        if (seq <= m_firstSeq)
            return 0;
        return int(std::min<quint64>(seq - m_firstSeq, quint64(rows - 1)));
    }
    if (m_sortedCount == 0) {
        const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq);
        if (it == m_rows.cend())
            return rows - 1;
        if (it != m_rows.cbegin() && seq - *(it - 1) < *it - seq)
            return int(it - m_rows.cbegin()) - 1;
        return int(it - m_rows.cbegin());
    }
    int best = 0;
    quint64 bestDistance = std::numeric_limits<quint64>::max();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const quint64 d = m_rows[i] > seq ? m_rows[i] - seq : seq - m_rows[i];
        if (d < bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

std::vector<quint64> EventTableModel::shownSeqs() const
{
    if (m_rowsMode)
        return m_rows;
    std::vector<quint64> seqs(static_cast<std::size_t>(m_count));
    for (qint64 i = 0; i < m_count; ++i)
        seqs[std::size_t(i)] = m_firstSeq + quint64(i);
    return seqs;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const quint64 seq = seqAt(index.row());
    if (role == SeqRole)
        return seq;
    const qint64 storeRow = m_store.rowOfSeq(seq);
    if (storeRow < 0) {
        // Dropped by the cap after a sort placed it: say so, don't pretend.
        if (role == Qt::DisplayRole && index.column() == DataColumn)
            return tr("(dropped by the memory cap)");
        if (role == Qt::DisplayRole && index.column() == SeqColumn)
            return QString::number(m_session->displaySeq(seq));
        return {};
    }
    const StoredEventView event = m_store.at(storeRow);
    if (role == StreamIdRole)
        return event.stream;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SeqColumn:
            return QString::number(m_session->displaySeq(event.seq));
        case TimeColumn:
            return formatWallTime(event.arrivalWallNs);
        case StreamColumn:
            return visibleText(m_session->streamName(event.stream));
        case TypeColumn:
            return visibleText(QString::fromUtf8(event.type));
        case IdColumn:
            return visibleText(
                QString::fromUtf8(event.id.first(std::min<qsizetype>(event.id.size(), 200))));
        case SizeColumn:
            return QString::number(event.wireBytes);
        case LatencyColumn:
            return event.latencyMs ? QString::number(*event.latencyMs, 'f', 2) : QString();
        case DataColumn:
            return previewOf(event.data);
        default:
            if (customIndexOf(column) >= 0)
                return customValue(event, customIndexOf(column));
            return {};
        }
    case Qt::DecorationRole:
        if (column == StreamColumn)
            return m_session->streamColor(event.stream);
        return {};
    case Qt::TextAlignmentRole:
        if (column == SeqColumn || column == SizeColumn || column == LatencyColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == DataColumn && event.data.size() > kPreviewChars)
            return tr("%n byte(s) of data; the detail pane shows all of it.", nullptr,
                int(std::min<qsizetype>(event.data.size(), INT_MAX)));
        if (column == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(event.arrivalWallNs / 1'000'000)
                .toString(Qt::ISODateWithMs);
        return {};
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && customIndexOf(section) >= 0) {
        const JsonColumn &custom = m_customColumns.at(customIndexOf(section));
        if (role == Qt::DisplayRole)
            return visibleText(custom.name);
        if (role == Qt::ToolTipRole)
            return tr("The value at %1 in each event's data (JSON)").arg(custom.pointer);
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case StreamColumn:
        return tr("Stream");
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Id");
    case SizeColumn:
        return tr("Size");
    case LatencyColumn:
        return tr("Latency ms");
    case DataColumn:
        return tr("Data");
    default:
        return {};
    }
}

bool EventTableModel::isBusy() const
{
    return m_busy;
}

void EventTableModel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

bool EventTableModel::setFilter(const EventFilter &filter, QString *error)
{
    EventMatcher matcher(filter);
    if (!matcher.isValid()) {
        if (error)
            *error = matcher.errorString();
        return false;
    }
    if (filter == m_matcher.filter())
        return true;
    m_matcher = std::move(matcher);
    if (m_matcher.acceptsAll() && m_sortColumn < 0)
        resetToIdentity();
    else
        restartScan(m_sortColumn >= 0);
    return true;
}

void EventTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount()) {
        m_sortColumn = -1;
        if (m_matcher.acceptsAll())
            resetToIdentity();
        else
            restartScan(false);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    restartScan(true);
}

void EventTableModel::resetToIdentity()
{
    ++m_generation;
    m_stopReason.clear();
    m_scanTask->requestCancel();
    m_scanning = false;
    m_rescan = false;
    m_sortScan = false;
    m_sortRunning = false;
    m_pendingKeys.clear();
    beginResetModel();
    m_rowsMode = false;
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_sortedCount = 0;
    m_firstSeq = m_store.firstSeq();
    m_count = m_store.size();
    endResetModel();
    setBusy(false);
    Q_EMIT rowsRebuilt();
}

void EventTableModel::restartScan(bool forSort)
{
    ++m_generation;
    m_stopReason.clear();
    m_scannedRows = 0;
    m_scanTask->requestCancel();
    m_scanning = false;
    m_rescan = false;
    m_pendingKeys.clear();
    m_sortRunning = false;
    m_sortScan = forSort;
    m_scanNextSeq = m_store.firstSeq();
    if (!forSort) {
        // A new filter shows its rows as the scanner finds them.
        beginResetModel();
        m_rowsMode = true;
        m_rows.clear();
        m_sortedCount = 0;
        endResetModel();
    }
    // A sort keeps showing the current rows until the sorted ones are ready.
    setBusy(true);
    scheduleScan();
}

void EventTableModel::scheduleScan()
{
    if (!m_stopReason.isEmpty())
        return;
    if (m_sortRunning)
        return;
    if (m_scanning)
        m_rescan = true;
    else
        startScanPass();
}

EventTableModel::SortKey EventTableModel::keyFor(const StoredEventView &event, int column,
    const EventStoreSnapshot &store, const JsonColumnReader *custom)
{
    SortKey key;
    key.seq = event.seq;
    if (custom) {
        // Numbers sort as numbers, before text; the rest by its first bytes.
        QByteArray value = custom->valueIn(event.data);
        key.real = value.toDouble(&key.numeric);
        key.numeric = key.numeric && !std::isnan(key.real); // NaN has no order
        if (!key.numeric) {
            value.truncate(kTextKeyBytes);
            key.text = std::move(value);
        }
        return key;
    }
    switch (column) {
    case TimeColumn:
        key.number = event.arrivalWallNs;
        break;
    case StreamColumn:
        key.text = store.streamName(event.stream).toUtf8();
        break;
    case TypeColumn:
        key.text = event.type.toByteArray();
        break;
    case IdColumn:
        key.text = event.id.first(std::min(event.id.size(), kTextKeyBytes)).toByteArray();
        break;
    case SizeColumn:
        key.number = event.wireBytes;
        break;
    case LatencyColumn:
        key.number = event.latencyMs ? qint64(*event.latencyMs * 1000.0)
                                     : std::numeric_limits<qint64>::min();
        break;
    case DataColumn:
        key.text = event.data.first(std::min(event.data.size(), kTextKeyBytes)).toByteArray();
        break;
    case SeqColumn:
    default:
        key.number = qint64(event.seq);
        break;
    }
    return key;
}

void EventTableModel::startScanPass()
{
    m_rescan = false;
    if (m_store.isEmpty()) {
        setBusy(m_sortScan);
        if (m_sortScan)
            finishSortScan();
        return;
    }
    if (m_scanNextSeq < m_store.firstSeq())
        m_scanNextSeq = m_store.firstSeq();
    // The worker reads a snapshot: the store itself is the owner thread's,
    // and the cap may drop segments while the scan runs.
    m_scanning = true;
    m_scanTask->start([this, store = m_store.snapshot(), matcher = m_matcher, from = m_scanNextSeq,
                          sortScan = m_sortScan, column = m_sortColumn,
                          custom = customIndexOf(m_sortColumn) >= 0
                              ? std::optional<JsonColumnReader>(
                                  m_readers[std::size_t(customIndexOf(m_sortColumn))])
                              : std::nullopt](BackgroundTask::Context &context) {
        const quint64 first = store.firstSeq();
        const quint64 end = first + quint64(store.size());
        // A regex row may cost up to its budget: the clock is read after each one.
        const int checkEvery = matcher.isCostly() ? 1 : 512;
        int sinceCheck = 0;
        QElapsedTimer clock;
        clock.start();
        ScanPart part;
        const auto handOver = [this, &context, &part](quint64 nextSeq) {
            part.nextSeq = nextSeq;
            context.post(
                [this, part = std::move(part)]() mutable { takeScanPart(std::move(part)); });
            part = {};
        };
        quint64 seq = from;
        for (; seq < end; ++seq) {
            const StoredEventView event = store.at(qint64(seq - first));
            const EventMatcher::Result result = matcher.match(event, event.type);
            if (result == EventMatcher::Result::TooSlow) {
                part.tooSlow = true;
                break;
            }
            if (result == EventMatcher::Result::Match) {
                if (sortScan)
                    part.keys.push_back(keyFor(event, column, store, custom ? &*custom : nullptr));
                else
                    part.found.push_back(seq);
            }
            ++part.scanned;
            if (++sinceCheck == checkEvery) {
                sinceCheck = 0;
                if (context.isCanceled())
                    return;
                if (clock.elapsed() >= kSliceMs && !part.found.empty()) {
                    handOver(seq + 1);
                    clock.restart();
                }
            }
        }
        part.last = true;
        handOver(seq);
    });
}

void EventTableModel::takeScanPart(ScanPart part)
{
    m_scannedRows += part.scanned;
    m_scanNextSeq = part.nextSeq;
    // The cap may have dropped some since the snapshot: they are never shown.
    const quint64 first = m_store.firstSeq();
    const auto kept = std::lower_bound(part.found.cbegin(), part.found.cend(), first);
    if (kept != part.found.cend()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(part.found.cend() - kept) - 1);
        m_rows.insert(m_rows.end(), kept, part.found.cend());
        endInsertRows();
    }
    if (m_sortScan)
        m_pendingKeys.insert(m_pendingKeys.end(), std::make_move_iterator(part.keys.begin()),
            std::make_move_iterator(part.keys.end()));
    if (part.last || part.tooSlow)
        m_scanning = false;
    if (part.tooSlow) {
        // Give up on the pattern rather than stall on each row that follows;
        // the rows found so far stay, and new rows are not scanned.
        m_stopReason = tr("The pattern is too slow: stopped after %Ln row(s).", nullptr,
            int(std::min<qint64>(m_scannedRows, INT_MAX)));
        m_sortScan = false;
        m_pendingKeys = {};
        m_rescan = false;
        setBusy(false);
        Q_EMIT scanStopped(m_stopReason);
        return;
    }
    if (part.last)
        endScanPass();
}

void EventTableModel::endScanPass()
{
    // Rows that came meanwhile are scanned before the pass counts as done.
    if (m_rescan || (!m_store.isEmpty() && m_scanNextSeq <= m_store.lastSeq())) {
        startScanPass();
        return;
    }
    if (m_sortScan)
        finishSortScan();
    else
        setBusy(false);
}

void EventTableModel::finishSortScan()
{
    m_sortScan = false;
    m_sortRunning = true;
    const quint64 generation = m_generation;
    const int column = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const bool byText = column == StreamColumn || column == TypeColumn || column == IdColumn
        || column == DataColumn;
    const bool mixed = customIndexOf(column) >= 0;

    // Sorting a million keys takes a few hundred milliseconds: a worker does
    // it. A newer sort or filter restarts the task, which drops this result.
    m_sortTask->start([this, keys = std::move(m_pendingKeys), descending, byText, mixed,
                          generation](BackgroundTask::Context &context) mutable {
        const auto less = [byText, mixed](const SortKey &a, const SortKey &b) {
            if (mixed) {
                if (a.numeric != b.numeric)
                    return a.numeric;
                if (a.numeric)
                    return a.real != b.real ? a.real < b.real : a.seq < b.seq;
                const int c = a.text.compare(b.text);
                return c != 0 ? c < 0 : a.seq < b.seq;
            }
            if (byText) {
                const int c = a.text.compare(b.text);
                return c != 0 ? c < 0 : a.seq < b.seq;
            }
            return a.number != b.number ? a.number < b.number : a.seq < b.seq;
        };
        if (descending)
            std::sort(keys.begin(), keys.end(),
                [&less](const SortKey &a, const SortKey &b) { return less(b, a); });
        else
            std::sort(keys.begin(), keys.end(), less);
        // Only the order goes back: the keys (a million small arrays for a
        // text column) are freed here, not on the GUI thread.
        std::vector<quint64> seqs;
        seqs.reserve(keys.size());
        for (const SortKey &key : keys)
            seqs.push_back(key.seq);
        keys = {};
        context.post([this, seqs = std::move(seqs), generation]() mutable {
            applySorted(std::move(seqs), generation);
        });
    });
    m_pendingKeys = {};
}

void EventTableModel::applySorted(std::vector<quint64> seqs, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_sortRunning = false;
    const quint64 first = m_store.firstSeq();
    beginResetModel();
    m_rowsMode = true;
    seqs.erase(
        std::remove_if(seqs.begin(), seqs.end(), [first](quint64 seq) { return seq < first; }),
        seqs.end());
    m_rows = std::move(seqs);
    m_sortedCount = qsizetype(m_rows.size());
    endResetModel();
    Q_EMIT rowsRebuilt();
    // Rows that arrived during the sort follow, in arrival order.
    if (!m_store.isEmpty() && m_scanNextSeq <= m_store.lastSeq())
        scheduleScan();
    else
        setBusy(false);
}

void EventTableModel::setFrozen(bool frozen)
{
    if (m_frozen == frozen)
        return;
    m_frozen = frozen;
    if (!frozen)
        syncWithStore();
}

void EventTableModel::handleIngested(const IngestResult &result)
{
    // IngestResult's rule: the rows dropped came from the front of the rows
    // there were, then the rows appended came at the end.
    Q_ASSERT(result.droppedFromFront <= m_storeSize);
    Q_ASSERT(m_storeSize - result.droppedFromFront + result.appended == m_store.size());
    m_storeSize = m_store.size();
    if (m_frozen)
        return;
    if (m_store.size() >= kCoalesceRows && m_lastSync.isValid()) {
        const qint64 since = m_lastSync.elapsed();
        if (since < kSyncIntervalMs) {
            if (!m_syncTimer.isActive())
                m_syncTimer.start(int(kSyncIntervalMs - since));
            return;
        }
    }
    syncWithStore();
}

void EventTableModel::syncWithStore()
{
    m_syncTimer.stop();
    if (!m_rowsMode) {
        syncIdentity();
    } else {
        dropFilteredFront();
    }
    if (m_rowsMode || m_sortScan)
        scheduleScan();
    // From the end: the interval is the event loop's own time between syncs,
    // however long the views took over this one.
    m_lastSync.start();
}

void EventTableModel::syncIdentity()
{
    const quint64 storeFirst = m_store.firstSeq();
    // Removed first, then inserted: a view never sees rows that are gone.
    if (storeFirst > m_firstSeq) {
        const qint64 remove = std::min<qint64>(m_count, qint64(storeFirst - m_firstSeq));
        if (remove > 0) {
            beginRemoveRows({}, 0, int(remove) - 1);
            m_firstSeq += quint64(remove);
            m_count -= remove;
            endRemoveRows();
        }
        m_firstSeq = storeFirst;
    }
    const qint64 add = m_store.size() - m_count;
    if (add > 0) {
        beginInsertRows({}, int(m_count), int(m_count + add) - 1);
        m_count += add;
        endInsertRows();
    }
}

void EventTableModel::dropFilteredFront()
{
    const quint64 first = m_store.firstSeq();
    // The unsorted part is in arrival order: what the cap dropped is its head.
    const auto begin = m_rows.begin() + m_sortedCount;
    const auto end = std::lower_bound(begin, m_rows.end(), first);
    const int count = int(end - begin);
    if (count > 0) {
        beginRemoveRows({}, int(m_sortedCount), int(m_sortedCount) + count - 1);
        m_rows.erase(begin, end);
        endRemoveRows();
    }
}

void EventTableModel::handleCaptureReset()
{
    m_valueCache.clear();
    m_storeSize = m_store.size();
    if (m_sortColumn >= 0 || !m_matcher.acceptsAll())
        restartScan(m_sortColumn >= 0);
    else
        resetToIdentity();
}

} // namespace ssescope::ui
