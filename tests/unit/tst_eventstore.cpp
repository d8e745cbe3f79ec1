#include "store/EventStore.h"

#include <QTest>

using namespace ssescope;

namespace {

SseEvent makeEvent(
    StreamId stream, quint64 seq, const QByteArray &data, const QByteArray &type = "message")
{
    SseEvent event;
    event.stream = stream;
    event.seq = seq;
    event.id = QByteArray::number(seq);
    event.type = type;
    event.data = data;
    event.arrivalSteadyNs = qint64(seq) * 1000;
    event.arrivalWallNs = 1'700'000'000'000'000'000LL + qint64(seq) * 1000;
    event.chunkIndex = seq / 2;
    event.wireBytes = quint32(data.size() + 10);
    return event;
}

} // namespace

class EventStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAndReadBack()
    {
        EventStore store;
        QCOMPARE(store.append(makeEvent(3, 1, "hello", "tick")), quint64(1));
        QCOMPARE(store.append(makeEvent(4, 2, "", "message"), 12.5), quint64(2));
        QCOMPARE(store.size(), qint64(2));
        const StoredEvent a = store.at(0);
        QCOMPARE(a.seq, quint64(1));
        QCOMPARE(a.stream, StreamId(3));
        QCOMPARE(a.id, QByteArrayView("1"));
        QCOMPARE(a.type, QByteArrayView("tick"));
        QCOMPARE(a.data, QByteArrayView("hello"));
        QCOMPARE(a.arrivalSteadyNs, qint64(1000));
        QCOMPARE(a.arrivalWallNs, 1'700'000'000'000'001'000LL);
        QCOMPARE(a.chunkIndex, quint32(0));
        QCOMPARE(a.wireBytes, quint32(15));
        QVERIFY(!a.latencyMs);
        const StoredEvent b = store.at(1);
        QCOMPARE(b.type, QByteArrayView("message"));
        QCOMPARE(b.data, QByteArrayView(""));
        QCOMPARE(b.latencyMs.value_or(-1), 12.5);
        QCOMPARE(store.at(2).seq, quint64(0)); // out of range: empty
    }

    void capsDropWholeOldestSegmentsAndCountThem_data()
    {
        QTest::addColumn<qint64>("maxEvents");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<int>("appended");
        QTest::addColumn<qint64>("expectedSize");
        const qint64 seg = EventStore::kSegmentEvents;
        QTest::newRow("under the cap") << 3 * seg << qint64(1) << int(2 * seg) << 2 * seg;
        QTest::newRow("event cap") << 2 * seg << qint64(1) << int(3 * seg) << 2 * seg;
        QTest::newRow("event cap, partial segment")
            << 2 * seg << qint64(1) << int(2 * seg + 5) << seg + 5;
    }
    void capsDropWholeOldestSegmentsAndCountThem()
    {
        QFETCH(qint64, maxEvents);
        QFETCH(qint64, maxBytes);
        QFETCH(int, appended);
        QFETCH(qint64, expectedSize);
        EventStore store(EventStoreLimits { maxEvents, maxBytes << 30 });
        for (int i = 1; i <= appended; ++i)
            store.append(makeEvent(1, quint64(i), "payload " + QByteArray::number(i)));
        QCOMPARE(store.size(), expectedSize);
        QCOMPARE(store.droppedEvents(), quint64(appended - expectedSize));
        QCOMPARE(store.firstSeq(), quint64(appended - expectedSize + 1));
        QCOMPARE(store.lastSeq(), quint64(appended));
        // Rows still map to the right events after dropping.
        for (qint64 row : { qint64(0), expectedSize / 2, expectedSize - 1 }) {
            const StoredEvent e = store.at(row);
            QCOMPARE(e.seq, store.firstSeq() + quint64(row));
            QCOMPARE(
                e.data.toByteArray(), QByteArray("payload " + QByteArray::number(qint64(e.seq))));
            QCOMPARE(store.rowOfSeq(e.seq), row);
        }
        QCOMPARE(store.rowOfSeq(store.firstSeq() - 1), qint64(-1));
        QCOMPARE(store.rowOfSeq(store.lastSeq() + 1), qint64(-1));
    }

    void byteCapDrops()
    {
        EventStore store(EventStoreLimits { 1'000'000'000, 8 * 1024 * 1024 });
        const QByteArray big(1000, 'b');
        for (int i = 1; i <= 50000; ++i)
            store.append(makeEvent(1, quint64(i), big));
        QVERIFY(store.bytesUsed() <= 8 * 1024 * 1024 + 2 * EventStore::kSegmentEvents * 1100);
        QVERIFY(store.droppedEvents() > 0);
        QCOMPARE(store.droppedEvents() + quint64(store.size()), quint64(50000));
        QCOMPARE(store.at(store.size() - 1).data, QByteArrayView(big));
    }

    void hugeEventIsKept()
    {
        EventStore store;
        const QByteArray huge(20 * 1024 * 1024, 'h');
        store.append(makeEvent(1, 1, huge));
        QCOMPARE(store.at(0).data.size(), huge.size());
    }

    void clearKeepsSequenceGoing()
    {
        EventStore store;
        store.append(makeEvent(1, 1, "a"));
        store.append(makeEvent(1, 2, "b"));
        store.clear();
        QCOMPARE(store.size(), qint64(0));
        QCOMPARE(store.droppedEvents(), quint64(0));
        QCOMPARE(store.append(makeEvent(1, 3, "c")), quint64(3));
        QCOMPARE(store.at(0).data, QByteArrayView("c"));
    }
};

QTEST_GUILESS_MAIN(EventStoreTest)
#include "tst_eventstore.moc"
