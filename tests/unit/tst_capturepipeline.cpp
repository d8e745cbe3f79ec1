// CapturePipeline: one place that stores and measures every batch.
#include "core/pipeline/CapturePipeline.h"
#include "StatsTestSupport.h"

#include <QRandomGenerator>

#include <QSignalSpy>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

// Builds a batch the way subscriptions do: shared id and type arrays.
class BatchBuilder
{
public:
    BatchBuilder &event(StreamId stream, quint64 seq, const QByteArray &id, const QByteArray &data,
        qint64 steadyNs, std::optional<double> latency = std::nullopt)
    {
        SseEventView view;
        view.stream = stream;
        view.streamSeq = seq;
        view.id = id;
        view.type = m_type;
        view.data = data;
        view.arrivalSteadyNs = steadyNs;
        view.arrivalWallNs = 1'700'000'000'000'000'000LL + steadyNs;
        view.chunkIndex = seq;
        view.wireBytes = quint32(data.size() + 8);
        m_batch.append(view, m_texts, latency);
        return *this;
    }
    EventBatch &batch() { return m_batch; }

private:
    QByteArray m_type = "message";
    EventBatch::SharedTexts m_texts;
    EventBatch m_batch;
};

} // namespace

class CapturePipelineTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ingestStoresAndMeasures()
    {
        CapturePipeline pipeline;
        pipeline.setStreamName(1, u"a"_s);
        QSignalSpy spy(&pipeline, &CapturePipeline::ingested);
        BatchBuilder builder;
        builder.event(1, 1, "1", "x", 1'000'000, 2.5).event(1, 2, "2", "yy", 2'000'000, 3.5);
        builder.batch().comments.push_back(SseComment { 1, "hb", 2'500'000, 0 });
        SubscriptionCounters counters;
        counters.reconnections = 3;
        counters.errors = 2;
        counters.latencyMisses = 4;
        counters.connectedNs = 7'000'000'000;
        builder.batch().counters.insert(1, counters);

        const IngestResult result = pipeline.ingest(builder.batch());
        QCOMPARE(result.appended, qint64(2));
        QCOMPARE(result.droppedFromFront, qint64(0));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<IngestResult>().appended, qint64(2));

        QCOMPARE(pipeline.store().size(), qint64(2));
        QCOMPARE(pipeline.store().at(1).data, QByteArrayView("yy"));
        QCOMPARE(pipeline.store().at(1).latencyMs, std::optional(3.5));
        QCOMPARE(pipeline.store().streamName(1), u"a"_s);
        const StreamStats *stats = pipeline.stats().find(1);
        QVERIFY(stats);
        QCOMPARE(stats->totals().events, quint64(2));
        QCOMPARE(stats->totals().comments, quint64(1));
        QCOMPARE(stats->totals().reconnections, quint64(3));
        QCOMPARE(stats->totals().errors, quint64(2));
        QCOMPARE(stats->totals().latencyMisses, quint64(4));

        // Counters are totals: the next batch adds only the increase.
        BatchBuilder more;
        counters.latencyMisses = 5;
        more.batch().counters.insert(1, counters);
        pipeline.ingest(more.batch());
        QCOMPARE(pipeline.stats().find(1)->totals().latencyMisses, quint64(5));
        QCOMPARE(spy.size(), 2);
    }

    void ingestReportsRowsForATableModel_data()
    {
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("batchSize");
        const int seg = int(EventStore::kSegmentEvents);
        QTest::newRow("no drop") << 10 << 10;
        QTest::newRow("drops old rows") << 2 * seg << seg;
        QTest::newRow("drops old and some new") << seg / 2 << 3 * seg;
    }
    void ingestReportsRowsForATableModel()
    {
        QFETCH(int, before);
        QFETCH(int, batchSize);
        const qint64 seg = EventStore::kSegmentEvents;
        CapturePipeline pipeline(EventStoreLimits { 2 * seg, qint64(1) << 40 });
        const QByteArray id = "id";
        quint64 seq = 0;
        const auto batchOf = [&](int n) {
            auto builder = std::make_unique<BatchBuilder>();
            for (int i = 0; i < n; ++i, ++seq)
                builder->event(1, seq + 1, id, QByteArray::number(seq + 1), qint64(seq + 1) * 1000);
            return builder;
        };
        pipeline.ingest(batchOf(before)->batch());
        const qint64 sizeBefore = pipeline.store().size();
        const IngestResult result = pipeline.ingest(batchOf(batchSize)->batch());
        // What a model does: remove from the front, then insert at the end.
        QCOMPARE(sizeBefore - result.droppedFromFront + result.appended, pipeline.store().size());
        QVERIFY(result.droppedFromFront <= sizeBefore);
        QVERIFY(result.appended <= batchSize);
        // The newest row is the batch's last event.
        QCOMPARE(pipeline.store().at(pipeline.store().size() - 1).data, QByteArray::number(seq));
    }

    void routePairsMatchTheSameEvent()
    {
        CapturePipeline pipeline;
        pipeline.addRoutePair(1, 2);
        BatchBuilder builder;
        builder.event(1, 1, "41", "p", 1'000'000).event(2, 1, "41", "p", 4'000'000);
        builder.event(2, 2, "42", "q", 5'000'000).event(1, 2, "42", "q", 6'000'000);
        pipeline.ingest(builder.batch());
        QCOMPARE(pipeline.routes().size(), size_t(1));
        QCOMPARE(pipeline.routes().front()->matched(), quint64(2));
        const StatsTotals &delays = pipeline.routeDelays(0).totals();
        QCOMPARE(delays.events, quint64(2)); // +3 ms and -1 ms
    }

    // The measurer counts the events of one read (same stream, time and
    // chunk) as a run; with streams interleaved, comments between events and
    // latencies, it must show what measuring them one at a time shows.
    void runsMeasureLikeSingleEvents()
    {
        QRandomGenerator random(11);
        CaptureMeasurer runs(true);
        CaptureMeasurer single(true);
        qint64 now = 3'000'000'000;
        quint64 chunk[4] = {};
        for (int read = 0; read < 300; ++read) {
            const StreamId stream = 1 + random.bounded(3);
            now += qint64(random.bounded(30'000'000));
            ++chunk[stream];
            const int count = 1 + int(random.bounded(50));
            for (int i = 0; i < count; ++i) {
                if (random.bounded(20) == 0 || (read == 0 && i == 1)) {
                    // Sometimes another stream's, stamped later: counted
                    // before the pending run, it would be the capture's first.
                    const StreamId other = random.bounded(2) ? stream : 1 + (stream % 3);
                    runs.measureComment(other, now + 1000);
                    single.measureComment(other, now + 1000);
                }
                SseEventView event;
                event.stream = stream;
                event.streamSeq = quint64(read * 100 + i);
                event.data = "x";
                event.arrivalSteadyNs = now;
                event.chunkIndex = chunk[stream];
                event.wireBytes = 5 + random.bounded(90);
                std::optional<double> latency;
                if (random.bounded(3) == 0)
                    latency = random.generateDouble() * 50.0;
                runs.measure(event, latency);
                single.measure(event, latency);
                single.flush();
            }
        }
        runs.flush();
        const CaptureStats &a = std::as_const(runs).stats();
        const CaptureStats &b = std::as_const(single).stats();
        QCOMPARE(a.streams(), b.streams());
        for (const StreamId stream : a.streams()) {
            test::compareStats(*a.find(stream), *b.find(stream), now + 1'000'000'000);
            QCOMPARE(a.find(stream)->totals().comments, b.find(stream)->totals().comments);
            if (QTest::currentTestFailed())
                return;
        }
        test::compareStats(a.total(), b.total(), now + 1'000'000'000);
        QVERIFY(a.total().totals().events > 1000);
    }

    void ingestRecordMeasuresLikeABatch()
    {
        CapturePipeline pipeline;
        pipeline.addRoutePair(1, 2);
        SseEventView view;
        view.id = "9";
        view.type = "tick";
        view.data = "d";
        view.arrivalSteadyNs = 10;
        pipeline.ingestRecord(1, view, 1.25);
        view.arrivalSteadyNs = 20;
        pipeline.ingestRecord(2, view, std::nullopt);
        QCOMPARE(pipeline.store().size(), qint64(2));
        QCOMPARE(pipeline.store().at(0).stream, StreamId(1));
        QCOMPARE(pipeline.store().at(1).stream, StreamId(2));
        QCOMPARE(pipeline.store().at(0).type, QByteArrayView("tick"));
        QCOMPARE(pipeline.stats().find(1)->totals().events, quint64(1));
        QCOMPARE(pipeline.routes().front()->matched(), quint64(1));

        pipeline.clear();
        QCOMPARE(pipeline.store().size(), qint64(0));
        QVERIFY(!pipeline.stats().find(1));
        QCOMPARE(pipeline.routes().size(), size_t(1)); // pairs stay configured, emptied
        QCOMPARE(pipeline.routes().front()->matched(), quint64(0));
    }
};

QTEST_GUILESS_MAIN(CapturePipelineTest)
#include "tst_capturepipeline.moc"
