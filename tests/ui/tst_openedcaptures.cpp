// Opened captures: opening a file says what it did to the live
// streams, lists the file's streams with the file's figures, keeps a stream's
// colour with its name, and numbers each capture's events from 1.
#include "UiTestSupport.h"
#include "core/demo/DemoServerThread.h"
#include "ui/charts/LiveChartsPanel.h"
#include "ui/events/EventTableModel.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QTableView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using namespace ssescope::test;

namespace {

// A JSON Lines capture: `count` events a stream, 100 ms apart, two a read,
// each with a 2 ms latency; streams in the order given.
QString writeCapture(const QString &path, const QStringList &streams, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    qint64 mono = 5'000'000'000;
    for (int i = 0; i < count; ++i) {
        for (int s = 0; s < streams.size(); ++s) {
            const qint64 at = mono + qint64(i / 2) * 200'000'000;
            file.write(
                u"{\"kind\":\"event\",\"stream\":\"%1\",\"seq\":%2,\"id\":\"%2\",\"type\":\"tick\","
                "\"data\":\"{}\",\"received\":\"2026-11-25T14:51:%3Z\",\"mono_ns\":%4,"
                "\"chunk\":%5,\"bytes\":17,\"latency_ms\":2.000}\n"_s.arg(streams.at(s))
                    .arg(i + 1)
                    .arg(10.0 + double(i / 2) * 0.2, 9, 'f', 6, u'0')
                    .arg(at)
                    .arg(i / 2 + 1)
                    .toUtf8());
        }
    }
    return path;
}

bool openAndWait(DashboardSession &session, const QString &path)
{
    QSignalSpy loaded(&session, &DashboardSession::captureLoaded);
    QString message;
    if (!session.openCapture(path, &message))
        return false;
    return loaded.wait(10'000) && loaded.first().first().toBool();
}

QHash<QString, QColor> tableColours(const EventTableModel &model)
{
    QHash<QString, QColor> colours;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString name = model.index(row, EventTableModel::StreamColumn).data().toString();
        colours.insert(name,
            model.index(row, EventTableModel::StreamColumn)
                .data(Qt::DecorationRole)
                .value<QColor>());
    }
    return colours;
}

} // namespace

class TestOpenedCaptures final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void colourIsStableForItsName();
    void seqRestartsWithEachCapture();
    void pausingForACaptureIsSaidAndUndone();
    void captureStreamsShowTheFilesFigures();
    void captureStreamsCannotBeEditedOrRemoved();
    void chartsDrawACaptureOnItsOwnTimeAxis();
    void captureNamedLikeALiveStreamIsDrawnAndNotMixed();

private:
    QTemporaryDir m_dir;
};

void TestOpenedCaptures::colourIsStableForItsName()
{
    DashboardSession session;
    EventTableModel table(&session);
    StreamListModel streams(&session);
    QAbstractItemModelTester tester(
        &streams, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString first
        = writeCapture(m_dir.filePath(u"a.jsonl"_s), { u"ticker"_s, u"clock"_s }, 4);
    const QString second
        = writeCapture(m_dir.filePath(u"b.jsonl"_s), { u"clock"_s, u"tokens"_s, u"ticker"_s }, 4);
    QVERIFY(openAndWait(session, first));
    const QHash<QString, QColor> before = tableColours(table);
    QCOMPARE(before.size(), 2);
    // The panel and the table agree.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const int row = rowNamed(streams, it.key());
        QVERIFY(row >= 0);
        QCOMPARE(streams.index(row, 0).data(StreamListModel::StreamColorRole).value<QColor>(),
            it.value());
    }
    for (int open = 0; open < 3; ++open) {
        QVERIFY(openAndWait(session, open % 2 ? first : second));
        const QHash<QString, QColor> now = tableColours(table);
        QCOMPARE(now.value(u"ticker"_s), before.value(u"ticker"_s));
        QCOMPARE(now.value(u"clock"_s), before.value(u"clock"_s));
    }
    // Two names never share a colour while the palette has room.
    QVERIFY(tableColours(table).value(u"ticker"_s) != tableColours(table).value(u"clock"_s));
    // A live stream of the same name has the same colour too.
    SubscriptionConfig config;
    config.name = u"ticker"_s;
    config.url = QUrl(u"http://127.0.0.1:9/ticker"_s);
    const StreamId live = session.addStream(config);
    session.pause(live);
    QCOMPARE(session.streamColor(live), before.value(u"ticker"_s));
}

void TestOpenedCaptures::seqRestartsWithEachCapture()
{
    DashboardSession session;
    EventTableModel table(&session);
    const QString path = writeCapture(m_dir.filePath(u"seq.jsonl"_s), { u"s"_s }, 5);
    for (int open = 0; open < 2; ++open) {
        QVERIFY(openAndWait(session, path));
        QTRY_COMPARE(table.rowCount(), 5);
        QCOMPARE(table.index(0, EventTableModel::SeqColumn).data().toString(), u"1"_s);
        QCOMPARE(table.index(4, EventTableModel::SeqColumn).data().toString(), u"5"_s);
    }
}

void TestOpenedCaptures::pausingForACaptureIsSaidAndUndone()
{
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"live"_s;
    config.url = QUrl(u"http://127.0.0.1:9/events"_s); // nothing listens: it keeps trying
    session.addStream(config);
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StreamListModel *model = window.streamsPanel()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *banner = window.findChild<QLabel *>(u"pausedForCaptureBanner"_s);
    auto *resume = window.findChild<QPushButton *>(u"resumeLiveStreams"_s);
    QVERIFY(banner && resume);
    QVERIFY(!banner->isVisible());

    QVERIFY(window.openCapture(writeCapture(m_dir.filePath(u"p.jsonl"_s), { u"file"_s }, 4)));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(u"p.jsonl"_s));
    QVERIFY(resume->isVisible());
    const int row = rowNamed(*model, u"live"_s);
    QVERIFY(model->index(row, StreamListModel::MessageColumn)
                .data()
                .toString()
                .contains(u"Paused while the capture p.jsonl is open"_s));

    QTest::mouseClick(resume, Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QVERIFY(!model->index(row, StreamListModel::MessageColumn)
                 .data()
                 .toString()
                 .contains(u"Paused while"_s));
    QTRY_VERIFY(session.status(session.streams().first()).state != SubscriptionState::Paused);
}

// The capture's clock is long past: with the live streams paused for it, the
// charts end where the capture does instead of following the wall clock.
void TestOpenedCaptures::chartsDrawACaptureOnItsOwnTimeAxis()
{
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"live"_s;
    config.url = QUrl(u"http://127.0.0.1:9/events"_s); // nothing listens: it keeps trying
    session.addStream(config);
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openCapture(writeCapture(m_dir.filePath(u"axis.jsonl"_s), { u"file"_s }, 40)));
    QTRY_COMPARE(session.store().size(), 40);
    QTRY_COMPARE(session.status(session.streams().first()).state, SubscriptionState::Paused);
    LiveChartsPanel *charts = window.chartsPanel();
    charts->redraw();
    QVERIFY2(charts->pointCount() > 0, "the capture's points are drawn");
}

// A capture's streams share colour slots with live streams of the same name
// (one colour for one name). The charts used to take that for an edited
// stream's history and drew nothing of the file; and events already on their
// way from the live stream when the file opened landed in it.
void TestOpenedCaptures::captureNamedLikeALiveStreamIsDrawnAndNotMixed()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"ticker"_s;
    config.url = demo.url(u"/ticker?rate=5000"_s);
    session.addStream(config);
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(session.store().size() > 500);
    QVERIFY(window.openCapture(
        writeCapture(m_dir.filePath(u"same-name.jsonl"_s), { u"ticker"_s }, 40)));
    QTRY_COMPARE(session.store().size(), 40);
    QTRY_COMPARE(session.status(session.streams().first()).state, SubscriptionState::Paused);
    QTest::qWait(300); // batches in flight have landed by now
    QCOMPARE(session.store().size(), 40);
    LiveChartsPanel *charts = window.chartsPanel();
    charts->redraw();
    QVERIFY2(charts->pointCount() > 0, "the file's ticker is drawn beside the paused live one");
}

void TestOpenedCaptures::captureStreamsShowTheFilesFigures()
{
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(openAndWait(session, writeCapture(m_dir.filePath(u"f.jsonl"_s), { u"ticker"_s }, 40)));
    const int row = rowNamed(model, u"ticker"_s);
    QVERIFY(row >= 0);
    const auto cell = [&](int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(cell(StreamListModel::EventsColumn), u"40"_s);
    QCOMPARE(cell(StreamListModel::StateColumn), u"From file"_s);
    QVERIFY2(cell(StreamListModel::RateColumn).toDouble() > 0,
        qPrintable(cell(StreamListModel::RateColumn)));
    QCOMPARE(cell(StreamListModel::LatencyP50Column), u"2.00 ms"_s);
    QCOMPARE(cell(StreamListModel::PerReadColumn), u"2.0"_s);
    // Opening another capture replaces them.
    QVERIFY(openAndWait(session, writeCapture(m_dir.filePath(u"g.jsonl"_s), { u"other"_s }, 4)));
    QCOMPARE(rowNamed(model, u"ticker"_s), -1);
    QVERIFY(rowNamed(model, u"other"_s) >= 0);
}

void TestOpenedCaptures::captureStreamsCannotBeEditedOrRemoved()
{
    DashboardSession session;
    StreamsPanel panel(&session);
    QVERIFY(openAndWait(session, writeCapture(m_dir.filePath(u"e.jsonl"_s), { u"file"_s }, 4)));
    QTRY_COMPARE(panel.model()->rowCount(), 1);
    panel.view()->selectRow(0);
    QCOMPARE(panel.selectedStreams().size(), 1);
    QVERIFY(panel.selectedLiveStreams().isEmpty());
    QVERIFY(!panel.editAction()->isEnabled());
    QVERIFY(!panel.removeAction()->isEnabled());
    QSignalSpy edits(&panel, &StreamsPanel::editRequested);
    panel.editAction()->trigger();
    QCOMPARE(edits.count(), 0);
}

QTEST_MAIN(TestOpenedCaptures)
#include "tst_openedcaptures.moc"
