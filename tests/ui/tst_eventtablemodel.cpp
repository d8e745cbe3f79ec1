// The live event table's model: whole-batch inserts, cap drops removed first,
// time-sliced filtering and worker sorting, all under QAbstractItemModelTester.
#include "UiTestSupport.h"

#include "app/dashboard/EnglishPlurals.h"
#include "ui/events/EventTableModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using ssescope::test::ingestEvents;

namespace {

QByteArray tickerData(int i)
{
    return "{\"seq\":" + QByteArray::number(i) + ",\"symbol\":\"" + (i % 10 == 0 ? "ACME" : "INIT")
        + "\",\"pad\":\"" + QByteArray(i % 7, 'x') + "\"}";
}

// 30 'a' then 'b': (a+)+$ tries every way to split the a's before failing.
QByteArray catastrophicRow(int)
{
    QByteArray data(31, 'a');
    data[30] = 'b';
    return data;
}

QByteArray numberedHay(int n)
{
    QByteArray data = QByteArray::number(n);
    data.append(" hay");
    return data;
}

} // namespace

class TestEventTableModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesInsertWholeAndFollowTheStore();
    void capDropsAreRemovedBeforeInserts();
    void filterNarrowsAndFollowsNewRows();
    void invalidRegexLeavesTableAsItWas();
    void sortsOnAWorkerAndAppendsNewRowsBelow();
    void filteringAMillionRowsYieldsToTheEventLoop();
    void frozenTableCatchesUpWhenThawed();
    void catastrophicRegexStopsWithASentence();
    void slowScanIsAbandonedWhenTheFilterChanges();
    void aBigTableTakesBatchesAtMostOncePerInterval();
    void aScanNeverShowsRowsTheCapDroppedMeanwhile();
    void customColumnsShowJsonValues();
    void sortsAndFiltersByACustomColumn();
    void removingTheSortedCustomColumnUnsorts();
};

void TestEventTableModel::batchesInsertWholeAndFollowTheStore()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    ingestEvents(session, 1, 500, tickerData);
    ingestEvents(session, 2, 300, tickerData);
    QCOMPARE(inserted.count(), 2); // one per batch, never one per row
    QCOMPARE(model.rowCount(), 800);
    QCOMPARE(model.seqAt(0), 1u);
    QCOMPARE(model.index(799, EventTableModel::SeqColumn).data().toString(), u"800"_s);
    QCOMPARE(model.index(0, EventTableModel::DataColumn).data().toString(),
        QString::fromUtf8(tickerData(0)));
    QCOMPARE(model.index(1, EventTableModel::SizeColumn).data().toString(),
        QString::number(tickerData(1).size() + 7));
}

void TestEventTableModel::capDropsAreRemovedBeforeInserts()
{
    EventStoreLimits limits;
    limits.maxEvents = 2 * EventStore::kSegmentEvents;
    DashboardSession session(limits);
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList order;
    connect(
        &model, &QAbstractItemModel::rowsRemoved, this, [&order] { order.append(u"removed"_s); });
    connect(
        &model, &QAbstractItemModel::rowsInserted, this, [&order] { order.append(u"inserted"_s); });
    const int perBatch = 10000;
    for (int i = 0; i < 6; ++i)
        ingestEvents(session, 1, perBatch, tickerData);
    QCOMPARE(model.rowCount(), session.store().size());
    QVERIFY(session.store().droppedEvents() > 0);
    QCOMPARE(model.seqAt(0), session.store().firstSeq());
    QCOMPARE(model.seqAt(model.rowCount() - 1), session.store().lastSeq());
    const qsizetype firstRemoval = order.indexOf(u"removed"_s);
    QVERIFY(firstRemoval > 0);
    QCOMPARE(order.at(firstRemoval + 1), u"inserted"_s); // removed first: no ghost rows
}

void TestEventTableModel::filterNarrowsAndFollowsNewRows()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 1000, tickerData);
    EventFilter filter;
    filter.text = u"acme"_s;
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 100);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(
            model.index(row, EventTableModel::DataColumn).data().toString().contains(u"ACME"_s));
    ingestEvents(session, 2, 50, tickerData);
    QTRY_COMPARE(model.rowCount(), 105);
    filter.streams = { 2 };
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.setFilter(EventFilter {}));
    QCOMPARE(model.rowCount(), 1050);
}

void TestEventTableModel::invalidRegexLeavesTableAsItWas()
{
    DashboardSession session;
    EventTableModel model(&session);
    ingestEvents(session, 1, 20, tickerData);
    EventFilter filter;
    filter.text = u"[unclosed"_s;
    filter.regex = true;
    QString error;
    QVERIFY(!model.setFilter(filter, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(model.rowCount(), 20);
}

void TestEventTableModel::sortsOnAWorkerAndAppendsNewRowsBelow()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 700, tickerData);
    QSignalSpy rebuilt(&model, &EventTableModel::rowsRebuilt);
    model.sort(EventTableModel::SizeColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(rebuilt.count(), 1);
    QCOMPARE(model.rowCount(), 700);
    int previous = INT_MAX;
    for (int row = 0; row < model.rowCount(); ++row) {
        const int size = model.index(row, EventTableModel::SizeColumn).data().toInt();
        QVERIFY(size <= previous);
        previous = size;
    }
    ingestEvents(session, 2, 10, tickerData);
    QTRY_COMPARE(model.rowCount(), 710);
    QCOMPARE(model.seqAt(709), session.store().lastSeq()); // new rows follow the sorted part
    model.sort(-1);
    QCOMPARE(model.seqAt(0), 1u);
    QCOMPARE(model.seqAt(709), 710u);
}

void TestEventTableModel::filteringAMillionRowsYieldsToTheEventLoop()
{
    DashboardSession session;
    EventTableModel model(&session);
    for (int i = 0; i < 10; ++i)
        ingestEvents(session, 1, 100'000,
            [](int n) { return n % 1000 == 0 ? QByteArray("needle") : QByteArray("hay"); });
    // A table this big takes the last batches in one sync a moment later.
    QTRY_COMPARE(model.rowCount(), 1'000'000);
    EventFilter filter;
    filter.text = u"needle"_s;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(model.setFilter(filter));
    // setFilter only starts the work; the event loop goes on turning while
    // the scan runs, and takes the rows as they are found.
    QVERIFY(model.isBusy());
    int turns = 0;
    while (model.isBusy() && clock.elapsed() < 30000) {
        QTest::qWait(1);
        ++turns;
    }
    QVERIFY(!model.isBusy());
    QVERIFY2(turns > 1, "the scan must take several event-loop turns");
    QCOMPARE(model.rowCount(), 1000);
}

void TestEventTableModel::frozenTableCatchesUpWhenThawed()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 10, tickerData);
    model.setFrozen(true);
    ingestEvents(session, 1, 10, tickerData);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(session.store().size(), 20); // capture went on
    model.setFrozen(false);
    QCOMPARE(model.rowCount(), 20);
}

// (a+)+$ over rows of 30 'a' then 'b' backtracks 2^30 ways
// per row. Each row is bounded by the matcher's budget, the scan reads its
// clock after every regex row, and the first row over budget stops the scan
// with a sentence instead of stalling on every row after it.
void TestEventTableModel::catastrophicRegexStopsWithASentence()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 3, [](int) { return QByteArray("aab"); });
    ingestEvents(session, 1, 2000, catastrophicRow);
    QSignalSpy stopped(&model, &EventTableModel::scanStopped);
    EnglishPlurals plurals; // as the application reads "%n row(s)"
    QCoreApplication::installTranslator(&plurals);
    EventFilter filter;
    filter.regex = true;
    filter.text = u"(a+)+$"_s;
    QVERIFY(model.setFilter(filter));
    QVERIFY(model.isBusy());
    // Stopped, not stalled on each of the 2000 rows (about a second each).
    QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 20000);
    QCOMPARE(stopped.count(), 1);
    // The three short rows were judged; the first catastrophic one stopped it.
    QCOMPARE(model.scanStopReason(), u"The pattern is too slow: stopped after 3 rows."_s);
    QCoreApplication::removeTranslator(&plurals);
    QCOMPARE(stopped.at(0).at(0).toString(), model.scanStopReason());
    QCOMPARE(model.rowCount(), 0);
    // New rows are not scanned with a pattern that was given up on.
    ingestEvents(session, 1, 10, [](int) { return QByteArray("aab"); });
    QCoreApplication::processEvents();
    QVERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 0);
    // A usable pattern clears the reason and scans again.
    filter.text = u"^a+b$"_s;
    QVERIFY(model.setFilter(filter));
    QVERIFY(model.scanStopReason().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 20000);
    QCOMPARE(model.rowCount(), 2013);
}

void TestEventTableModel::slowScanIsAbandonedWhenTheFilterChanges()
{
    DashboardSession session;
    EventTableModel model(&session);
    for (int i = 0; i < 4; ++i)
        ingestEvents(session, 1, 100'000, numberedHay);
    EventFilter filter;
    filter.regex = true;
    filter.text = u"(h|a|y| )+\\d$"_s; // backtracks on every row, under the budget
    QVERIFY(model.setFilter(filter));
    QCoreApplication::processEvents(); // one slice of it
    QVERIFY(model.isBusy());
    filter.regex = false;
    filter.text = u"99999 hay"_s;
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 30000);
    // Only the new filter's rows: the old scan's cursor was dropped with it.
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.scanStopReason().isEmpty());
}

// Stalls must not grow with the rows held: each row count change costs
// the view's QHeaderView a pass over every row, so a big table must not
// change per batch. It takes the batches that came meanwhile in one sync.
void TestEventTableModel::aBigTableTakesBatchesAtMostOncePerInterval()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto hay = [](int) {
        return QByteArray("hay");
    };
    ingestEvents(session, 1, int(EventTableModel::kCoalesceRows), hay);
    QCOMPARE(model.rowCount(), EventTableModel::kCoalesceRows);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 5; ++i)
        ingestEvents(session, 1, 100, hay);
    // Within one interval of the last sync: nothing yet, then one sync for all five.
    QCOMPARE(inserted.count(), 0);
    QTRY_COMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), EventTableModel::kCoalesceRows + 500);
    QCOMPARE(model.seqAt(model.rowCount() - 1), session.store().lastSeq());
    // A small table still takes each batch at once.
    session.clearCapture();
    inserted.clear();
    ingestEvents(session, 1, 10, hay);
    ingestEvents(session, 1, 10, hay);
    QCOMPARE(inserted.count(), 2);
}

// The scan reads a snapshot on a worker while the GUI thread goes on
// ingesting and the cap goes on dropping: what it found among the dropped
// rows is never shown, and the rows that came meanwhile are scanned too.
void TestEventTableModel::aScanNeverShowsRowsTheCapDroppedMeanwhile()
{
    EventStoreLimits limits;
    limits.maxEvents = 2 * EventStore::kSegmentEvents;
    DashboardSession session(limits);
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 30000, numberedHay);
    EventFilter filter;
    filter.text = u"hay"_s; // every row
    QVERIFY(model.setFilter(filter));
    QVERIFY(model.isBusy());
    // No event-loop turn yet: whatever the worker found is still on its way.
    for (int i = 0; i < 4; ++i)
        ingestEvents(session, 2, 30000, numberedHay);
    QVERIFY(session.store().droppedEvents() > 30000); // all the snapshot's rows
    QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 30000);
    QCOMPARE(model.rowCount(), session.store().size());
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.seqAt(row), session.store().firstSeq() + quint64(row));
}

void TestEventTableModel::customColumnsShowJsonValues()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 30, tickerData);
    QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
    QSignalSpy changed(&model, &EventTableModel::customColumnsChanged);
    model.addCustomColumn({ u"symbol"_s, u"/symbol"_s });
    model.addCustomColumn({ u"missing"_s, u"/nothing/here"_s });
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.columnCount(), EventTableModel::ColumnCount + 2);
    const int symbol = EventTableModel::ColumnCount;
    QCOMPARE(model.headerData(symbol, Qt::Horizontal, Qt::DisplayRole).toString(), u"symbol"_s);
    QVERIFY(model.headerData(symbol, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(u"/symbol"_s));
    QCOMPARE(model.index(10, symbol).data().toString(), u"ACME"_s);
    QCOMPARE(model.index(11, symbol).data().toString(), u"INIT"_s);
    QCOMPARE(model.index(11, symbol + 1).data().toString(), QString());
    // New rows show their values too.
    ingestEvents(session, 1, 5,
        [](int i) -> QByteArray { return "{\"symbol\":\"NEW" + QByteArray::number(i) + "\"}"; });
    QCOMPARE(model.index(30, symbol).data().toString(), u"NEW0"_s);
    model.setCustomColumns({ { u"seq"_s, u"/seq"_s } });
    QCOMPARE(model.columnCount(), EventTableModel::ColumnCount + 1);
    QCOMPARE(model.index(7, symbol).data().toString(), u"7"_s);
}

void TestEventTableModel::sortsAndFiltersByACustomColumn()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 200, tickerData);
    model.addCustomColumn({ u"seq"_s, u"/seq"_s });
    const int seqColumn = EventTableModel::ColumnCount;
    // Numbers sort as numbers: 2 before 10, not "10" before "2".
    model.sort(seqColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.isSorted());
    for (int row = 0; row < 12; ++row)
        QCOMPARE(model.index(row, seqColumn).data().toString(), QString::number(row));
    model.sort(seqColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.index(0, seqColumn).data().toString(), u"199"_s);
    QCOMPARE(model.index(199, seqColumn).data().toString(), u"0"_s);
    model.sort(-1);

    // Filtering in the column's value, not in the whole data: "1" is in
    // every row's data ("seq":1.., the pad) but is the value of one row only.
    EventFilter filter;
    filter.text = u"^1$"_s;
    filter.regex = true;
    filter.pointer = u"/seq"_s;
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, seqColumn).data().toString(), u"1"_s);
    filter.regex = false;
    filter.text = u"ACME"_s;
    filter.pointer = u"/symbol"_s;
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 20);
}

void TestEventTableModel::removingTheSortedCustomColumnUnsorts()
{
    DashboardSession session;
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ingestEvents(session, 1, 50, tickerData);
    model.addCustomColumn({ u"pad"_s, u"/pad"_s });
    model.addCustomColumn({ u"seq"_s, u"/seq"_s });
    model.sort(EventTableModel::ColumnCount + 1, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.seqAt(0), 50u);
    model.removeCustomColumn(0); // the sorted column moves left
    QVERIFY(model.isSorted());
    QCOMPARE(model.index(0, EventTableModel::ColumnCount).data().toString(), u"49"_s);
    model.removeCustomColumn(0);
    QVERIFY(!model.isSorted());
    QCOMPARE(model.seqAt(0), 1u);
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
}

QTEST_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
