// The comparison view: a buffered route and a streaming one side by side,
// judged from what the store holds (an opened capture) and live from the
// demo server; its exports.
#include "UiTestSupport.h"
#include "core/demo/DemoServerThread.h"

#include "ui/compare/ComparisonCharts.h"
#include "ui/compare/ComparisonView.h"
#include "ui/compare/StreamPickerDialog.h"
#include "ui/compare/VerdictTableModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QTableView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXYSeries>
#include <QtTest>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestComparisonView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void judgesBufferedAndStreamingRoutes();
    void exportsImageAndFigures();
    void pickerNeedsTwoStreams();
    void comparesLiveDemoStreams();
    void comparesAnOpenedCapture();
    void replaysALargeStoreInTurns();
    void refreshesLessOftenWhenRefreshingCostsMore();
};

namespace {
constexpr StreamId kProxied = 1;
constexpr StreamId kDirect = 2;

// The same 720 events, 20 a second, through two routes: straight (each in
// its own read, 20 ms after sending) and through a proxy that holds them
// in a buffer until 90 have piled up (one read every 4.5 s).
void feedTwoRoutes(DashboardSession &session)
{
    CapturePipeline &pipeline = session.pipeline();
    pipeline.setStreamName(kProxied, u"proxied"_s);
    pipeline.setStreamName(kDirect, u"direct"_s);
    const qint64 t0 = 100'000'000'000LL;
    const qint64 ms = 1'000'000;
    struct Arrival
    {
        qint64 at;
        StreamId stream;
        int event;
        quint64 chunk;
    };
    std::vector<Arrival> arrivals;
    for (int k = 0; k < 720; ++k) {
        const qint64 sent = t0 + k * 50 * ms;
        arrivals.push_back({ sent + 20 * ms, kDirect, k, quint64(k) });
        const int burst = k / 90 + 1;
        arrivals.push_back({ t0 + burst * 4500 * ms, kProxied, k, quint64(burst) });
    }
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const Arrival &a, const Arrival &b) {
        return std::tie(a.at, a.stream) < std::tie(b.at, b.stream);
    });
    quint64 seq = 0;
    for (const Arrival &a : arrivals) {
        const QByteArray id = QByteArray::number(a.event + 1);
        const QByteArray data = "{\"price\":" + QByteArray::number(a.event) + "}";
        SseEventView event;
        event.streamSeq = ++seq;
        event.id = id;
        event.type = "message";
        event.data = data;
        event.arrivalSteadyNs = a.at;
        event.arrivalWallNs = 1'700'000'000'000'000'000LL + a.at;
        event.chunkIndex = a.chunk;
        event.wireBytes = quint64(data.size() + 12);
        const double latencyMs = double(a.at - (t0 + qint64(a.event) * 50 * ms)) / 1e6;
        pipeline.ingestRecord(a.stream, event, latencyMs);
    }
}

QString verdictOf(const VerdictTableModel &model, const QString &route)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, VerdictTableModel::Route).data().toString() == route)
            return model.index(row, VerdictTableModel::Verdict)
                .data(VerdictTableModel::VerdictTextRole)
                .toString();
    return {};
}

QLabel *statusLabel(const ComparisonView &view)
{
    return view.findChild<QLabel *>(u"comparisonStatus"_s);
}
} // namespace

void TestComparisonView::initTestCase()
{
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_comparisonview"_s);
}

void TestComparisonView::judgesBufferedAndStreamingRoutes()
{
    DashboardSession session;
    feedTwoRoutes(session); // as an opened capture: in the store, not live
    ComparisonView view(&session, { kProxied, kDirect });
    QAbstractItemModelTester tester(
        view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.refresh();
    QCOMPARE(view.model()->rowCount(), 2);
    const QString proxied = verdictOf(*view.model(), u"proxied"_s);
    const QString direct = verdictOf(*view.model(), u"direct"_s);
    QVERIFY2(proxied.startsWith(u"buffered: "_s), qPrintable(proxied));
    QVERIFY2(direct.startsWith(u"streaming: "_s), qPrintable(direct));
    // Not live: "now" is the last event, so nothing is judged stalled later.
    QCOMPARE(view.nowNs(), session.pipeline().comparison()->lastActivityNs());

    // The charts are drawn with bounded points: the staircase has a step per burst.
    auto *cumulative = qobject_cast<QXYSeries *>(
        view.charts()->chart(ComparisonCharts::Cumulative)->series().value(0));
    QVERIFY(cumulative);
    QVERIFY(cumulative->count() >= 8 * 2 && cumulative->count() <= 2 * 2000 + 4);
    auto *direct0 = qobject_cast<QXYSeries *>(
        view.charts()->chart(ComparisonCharts::Cumulative)->series().value(1));
    QVERIFY(direct0->count() <= 3 * 2000 + 4);
    QCOMPARE(cumulative->pen().style() == direct0->pen().style(), false);
    QVERIFY(view.charts()->latencyTable()->text().contains(u"proxied"_s));

    // Every widget has an accessible name.
    for (QWidget *widget : view.findChildren<QWidget *>()) {
        if (qobject_cast<QTableView *>(widget->parentWidget())
            || qobject_cast<QTableView *>(widget->parentWidget()->parentWidget()))
            continue; // the table's own parts (corner button, viewport)
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QTableView *>(widget)
            || qobject_cast<QChartView *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }

    // Keyboard: Tab goes from the table to the exports and Close.
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.table()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), u"exportImage"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), u"exportFigures"_s);

    // Closing stops the comparison: nothing is measured for a closed view.
    view.close();
    QVERIFY(!session.pipeline().comparison());
}

void TestComparisonView::exportsImageAndFigures()
{
    DashboardSession session;
    feedTwoRoutes(session);
    ComparisonView view(&session, { kProxied, kDirect });
    view.setInteractive(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.refresh();
    QTemporaryDir dir;
    QString error;
    const QString png = dir.filePath(u"comparison.png"_s);
    QVERIFY2(view.exportImage(png, &error), qPrintable(error));
    QFile image(png);
    QVERIFY(image.open(QIODevice::ReadOnly));
    QCOMPARE(image.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QString csv = dir.filePath(u"comparison.csv"_s);
    QVERIFY2(view.exportFigures(csv, &error), qPrintable(error));
    QFile figures(csv);
    QVERIFY(figures.open(QIODevice::ReadOnly));
    const QByteArray expected = comparisonCsv(view.reports());
    QCOMPARE(figures.readLine(), expected.left(expected.indexOf('\n') + 1));
    QVERIFY(figures.readAll().contains("proxied"));
    // A device or a folder is not replaced, with a sentence saying why.
    QVERIFY(!view.exportFigures(u"/dev/null"_s, &error));
    QVERIFY2(error.contains(u"not a regular file"_s), qPrintable(error));
    QVERIFY(!view.exportImage(dir.path(), &error));
    QVERIFY2(error.contains(u"not a regular file"_s), qPrintable(error));
    QVERIFY(!view.exportFigures(dir.filePath(u"missing/x.csv"_s), &error));
    QVERIFY2(error.contains(u"Cannot write"_s), qPrintable(error));
}

void TestComparisonView::pickerNeedsTwoStreams()
{
    DashboardSession session;
    feedTwoRoutes(session);
    StreamPickerDialog picker(&session, { kProxied });
    QCOMPARE(picker.list()->count(), 2);
    QVERIFY(!picker.list()->accessibleName().isEmpty());
    QCOMPARE(picker.checkedStreams(), QList<StreamId> { kProxied });
    picker.list()->item(1)->setCheckState(Qt::Checked);
    QCOMPARE(picker.checkedStreams(), (QList<StreamId> { kProxied, kDirect }));
}

void TestComparisonView::comparesLiveDemoStreams()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const auto &[name, path] : { std::pair { u"ticker"_s, u"/ticker?rate=40"_s },
             std::pair { u"tokens"_s, u"/tokens"_s } }) {
        SubscriptionConfig config;
        config.name = name;
        config.url = demo.url(path);
        session.addStream(config);
    }
    QTableView *streams = window.streamsPanel()->view();
    streams->selectAll();
    QCOMPARE(window.streamsPanel()->selectedStreams().size(), 2);
    auto *compare = window.findChild<QAction *>(u"compare"_s);
    QVERIFY(compare);
    QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    compare->trigger();
    ComparisonView *view = window.comparisonView();
    QVERIFY(view);
    QVERIFY(QTest::qWaitForWindowExposed(view));
    // Refreshed by the view's own timer as events arrive.
    QTRY_VERIFY_WITH_TIMEOUT(verdictOf(*view->model(), u"ticker"_s).startsWith(u"streaming: "_s)
            && verdictOf(*view->model(), u"tokens"_s).startsWith(u"streaming: "_s),
        15000);
    // Escape closes it, and the comparison stops.
    QTest::keyClick(view->table(), Qt::Key_Escape);
    QTRY_VERIFY(!window.comparisonView());
    QVERIFY(!session.pipeline().comparison());
}

// A capture recorded by ssescope-cli through the real nginx routes (direct =
// /unbuffered/, buffered = /buffered/, 10 s of /ticker?rate=20), opened the
// way File > Open does it: the loader fills the store, then Compare….
void TestComparisonView::comparesAnOpenedCapture()
{
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy loaded(&session, &DashboardSession::captureLoaded);
    QVERIFY(
        window.openCapture(QFINDTESTDATA("../data/captures/nginx-unbuffered-vs-buffered.jsonl")));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(loaded.first().first().toBool());
    QList<StreamId> streams = session.store().streamNames().keys();
    QCOMPARE(streams.size(), 2);
    std::sort(streams.begin(), streams.end());
    ComparisonView *view = window.compareStreams(streams);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(!verdictOf(*view->model(), u"buffered"_s).isEmpty(), 5000);
    const QString buffered = verdictOf(*view->model(), u"buffered"_s);
    const QString direct = verdictOf(*view->model(), u"direct"_s);
    QVERIFY2(buffered.startsWith(u"buffered: events arrive in bursts of ~51 every ~2.6 s"_s),
        qPrintable(buffered));
    QVERIFY2(buffered.contains(u"1.2 s behind the fastest route"_s), qPrintable(buffered));
    QVERIFY2(direct.startsWith(u"streaming: 1.0 event per read"_s), qPrintable(direct));
    // Not live: nothing is measured from a request the capture does not know.
    QVERIFY2(!buffered.contains(u"headers came"_s), qPrintable(buffered));
}

// Opening the view over a large capture reads it in turns of the event loop
// (a million rows froze the window for 0.9 s): the view says so, then shows it all.
void TestComparisonView::replaysALargeStoreInTurns()
{
    DashboardSession session;
    CapturePipeline &pipeline = session.pipeline();
    pipeline.setStreamName(kProxied, u"proxied"_s);
    pipeline.setStreamName(kDirect, u"direct"_s);
    const qint64 rows = 2 * CapturePipeline::kReplayRowsPerTurn + 100;
    for (qint64 n = 0; n < rows; ++n) {
        const QByteArray id = QByteArray::number(n / 2);
        const StreamId stream = n % 2 ? kDirect : kProxied;
        pipeline.ingestRecord(stream,
            SseEventView { stream, 0, id, "message", id, n * 1'000'000, 0, quint64(n), 20 },
            std::nullopt);
    }
    ComparisonView view(&session, { kProxied, kDirect });
    QVERIFY(pipeline.isReplaying());
    QVERIFY(pipeline.replayRemaining() <= rows - CapturePipeline::kReplayRowsPerTurn);
    QVERIFY2(statusLabel(view)->text().contains(u"to go"_s), qPrintable(statusLabel(view)->text()));
    view.show();
    QTRY_VERIFY(!pipeline.isReplaying());
    QTRY_VERIFY(!statusLabel(view)->text().contains(u"to go"_s));
    quint64 events = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        events += view.model()
                      ->index(row, VerdictTableModel::Events)
                      .data()
                      .toString()
                      .remove(QLocale().groupSeparator())
                      .toULongLong();
    QCOMPARE(events, quint64(rows));
}

// Refreshing costs what the routes hold; the next refresh waits eight times
// that (at least 250 ms, at most 2.5 s), so the view never takes more than
// about a ninth of the GUI thread, however fast the streams are.
void TestComparisonView::refreshesLessOftenWhenRefreshingCostsMore()
{
    DashboardSession session;
    feedTwoRoutes(session);
    ComparisonView view(&session, { kProxied, kDirect });
    view.setInteractive(false);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.refresh();
    const qint64 expected
        = std::clamp<qint64>(ComparisonView::kRefreshCostShare * view.lastRefreshMs(),
            ComparisonView::kRefreshMs, 10 * ComparisonView::kRefreshMs);
    QCOMPARE(qint64(view.refreshIntervalMs()), expected);
    QVERIFY(view.refreshIntervalMs() >= ComparisonView::kRefreshMs);
}

QTEST_MAIN(TestComparisonView)
#include "tst_comparisonview.moc"
