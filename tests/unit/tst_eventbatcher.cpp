// EventBatch (flat events, shared ids) and EventBatcher (bounded, lossless
// hand-over with backpressure), the latter against the demo server.
#include "core/demo/DemoServerThread.h"
#include "core/net/EventBatcher.h"
#include "core/net/StreamManager.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

SseEventView view(StreamId stream, quint64 seq, QByteArrayView id, QByteArrayView data,
    QByteArrayView type = "message")
{
    SseEventView event;
    event.stream = stream;
    event.streamSeq = seq;
    event.id = id;
    event.type = type;
    event.data = data;
    event.arrivalSteadyNs = qint64(seq) * 10;
    event.arrivalWallNs = 1'700'000'000'000'000'000LL + qint64(seq);
    event.chunkIndex = seq / 3;
    event.wireBytes = quint32(data.size() + 7);
    event.idOrigin = seq % 2 ? IdOrigin::Own : IdOrigin::CarriedOver;
    return event;
}

} // namespace

class EventBatcherTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ssescope::EventBatchPtr>();
        QVERIFY(m_server.start());
    }

    void flatBatchGivesBackEveryField_data()
    {
        QTest::addColumn<int>("firstPart"); // events in the batch taken into
        QTest::newRow("one batch") << 0;
        QTest::newRow("merged") << 2;
    }
    void flatBatchGivesBackEveryField()
    {
        QFETCH(int, firstPart);
        const QByteArray idA = "7", idB = "8", typeA = "tick", typeB = "message";
        const QByteArray datas[] = { "hello", "", "{\"x\":1}", "last" };
        const QByteArray longId(200, 'L');
        EventBatch parts[2];
        EventBatch::SharedTexts texts[2];
        for (int i = 0; i < 4; ++i) {
            const QByteArray &id = i == 0 ? idA : i == 1 ? longId : idB;
            const QByteArray &type = i % 2 ? typeA : typeB;
            const std::optional<double> latency = i == 2 ? std::nullopt : std::optional(i * 1.5);
            parts[i < firstPart ? 0 : 1].append(
                view(StreamId(1 + i % 2), quint64(i + 1), id, datas[i], type), texts[i % 2],
                latency);
        }
        parts[0].counters.insert(1, SubscriptionCounters { 1, 0, 10, 1, 2, 0, 0, 0, 5 });
        EventBatch batch;
        batch.takeFrom(parts[0]);
        batch.takeFrom(parts[1]);
        QVERIFY(parts[1].isEmpty());
        QCOMPARE(batch.eventCount(), qsizetype(4));
        for (int i = 0; i < 4; ++i) {
            const SseEventView e = batch.event(i);
            QCOMPARE(e.stream, StreamId(1 + i % 2));
            QCOMPARE(e.streamSeq, quint64(i + 1));
            QCOMPARE(e.id, QByteArrayView(i == 0 ? idA : i == 1 ? longId : idB));
            QCOMPARE(batch.sharedId(i) != nullptr, i == 1);
            QCOMPARE(e.type, QByteArrayView(i % 2 ? typeA : typeB));
            QCOMPARE(e.data, QByteArrayView(datas[i]));
            QCOMPARE(e.arrivalSteadyNs, qint64(i + 1) * 10);
            QCOMPARE(e.arrivalWallNs, 1'700'000'000'000'000'000LL + i + 1);
            QCOMPARE(e.chunkIndex, quint64(i + 1) / 3);
            QCOMPARE(e.wireBytes, quint32(datas[i].size() + 7));
            // Whether the event had an id field reaches the id check.
            QCOMPARE(e.idOrigin, i % 2 ? IdOrigin::CarriedOver : IdOrigin::Own);
            QCOMPARE(batch.latencyMs(i), i == 2 ? std::nullopt : std::optional(i * 1.5));
        }
        QCOMPARE(batch.counters.value(1).connectedNs, qint64(5));
    }

    // Append copies an id that changed and the data into the arena in
    // one step, keeps an unchanged short id once, and regrows the arena
    // without losing what it held. Ids around the inline limit, repeated and
    // changed, on two streams, with data large enough to regrow.
    void appendKeepsIdsAndDataWhateverTheirSizes_data()
    {
        QTest::addColumn<int>("idLength");
        QTest::addColumn<int>("dataLength");
        for (const int idLength : { 0, 1, 8, 16, 17, 63, 64, 65, 200 }) {
            for (const int dataLength : { 0, 50, 9000 }) {
                QTest::addRow("id %d, data %d", idLength, dataLength) << idLength << dataLength;
            }
        }
    }
    void appendKeepsIdsAndDataWhateverTheirSizes()
    {
        QFETCH(int, idLength);
        QFETCH(int, dataLength);
        const auto id = [&](char c) {
            return QByteArray(idLength, 'i').append(c).right(idLength);
        };
        const QByteArray ids[] = { id('a'), id('a'), id('b'), id('a'), id('a'), id('c') };
        const StreamId streams[] = { 1, 1, 1, 1, 2, 2 };
        EventBatch batch;
        EventBatch::SharedTexts texts[2];
        QByteArrayList datas;
        for (int i = 0; i < 6; ++i) {
            datas.append(QByteArray(dataLength, char('0' + i)));
            // Fresh copies, as a parser's reused buffers give: nothing shared by address.
            const QByteArray idCopy(ids[i].constData(), ids[i].size());
            batch.append(
                view(streams[i], quint64(i + 1), idCopy, datas.back(), i == 3 ? "tick" : "message"),
                texts[streams[i] - 1], {});
        }
        QCOMPARE(batch.eventCount(), qsizetype(6));
        for (int i = 0; i < 6; ++i) {
            const SseEventView e = batch.event(i);
            QCOMPARE(e.id, QByteArrayView(ids[i]));
            QCOMPARE(e.data, QByteArrayView(datas[i]));
            QCOMPARE(e.type, QByteArrayView(i == 3 ? "tick" : "message"));
            QCOMPARE(batch.sharedId(i) != nullptr, idLength > EventBatch::kInlineIdBytes);
        }
        if (idLength > EventBatch::kInlineIdBytes || idLength == 0)
            return;
        // One copy per change: events 0 and 1 share their id's bytes, 3 has its own.
        QCOMPARE(batch.event(1).id.data(), batch.event(0).id.data());
        QVERIFY(batch.event(3).id.data() != batch.event(0).id.data());
        QVERIFY(batch.event(4).id.data() != batch.event(3).id.data()); // another stream
    }

    // A long id that persists is held once per change, in a
    // batch built from many reads too, not once per event.
    void persistentIdIsHeldOnce()
    {
        const QByteArray longId(64 * 1024, 'i');
        EventBatch pending;
        EventBatch::SharedTexts texts; // the subscription's, kept across reads
        EventBatch local; // reused for every read, as the subscription does
        for (int read = 0; read < 2000; ++read) { // one event per read
            const QByteArray data = "x";
            // A fresh copy each time, as a parser's reused buffer would give.
            local.append(view(1, quint64(read + 1), QByteArray(64 * 1024, 'i'), data), texts, {});
            pending.takeFrom(local);
        }
        QCOMPARE(pending.eventCount(), qsizetype(2000));
        QCOMPARE(pending.event(1999).id, QByteArrayView(longId));
        // 64 KiB + a record and a little per read; an id per event would be 128 MiB.
        QVERIFY2(
            pending.bytes() < 64 * 1024 + 2000 * 300, qPrintable(QString::number(pending.bytes())));
    }

    void batcherSaysFullAndWakesWhenTaken()
    {
        EventBatcher batcher;
        batcher.setLimits(EventBatcherLimits { 1 << 30, 10 });
        QSignalSpy room(&batcher, &EventBatcher::roomAvailable);
        QSignalSpy ready(&batcher, &EventBatcher::batchReady);
        EventBatch::SharedTexts texts;
        for (int i = 1; i <= 12; ++i) { // published past the limit: accepted, never dropped
            EventBatch local;
            local.append(view(1, quint64(i), "1", "d"), texts, {});
            batcher.publish(local, 1, {});
        }
        QVERIFY(!batcher.admit());
        QCOMPARE(room.size(), 0);
        batcher.flushNow();
        QCOMPARE(room.size(), 1);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).value<EventBatchPtr>()->eventCount(), qsizetype(12));
        QVERIFY(batcher.admit());
        batcher.flushNow(); // nothing pending, nobody waiting: no signal
        QCOMPARE(room.size(), 1);
        QCOMPARE(ready.size(), 1);
    }

    // A consumer far slower than the stream gets batches bounded by
    // the limits (the subscription stops reading; TCP pushes back) and loses
    // nothing.
    void slowConsumerGetsBoundedBatchesAndEverything()
    {
        constexpr int kEvents = 30000;
        constexpr qint64 kMaxEvents = 500;
        StreamManager manager;
        manager.setBatchLimits(EventBatcherLimits { 256 * 1024, kMaxEvents });
        qsizetype largest = 0;
        quint64 expected = 1;
        bool inOrder = true;
        connect(&manager, &StreamManager::eventsReceived, this, [&](const EventBatchPtr &batch) {
            largest = std::max(largest, batch->eventCount());
            for (qsizetype i = 0; i < batch->eventCount(); ++i)
                inOrder = inOrder && batch->event(i).id == QByteArray::number(expected++);
            QThread::msleep(100); // the slow consumer's work
        });
        SubscriptionConfig config;
        config.url = m_server.url(u"/ticker?rate=0&count=%1"_s.arg(kEvents));
        config.readBufferBytes = 64 * 1024;
        const StreamId id = manager.addSubscription(config);
        QTRY_COMPARE_WITH_TIMEOUT(expected, quint64(kEvents + 1), 60000);
        QVERIFY(inOrder);
        QCOMPARE(manager.counters(id).events, quint64(kEvents));
        // One read loop hands over at most 4,096 events past the limit.
        qInfo("largest batch: %lld events", static_cast<long long>(largest));
        QVERIFY2(largest <= kMaxEvents + 4096, qPrintable(QString::number(largest)));
    }
};

QTEST_GUILESS_MAIN(EventBatcherTest)
#include "tst_eventbatcher.moc"
