#include "core/capture/CaptureIO.h"
#include "core/store/EventStore.h"

#include <QBuffer>
#include <QTest>

#include <atomic>
#include <thread>

using namespace ssescope;

namespace {

SseEvent makeEvent(
    StreamId stream, quint64 seq, const QByteArray &data, const QByteArray &type = "message")
{
    SseEvent event;
    event.stream = stream;
    event.streamSeq = seq;
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
        const StoredEventView a = store.at(0);
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
        const StoredEventView b = store.at(1);
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
            const StoredEventView e = store.at(row);
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

    // The byte cap holds whatever the events' size; an event larger
    // than the cap is dropped and counted rather than kept over it.
    void byteCapHoldsForHugeEvents_data()
    {
        QTest::addColumn<int>("eventBytes");
        QTest::newRow("3 MiB events") << 3 * 1024 * 1024;
        QTest::newRow("9 MiB events, over the cap") << 9 * 1024 * 1024;
        QTest::newRow("1 KiB events") << 1024;
    }
    void byteCapHoldsForHugeEvents()
    {
        QFETCH(int, eventBytes);
        constexpr qint64 kCap = 8 * 1024 * 1024;
        EventStore store(EventStoreLimits { 1'000'000'000, kCap });
        const QByteArray data(eventBytes, 'h');
        const int count = std::max(12, int(3 * kCap / eventBytes));
        for (int i = 1; i <= count; ++i) {
            store.append(makeEvent(1, quint64(i), data));
            QVERIFY2(store.bytesUsed() <= kCap, qPrintable(QString::number(store.bytesUsed())));
        }
        QCOMPARE(store.droppedEvents() + quint64(store.size()), quint64(count));
        if (eventBytes < kCap)
            QCOMPARE(store.at(store.size() - 1).seq, quint64(count));
    }

    // A 64 KiB id that persists over 2,000 events is
    // stored once, not 2,000 times (128 MiB).
    void persistentIdIsStoredOnce_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::newRow("shared array (live)") << true;
        QTest::newRow("separate copies (import)") << false;
    }
    void persistentIdIsStoredOnce()
    {
        QFETCH(bool, shared);
        const QByteArray longId(64 * 1024, 'i');
        const auto bytesWith = [&](bool longIds) {
            EventStore store;
            for (int i = 1; i <= 2000; ++i) {
                SseEvent event = makeEvent(1, quint64(i), "data");
                event.id = !longIds ? QByteArray("1")
                    : shared        ? longId
                                    : QByteArray(64 * 1024, 'i');
                store.append(event);
            }
            if (longIds)
                [&] {
                    QCOMPARE(store.at(1999).id, QByteArrayView(longId));
                }();
            return store.bytesUsed();
        };
        // The long id costs its 64 KiB once; per event it would be 128 MiB.
        const qint64 extra = bytesWith(true) - bytesWith(false);
        QVERIFY2(extra <= 64 * 1024 + 4096, qPrintable(QString::number(extra)));
    }

    void snapshotStaysAsItWas()
    {
        const qint64 seg = EventStore::kSegmentEvents;
        EventStore store(EventStoreLimits { 2 * seg, qint64(1) << 40 });
        for (int i = 1; i <= int(seg + 10); ++i)
            store.append(makeEvent(1, quint64(i), "p" + QByteArray::number(i)));
        store.setStreamName(1, QStringLiteral("one"));
        const EventStoreSnapshot snapshot = store.snapshot();
        for (int i = int(seg + 11); i <= int(4 * seg); ++i)
            store.append(makeEvent(1, quint64(i), "p" + QByteArray::number(i)));
        store.setStreamName(1, QStringLiteral("renamed"));
        QVERIFY(
            store.droppedEvents() > quint64(seg)); // the snapshot's rows are gone from the store
        QCOMPARE(snapshot.size(), seg + 10);
        QCOMPARE(snapshot.firstSeq(), quint64(1));
        QCOMPARE(snapshot.at(0).data, QByteArrayView("p1"));
        QCOMPARE(snapshot.at(seg + 9).data, QByteArray("p" + QByteArray::number(seg + 10)));
        QCOMPARE(snapshot.at(seg + 10).seq, quint64(0)); // past its end
        QCOMPARE(snapshot.streamName(1), QStringLiteral("one"));
        QCOMPARE(snapshot.typeName(0), QByteArray("message"));
    }

    // A worker exports a snapshot of ~1M rows while the owner
    // appends past the cap. Run under ThreadSanitizer (the tsan preset).
    void workerExportsSnapshotWhileOwnerAppends()
    {
        const qint64 seg = EventStore::kSegmentEvents;
        const int rows = int(61 * seg); // ~1M
        EventStore store(EventStoreLimits { rows, qint64(1) << 40 });
        store.setStreamName(1, QStringLiteral("s"));
        int next = 1;
        for (; next <= rows; ++next)
            store.append(makeEvent(1, quint64(next), "x"));
        const EventStoreSnapshot snapshot = store.snapshot();
        std::atomic<bool> done { false };
        ExportResult result;
        QByteArray out;
        // std::thread: its join is visible to TSan (Debian's Qt is not instrumented).
        std::thread worker([&] {
            QBuffer buffer(&out);
            buffer.open(QIODevice::WriteOnly);
            result = exportStore(snapshot, CaptureFormat::Csv, &buffer);
            done = true;
        });
        // Bounded: at most 4M appends, which drop every row of the snapshot
        // from the store several times over.
        for (int i = 0; i < 4 * rows && !done; ++i, ++next)
            store.append(makeEvent(1, quint64(next), "y"));
        worker.join(); // the export is bounded by the snapshot's rows
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.written, qint64(rows));
        QCOMPARE(out.count("\r\n"), qsizetype(rows + 1)); // the header, then every row
        QVERIFY(!out.contains(",y,"));
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
