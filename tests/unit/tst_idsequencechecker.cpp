// Gaps and duplicates of ids that count up, table-driven, and the same
// counts as every front end reads them (CaptureMeasurer's statistics).
#include "core/metrics/PrometheusText.h"
#include "core/pipeline/CaptureMeasurer.h"
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
        // Ids repeated by events without an id field never start the check.
        QTest::newRow("persisted ids") << QByteArrayList { "1", "1", "2", "2", "3", "3" } << false
                                       << 0ull << 0ull << detecting;
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
        for (const QByteArray &id : ids)
            checker.add(id);
        QTEST(checker.engaged(), "engaged");
        QTEST(checker.gaps(), "gaps");
        QTEST(checker.duplicates(), "duplicates");
        QTEST(int(checker.state()), "state");
    }

    // The measurer counts per stream, and the total sums them: what the
    // window, the CLI, `stats` over a capture and /metrics all read.
    void measuredPerStream()
    {
        CaptureMeasurer measurer(true);
        const auto event = [&](StreamId stream, const QByteArray &id, qint64 t) {
            measurer.measure(
                SseEventView { stream, 0, id, "message", "x", t, t, quint64(t), 10 }, std::nullopt);
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
