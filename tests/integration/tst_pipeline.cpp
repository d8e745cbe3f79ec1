// The GUI path end to end: subscriptions read latency on the network thread,
// batches carry it, CapturePipeline stores and measures.
#include "StreamRecorder.h"
#include "core/pipeline/CapturePipeline.h"

#include <QSignalSpy>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class PipelineTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    // A line past the limit is said in the stream's own
    // status, and its bytes are counted though no event completes.
    void overlongLineIsSaidInTheStatusAndItsBytesCount()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        CapturePipeline pipeline;
        connect(&manager, &StreamManager::eventsReceived, &pipeline,
            [&pipeline](const EventBatchPtr &batch) { pipeline.ingest(*batch); });
        SubscriptionConfig c;
        c.url = m_server.url(u"/ticker?huge=4194304&stall_after=0"_s);
        c.maxEventBytes = 64 * 1024;
        const StreamId id = manager.addSubscription(c);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.lastMessage(id).contains(u"line size limit"_s), 10000);
        QCOMPARE(recorder.lastState(id), SubscriptionState::Open);
        QTRY_VERIFY_WITH_TIMEOUT(pipeline.stats().find(id)
                && pipeline.stats().find(id)->totals().bytes >= quint64(4194304),
            10000);
        QCOMPARE(pipeline.stats().find(id)->totals().events, quint64(0));
    }

    // Per-subscription latency, computed before the batch; misses
    // are counted per stream and reach the statistics through the pipeline.
    void eventsArriveCarryingTheirLatency()
    {
        StreamManager manager;
        StreamRecorder recorder(&manager);
        CapturePipeline pipeline;
        connect(&manager, &StreamManager::eventsReceived, &pipeline,
            [&pipeline](const EventBatchPtr &batch) { pipeline.ingest(*batch); });
        SubscriptionConfig timed;
        timed.url = m_server.url(u"/ticker?rate=1000&count=40"_s);
        timed.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
        SubscriptionConfig untimed = timed;
        untimed.latency = *LatencyConfig::fromSpec(u"regex:nothing=(\\d+)"_s, nullptr);
        const StreamId a = manager.addSubscription(timed);
        const StreamId b = manager.addSubscription(untimed);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(a), SubscriptionState::Closed, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState(b), SubscriptionState::Closed, 10000);

        QCOMPARE(recorder.eventCount(a), qsizetype(40));
        for (const std::optional<double> &latency : recorder.latencies.value(a)) {
            QVERIFY(latency);
            QVERIFY2(*latency > -1000 && *latency < 10000, qPrintable(QString::number(*latency)));
        }
        for (const std::optional<double> &latency : recorder.latencies.value(b))
            QVERIFY(!latency);
        QCOMPARE(manager.counters(a).latencyMisses, quint64(0));
        QCOMPARE(manager.counters(b).latencyMisses, quint64(40));

        QCOMPARE(pipeline.store().size(), qint64(80));
        QCOMPARE(pipeline.stats().find(a)->totals().events, quint64(40));
        QCOMPARE(pipeline.stats().find(b)->totals().latencyMisses, quint64(40));
        QCOMPARE(pipeline.stats().find(a)->totals().latencyMisses, quint64(0));
        qint64 withLatency = 0;
        for (qint64 row = 0; row < pipeline.store().size(); ++row)
            withLatency += pipeline.store().at(row).latencyMs.has_value();
        QCOMPARE(withLatency, qint64(40));
    }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "tst_pipeline.moc"
