// Gaps and duplicates of ids that count up, table-driven, and the same
// counts as every front end reads them (CaptureMeasurer's statistics).
#include "core/metrics/PrometheusText.h"
#include "core/pipeline/CaptureMeasurer.h"
#include "core/sse/SseParser.h"
#include "core/stats/IdSequenceChecker.h"

#include <QTest>

using namespace ssescope;

class IdSequenceCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data()
    {
        QTest::addColumn<QByteArrayList>("ids");
        QTest::addColumn<bool>("engaged");
        QTest::addColumn<quint64>("gaps");
        QTest::addColumn<quint64>("duplicates");
        QTest::addColumn<int>("state");
        const int detecting = int(IdSequenceChecker::State::Detecting);
        const int checking = int(IdSequenceChecker::State::Checking);
        const int paused = int(IdSequenceChecker::State::Paused);

        QTest::newRow("none") << QByteArrayList {} << false << 0ull << 0ull << detecting;
        QTest::newRow("too few to tell")
            << QByteArrayList { "1", "2" } << false << 0ull << 0ull << detecting;
        QTest::newRow("clean") << QByteArrayList { "1", "2", "3", "4", "5" } << true << 0ull << 0ull
                               << checking;
        QTest::newRow("from zero, leading zeros")
            << QByteArrayList { "0", "01", "002", "3" } << true << 0ull << 0ull << checking;
        QTest::newRow("one gap of 3")
            << QByteArrayList { "1", "2", "3", "7", "8" } << true << 3ull << 0ull << checking;
        QTest::newRow("two gaps") << QByteArrayList { "1", "2", "3", "5", "7" } << true << 2ull
                                  << 0ull << checking;
        QTest::newRow("repeat") << QByteArrayList { "1", "2", "3", "3", "4" } << true << 0ull
                                << 1ull << checking;
        QTest::newRow("older id is a duplicate")
            << QByteArrayList { "1", "2", "3", "4", "2", "5" } << true << 0ull << 1ull << checking;
        // A reconnection with Last-Event-ID resumes at last+1: nothing counted.
        QTest::newRow("resume after Last-Event-ID")
            << QByteArrayList { "1", "2", "3", "4", "5", "6" } << true << 0ull << 0ull << checking;
        // A reconnection that ignores it replays from 1: every replayed id is seen again.
        QTest::newRow("replay from 1")
            << QByteArrayList { "1", "2", "3", "4", "1", "2", "3", "4", "5" } << true << 0ull
            << 4ull << checking;
        // "~": an event without an id field, carrying the last event ID over.
        // "?": read back from a capture that did not keep where ids came from.
        QTest::newRow("carried-over ids are not looked at") << QByteArrayList { "1", "~1", "2",
            "~2", "3", "~3" } << true << 0ull << 0ull << checking;
        // A heartbeat event between numbered ones was counted as a duplicate.
        QTest::newRow("id-less events after the check started") << QByteArrayList { "1", "2", "3",
            "~3", "~3", "4", "~4", "5" } << true << 0ull << 0ull << checking;
        // A server that sends every event twice was never caught: the repeats
        // broke the run that starts the check.
        QTest::newRow("every event twice") << QByteArrayList { "1", "1", "2", "2", "3", "3", "4",
            "4" } << true << 0ull << 2ull << checking;
        QTest::newRow("capture: a repeat is taken as carried over") << QByteArrayList { "?1", "?2",
            "?3", "?3", "?3", "?4" } << true << 0ull << 0ull << checking;
        QTest::newRow("capture: a replay is still counted")
            << QByteArrayList { "?1", "?2", "?3", "?4", "?1", "?2", "?3", "?4", "?5" } << true
            << 0ull << 4ull << checking;
        QTest::newRow("capture: a gap is still counted")
            << QByteArrayList { "?1", "?2", "?3", "?3", "?6" } << true << 2ull << 0ull << checking;
        QTest::newRow("timestamps")
            << QByteArrayList { "1764081234567", "1764081234612", "1764081234700" } << false << 0ull
            << 0ull << detecting;
        QTest::newRow("not integers")
            << QByteArrayList { "a1", "a2", "a3", "-1", "+2", " 3", "4.0", "", "0x5" } << false
            << 0ull << 0ull << detecting;
        QTest::newRow("20 digits is no integer")
            << QByteArrayList { "1", "2", "3", "99999999999999999999", "4" } << true << 0ull << 0ull
            << checking;
        QTest::newRow("19 digits is one") << QByteArrayList { "1", "2", "3", "1000000000000000000" }
                                          << true << 999999999999999996ull << 0ull << checking;
        QTest::newRow("late start")
            << QByteArrayList { "9", "1", "5", "6", "7", "9" } << true << 1ull << 0ull << checking;
        QTest::newRow("paused") << QByteArrayList { "1", "2", "3", "x" } << true << 0ull << 0ull
                                << paused;
        QTest::newRow("empty id pauses")
            << QByteArrayList { "1", "2", "3", "" } << true << 0ull << 0ull << paused;
        // The next integer after a pause is the new reference: nothing across it.
        QTest::newRow("resumed after a pause") << QByteArrayList { "1", "2", "3", "x", "1", "2",
            "4" } << true << 1ull << 0ull << checking;
        QTest::newRow("huge jump at the top")
            << QByteArrayList { "1", "2", "3", "9999999999999999999" } << true
            << 9999999999999999995ull << 0ull << checking;
    }

    void counts()
    {
        QFETCH(QByteArrayList, ids);
        IdSequenceChecker checker;
        for (const QByteArray &id : ids) {
            if (id.startsWith('~'))
                checker.add(id.mid(1), IdOrigin::CarriedOver);
            else if (id.startsWith('?'))
                checker.add(id.mid(1), IdOrigin::Unknown);
            else
                checker.add(id, IdOrigin::Own);
        }
        QTEST(checker.engaged(), "engaged");
        QTEST(checker.gaps(), "gaps");
        QTEST(checker.duplicates(), "duplicates");
        QTEST(int(checker.state()), "state");
    }

    // Live, the parser says which events had an id field: a numbered stream
    // with "event: ping" heartbeats between its events has no duplicate, and
    // an event sent twice with its id is one.
    void parsedStreamWithHeartbeats()
    {
        struct Sink final : SseParserSink
        {
            CaptureMeasurer *measurer = nullptr;
            void handleEvent(SseEvent &&) override { }
            void handleEventView(const SseEventView &event) override
            {
                measurer->measure(event, std::nullopt);
            }
            void handleComment(QByteArrayView, const ChunkStamp &) override { }
            void handleRetry(qint64) override { }
            void handleParseError(SseParseError, qsizetype) override { }
        };
        CaptureMeasurer measurer(true);
        Sink sink;
        sink.measurer = &measurer;
        SseParser parser(1, &sink, {}, EventDelivery::Views);
        const QByteArray body = "id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n"
                                "event: ping\ndata: p\n\nevent: ping\ndata: p\n\n"
                                "id: 4\ndata: d\n\nevent: ping\ndata: p\n\nid: 6\ndata: f\n\n"
                                "id: 6\ndata: f\n\n";
        ChunkStamp stamp;
        stamp.steadyNs = 1;
        stamp.wallNs = 1;
        stamp.chunkIndex = 1;
        parser.feed(body, stamp);
        measurer.flush();
        const StatsTotals &totals = measurer.stats().find(1)->totals();
        QCOMPARE(totals.events, 9u);
        QVERIFY(totals.idsCounted);
        QCOMPARE(totals.idGaps, 1u); // 5
        QCOMPARE(totals.idDuplicates, 1u); // the second 6, which had its id field
    }

    // The measurer counts per stream, and the total sums them: what the
    // window, the CLI, `stats` over a capture and /metrics all read.
    void measuredPerStream()
    {
        CaptureMeasurer measurer(true);
        const auto event = [&](StreamId stream, const QByteArray &id, qint64 t) {
            measurer.measure(
                SseEventView { stream, 0, id, "message", "x", t, t, quint64(t), 10, IdOrigin::Own },
                std::nullopt);
        };
        const QByteArrayList a { "1", "2", "3", "5", "6", "6", "7" }; // 1 gap, 1 duplicate
        const QByteArrayList b { "10", "11", "12", "20" }; // 7 gaps
        const QByteArrayList c { "x", "y", "z" }; // not counted
        qint64 t = 1;
        for (qsizetype i = 0; i < a.size(); ++i) {
            event(1, a[i], t++);
            if (i < b.size())
                event(2, b[i], t++);
            if (i < c.size())
                event(3, c[i], t++);
        }
        const CaptureStats &stats = measurer.stats();
        QCOMPARE(stats.find(1)->totals().idGaps, 1u);
        QCOMPARE(stats.find(1)->totals().idDuplicates, 1u);
        QVERIFY(stats.find(1)->totals().idsCounted);
        QCOMPARE(stats.find(2)->totals().idGaps, 7u);
        QCOMPARE(stats.find(2)->totals().idDuplicates, 0u);
        QVERIFY(!stats.find(3)->totals().idsCounted);
        QCOMPARE(stats.total().totals().idGaps, 8u);
        QCOMPARE(stats.total().totals().idDuplicates, 1u);
        QVERIFY(stats.total().totals().idsCounted);
        QCOMPARE(stats.find(1)->totals().events, quint64(a.size()));

        // --metrics serves the same counts.
        const QByteArray text
            = renderPrometheusText({ { QStringLiteral("a"), QStringLiteral("http://x/a"),
                                         SubscriptionState::Open, stats.find(1) },
                                       { QStringLiteral("b"), QStringLiteral("http://x/b"),
                                           SubscriptionState::Open, stats.find(2) } },
                t);
        QVERIFY(text.contains("# TYPE ssescope_id_gaps_total counter\n"));
        QVERIFY(text.contains("# TYPE ssescope_id_duplicates_total counter\n"));
        QVERIFY2(text.contains("ssescope_id_gaps_total{stream=\"a\",url=\"http://x/a\"} 1\n"),
            text.constData());
        QVERIFY(text.contains("ssescope_id_gaps_total{stream=\"b\",url=\"http://x/b\"} 7\n"));
        QVERIFY(text.contains("ssescope_id_duplicates_total{stream=\"a\",url=\"http://x/a\"} 1\n"));
    }
};

QTEST_GUILESS_MAIN(IdSequenceCheckerTest)
#include "tst_idsequencechecker.moc"
