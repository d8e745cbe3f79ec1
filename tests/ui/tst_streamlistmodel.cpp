// The streams panel's model against real streams from the demo server.
#include "core/demo/DemoServerThread.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamStateStyle.h"
#include "UiTestSupport.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using namespace ssescope::test;

class TestStreamListModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsFollowStreamsAndFigures();
    void stateIconFollowsAServerThatDropsAndReturns();
    void burstsShowAsManyEventsPerRead();
    void latencySourceShowsAutoForTheDemoTicker();
    void burstyRateNeverReadsZero_data();
    void burstyRateNeverReadsZero();
    void aRefreshSignalsOnlyTheRowsThatChanged();
    void idGapsAndDuplicatesShowPerStream();
    void tooltipNamesTheProxy();
    void endColumnShowsHowTheLastConnectionEndedAndWhy();
};

// A stream's own proxy shows in its tooltip, never with its password.
void TestStreamListModel::tooltipNamesTheProxy()
{
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    config.url = QUrl(u"http://127.0.0.1:9/events"_s); // refused at once, nothing is sent
    config.proxy = u"http://user:S3cret@127.0.0.1:9"_s;
    session.addStream(config);
    config.proxy.clear(); // the system's, never for loopback
    session.addStream(config);
    const QString proxied
        = model.index(0, StreamListModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(proxied.contains(u"Via proxy 127.0.0.1:9"_s), qPrintable(proxied));
    QVERIFY2(!proxied.contains(u"S3cret"_s), qPrintable(proxied));
    const QString direct
        = model.index(1, StreamListModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(!direct.contains(u"proxy"_s), qPrintable(direct));
}

void TestStreamListModel::rowsFollowStreamsAndFigures()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    config.name = u"ticker"_s;
    config.url = demo.url(u"/ticker?rate=200"_s);
    const StreamId ticker = session.addStream(config);
    config.name = u"clock"_s;
    config.url = demo.url(u"/clock"_s);
    const StreamId clock = session.addStream(config);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.streamAt(0), ticker);
    QCOMPARE(model.index(0, StreamListModel::NameColumn).data().toString(), u"ticker"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, StreamListModel::StateColumn).data().toString(),
        stateLabel(SubscriptionState::Open), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        model.index(0, StreamListModel::EventsColumn).data().toString().remove(u',').toInt() > 50,
        10000);
    const auto spark = model.index(0, StreamListModel::SparklineColumn)
                           .data(StreamListModel::SparklineRole)
                           .value<QList<qreal>>();
    QCOMPARE(spark.size(), 60);
    session.removeStream(ticker);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.streamAt(0), clock);
}

// The demo streams carry no latency settings: the ticker's "ts" is found.
void TestStreamListModel::latencySourceShowsAutoForTheDemoTicker()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.subscribeDemoStreams(demo.url(QString()));
    const int ticker = rowNamed(model, u"ticker"_s);
    const int clock = rowNamed(model, u"clock"_s);
    QVERIFY(ticker >= 0 && clock >= 0);
    const QModelIndex tickerSource = model.index(ticker, StreamListModel::LatencySourceColumn);
    QTRY_COMPARE_WITH_TIMEOUT(tickerSource.data().toString(), u"/ts, auto"_s, 10000);
    QVERIFY2(tickerSource.data(Qt::ToolTipRole).toString().contains(u"found automatically"_s),
        qPrintable(tickerSource.data(Qt::ToolTipRole).toString()));
    QVERIFY(tickerSource.data(Qt::AccessibleTextRole).toString().contains(u"/ts"_s));
    QVERIFY(model.index(ticker, StreamListModel::LatencyP50Column)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"epoch milliseconds"_s));
    QTRY_VERIFY_WITH_TIMEOUT(
        model.index(ticker, StreamListModel::LatencyP50Column).data().toString().endsWith(u"ms"_s),
        10000);
    // The clock's plain-text events: looking, then (after 8 seconds) nothing.
    const QString clockSource
        = model.index(clock, StreamListModel::LatencySourceColumn).data().toString();
    QVERIFY2(clockSource == u"auto…"_s || clockSource == u"none"_s, qPrintable(clockSource));
    QCOMPARE(model.headerData(StreamListModel::LatencySourceColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
        u"Latency from"_s);

    // Configured by hand, and none at all.
    SubscriptionConfig config;
    config.name = u"configured"_s;
    config.url = demo.url(u"/ticker?rate=20"_s);
    config.latency = *LatencyConfig::fromSpec(u"json:/ts"_s, nullptr);
    session.addStream(config);
    config.name = u"plain"_s;
    config.latency = {};
    session.addStream(config);
    QCOMPARE(model.index(rowNamed(model, u"configured"_s), StreamListModel::LatencySourceColumn)
                 .data()
                 .toString(),
        u"/ts"_s);
    QCOMPARE(model.index(rowNamed(model, u"plain"_s), StreamListModel::LatencySourceColumn)
                 .data()
                 .toString(),
        u"none"_s);
}

void TestStreamListModel::stateIconFollowsAServerThatDropsAndReturns()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    config.name = u"flaky"_s;
    // The server cuts every connection after 20 events and asks for a quick retry.
    config.url = demo.url(u"/ticker?rate=100&drop_after=20&retry=300"_s);
    session.addStream(config);
    QStringList seen;
    QList<qint64> icons;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
        const QString state = model.index(0, StreamListModel::StateColumn).data().toString();
        if (seen.isEmpty() || seen.last() != state) {
            seen.append(state);
            icons.append(model.index(0, StreamListModel::StateColumn)
                             .data(Qt::DecorationRole)
                             .value<QIcon>()
                             .cacheKey());
        }
    });
    const QString live = stateLabel(SubscriptionState::Open);
    const QString waiting = stateLabel(SubscriptionState::Waiting);
    QTRY_VERIFY_WITH_TIMEOUT(seen.count(live) >= 2 && seen.contains(waiting), 15000);
    const qsizetype w = seen.indexOf(waiting);
    QCOMPARE(icons.at(w), stateIcon(SubscriptionState::Waiting).cacheKey());
    QVERIFY(icons.at(seen.indexOf(live)) != icons.at(w));
    QVERIFY(session.counters(session.streams().first()).reconnections >= 1);
}

// The demo's id faults, and a reconnection that replays from 1, in the
// Gaps and Dups columns; a clean stream shows 0, the echo's fixed ids "–".
void TestStreamListModel::idGapsAndDuplicatesShowPerStream()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    const auto add = [&](const QString &name, const QString &path) {
        config.name = name;
        config.url = demo.url(path);
        session.addStream(config);
    };
    add(u"faulty"_s, u"/ticker?rate=100&skip_ids=4&repeat_ids=6"_s);
    add(u"replayed"_s, u"/ticker?rate=100&retry=50&drop_after=8&ignore_last_event_id=1"_s);
    add(u"clean"_s, u"/ticker?rate=100"_s);
    const auto cell = [&model](int row, int column) {
        return model.index(row, column).data().toString();
    };
    const auto number = [&](int row, int column) {
        return cell(row, column).toInt();
    };
    QTRY_VERIFY_WITH_TIMEOUT(number(0, StreamListModel::IdGapsColumn) >= 2
            && number(0, StreamListModel::IdDupsColumn) >= 2
            && number(1, StreamListModel::IdDupsColumn) >= 8
            && number(2, StreamListModel::EventsColumn) >= 30,
        15000);
    QCOMPARE(cell(1, StreamListModel::IdGapsColumn), u"0"_s);
    QCOMPARE(cell(2, StreamListModel::IdGapsColumn), u"0"_s);
    QCOMPARE(cell(2, StreamListModel::IdDupsColumn), u"0"_s);
    QCOMPARE(
        model.headerData(StreamListModel::IdGapsColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        u"Gaps"_s);
    QVERIFY(!model.headerData(StreamListModel::IdDupsColumn, Qt::Horizontal, Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
}

void TestStreamListModel::burstsShowAsManyEventsPerRead()
{
    // What a buffering proxy looks like: many events per network read.
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    SubscriptionConfig config;
    config.name = u"bursty"_s;
    config.url = demo.url(u"/bursty?burst=40&period=300"_s);
    session.addStream(config);
    config.name = u"steady"_s;
    config.url = demo.url(u"/ticker?rate=20"_s);
    session.addStream(config);
    const auto perRead = [&model](int row) {
        return model.index(row, StreamListModel::PerReadColumn).data().toString().toDouble();
    };
    QTRY_VERIFY_WITH_TIMEOUT(perRead(0) >= 5 && perRead(1) > 0, 15000);
    QVERIFY2(perRead(1) < 2, qPrintable(QString::number(perRead(1))));
}

void TestStreamListModel::burstyRateNeverReadsZero_data()
{
    QTest::addColumn<int>("burst"); // events per network read
    QTest::addColumn<int>("periodMs");
    QTest::addColumn<double>("average");
    QTest::addColumn<bool>("bursty");
    QTest::newRow("nginx proxy_buffering: 90 every 4.5 s") << 90 << 4500 << 20.0 << true;
    QTest::newRow("demo /bursty: 25 every 1 s") << 25 << 1000 << 25.0 << true;
    QTest::newRow("steady 20/s") << 1 << 50 << 20.0 << false;
}

// Users saw 0.0 in Events/s at 10, 30 and 60 s for a stream averaging 20/s
// behind a buffering proxy: the column was a 1 s window. Synthetic reads on a
// clock the test sets, so nothing depends on timing.
void TestStreamListModel::burstyRateNeverReadsZero()
{
    QFETCH(int, burst);
    QFETCH(int, periodMs);
    QFETCH(double, average);
    QFETCH(bool, bursty);
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    config.name = u"proxied"_s;
    config.url = QUrl(u"http://127.0.0.1:9/events"_s); // a row; its figures come from below
    const StreamId stream = session.addStream(config);
    session.pause(stream);
    const qint64 s = 1'000'000'000LL;
    const qint64 base = 1000 * s;
    quint64 chunk = 0;
    for (qint64 at = base; at < base + 120 * s; at += periodMs * 1'000'000LL)
        ingestRead(session, stream, burst, at, ++chunk);
    const QModelIndex cell = model.index(0, StreamListModel::RateColumn);
    for (qint64 now = base + s; now < base + 120 * s; now += 250'000'000LL) {
        model.setClock([now] { return now; });
        const QString text = cell.data().toString();
        const double value = text.section(u' ', 0, 0).toDouble();
        const qint64 at = (now - base) / 1'000'000;
        QVERIFY2(value > 0, qPrintable(u"%1 at %2 ms"_s.arg(text).arg(at)));
        if (now >= base + 61 * s) {
            // Past the first minute the figure is the average, within a burst.
            QVERIFY2(qAbs(value - average) <= average * 0.06,
                qPrintable(u"%1 at %2 ms"_s.arg(text).arg(at)));
            QCOMPARE(text.contains(u"bursts"_s), bursty);
        }
        const QString spoken = cell.data(Qt::AccessibleTextRole).toString();
        QVERIFY2(spoken.contains(u"averaged over"_s), qPrintable(spoken));
        QCOMPARE(spoken.contains(u"bursts"_s), text.contains(u"bursts"_s));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), spoken);
    }
    model.refresh();
    const QString header
        = model.headerData(StreamListModel::RateColumn, Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY2(header.contains(u"10 s"_s), qPrintable(header));
}

// The whole table was signalled four times a second, so a view repainted
// every row, busy or quiet. Now only the rows whose figures moved are.
void TestStreamListModel::aRefreshSignalsOnlyTheRowsThatChanged()
{
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 s = 1'000'000'000LL;
    const qint64 base = 1000 * s;
    QList<StreamId> streams;
    quint64 chunk = 0;
    for (int i = 0; i < 12; ++i) {
        SubscriptionConfig config;
        config.name = u"s%1"_s.arg(i);
        config.url = QUrl(u"http://127.0.0.1:9/s%1"_s.arg(i)); // rows; figures come from below
        const StreamId stream = session.addStream(config);
        session.pause(stream); // a settled state: no status changes during the test
        ingestRead(session, stream, 3, base, ++chunk);
        streams.append(stream);
    }
    qint64 now = base + 100 * s; // every stream quiet for longer than any window
    model.setClock([&now] { return now; });
    model.refresh();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refresh();
    QCOMPARE(changed.count(), 0); // nothing moved

    const int row = model.rowOf(streams.at(5));
    ingestRead(session, streams.at(5), 2, now - s, ++chunk);
    model.refresh();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), row);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), StreamListModel::ColumnCount - 1);
    QCOMPARE(model.index(row, StreamListModel::EventsColumn).data().toString(), u"5"_s);

    // A second later only that stream's rate and sparkline have moved.
    changed.clear();
    now += s;
    model.refresh();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), row);

    // Neighbouring rows that changed together are one range; on the same
    // clock, the row that changed before has not moved again.
    changed.clear();
    for (int i = 2; i <= 4; ++i)
        ingestRead(session, streams.at(i), 1, now, ++chunk);
    model.refresh();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), model.rowOf(streams.at(2)));
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), model.rowOf(streams.at(4)));
}

// Core decides the end class and the diagnosis; the row only shows them: the
// End cell, its tooltip and accessible text, and the message.
void TestStreamListModel::endColumnShowsHowTheLastConnectionEndedAndWhy()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SubscriptionConfig config;
    config.name = u"quiet"_s;
    // Two events, 600 ms of silence, then a cut without the last chunk.
    config.url = demo.url(u"/ticker?rate=100&quiet_ms=600&quiet_every=2&drop_after=2"_s);
    config.reconnect.initialRetryMs = 50;
    session.addStream(config);
    const QModelIndex end = model.index(0, StreamListModel::EndColumn);
    QCOMPARE(end.data().toString(), u"–"_s);
    QCOMPARE(
        model.headerData(StreamListModel::EndColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        u"End"_s);
    QTRY_COMPARE_WITH_TIMEOUT(end.data().toString(), streamEndText(StreamEnd::Framing), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        end.data(Qt::ToolTipRole).toString().contains(u"Cut 2 times, each "_s), 8000);
    QVERIFY(end.data(Qt::AccessibleTextRole).toString().contains(u"idle timeout"_s));
    QVERIFY(end.data(Qt::AccessibleTextRole).toString().contains(u"Body cut short: "_s));
    QTRY_VERIFY_WITH_TIMEOUT(model.index(0, StreamListModel::MessageColumn)
                                 .data()
                                 .toString()
                                 .contains(u"Send heartbeats more often than that."_s),
        3000);
}

QTEST_MAIN(TestStreamListModel)
#include "tst_streamlistmodel.moc"
