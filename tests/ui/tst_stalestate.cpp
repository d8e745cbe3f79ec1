// Stale state after edits and clears: figures, filter entries and counts
// that outlived what they described must go with it.
#include "UiTestSupport.h"
#include "ui/events/EventFilterBar.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

StreamId addPausedStream(DashboardSession &session, const QString &name)
{
    SubscriptionConfig config;
    config.name = name;
    config.url = QUrl(u"http://127.0.0.1:9/"_s + name);
    const StreamId stream = session.addStream(config);
    session.pause(stream);
    return stream;
}

} // namespace

class TestStaleState final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clearResetsLatencyAndEventsPerRead();
    void editedStreamsAreOneFilterEntryEach();
    void matchingCountFollowsArrivingRows();
};

void TestStaleState::clearResetsLatencyAndEventsPerRead()
{
    DashboardSession session;
    const StreamId stream = addPausedStream(session, u"ticker"_s);
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 now = 500'000'000'000;
    model.setClock([now] { return now; });
    for (int read = 0; read < 20; ++read)
        test::ingestRead(
            session, stream, 5, now - 5'000'000'000 + read * 100'000'000, quint64(read + 1), 12.5);
    const auto cell = [&model](int column) {
        return model.index(0, column).data().toString();
    };
    QCOMPARE(cell(StreamListModel::EventsColumn), u"100"_s);
    QVERIFY(cell(StreamListModel::LatencyP50Column) != u"–"_s);
    QCOMPARE(cell(StreamListModel::PerReadColumn), u"5.0"_s);

    session.clearCapture();
    QCOMPARE(cell(StreamListModel::EventsColumn), u"0"_s);
    QCOMPARE(cell(StreamListModel::LatencyP50Column), u"–"_s);
    QCOMPARE(cell(StreamListModel::LatencyP99Column), u"–"_s);
    QCOMPARE(cell(StreamListModel::PerReadColumn), u"–"_s);
    QCOMPARE(cell(StreamListModel::RateColumn), u"0.0"_s);
}

void TestStaleState::editedStreamsAreOneFilterEntryEach()
{
    DashboardSession session;
    QList<StreamId> streams;
    for (const QString &name : { u"a"_s, u"b"_s, u"c"_s, u"d"_s })
        streams.append(addPausedStream(session, name));
    for (StreamId stream : std::as_const(streams))
        test::ingestEvents(session, stream, 3, [](int) { return QByteArray("x"); });
    EventFilterBar bar(&session);
    auto *combo = bar.findChild<QComboBox *>(u"filterStream"_s);
    QCOMPARE(combo->count(), 5); // All streams + 4
    // Edit every stream (a new id each, the old id's events still held).
    QList<StreamId> edited;
    for (StreamId stream : std::as_const(streams)) {
        SubscriptionConfig config = session.config(stream);
        config.reconnect.initialRetryMs = 1234;
        const StreamId next = session.replaceStream(stream, config);
        session.pause(next);
        edited.append(next);
    }
    test::ingestEvents(session, edited.first(), 2, [](int) { return QByteArray("y"); });
    QCOMPARE(combo->count(), 5);
    // The edited stream's entry covers what it captured before the edit too.
    bar.setStreamFilter(edited.first());
    const EventFilter filter = bar.filter();
    QVERIFY(filter.streams.contains(edited.first()));
    QVERIFY(filter.streams.contains(streams.first()));
    EventTableModel model(&session);
    QVERIFY(model.setFilter(filter));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 5);
}

void TestStaleState::matchingCountFollowsArrivingRows()
{
    DashboardSession session;
    const StreamId stream = addPausedStream(session, u"s"_s);
    test::ingestEvents(
        session, stream, 10, [](int i) { return i % 2 ? QByteArray("hit") : QByteArray("miss"); });
    EventsPanel panel(&session);
    auto *text = panel.findChild<QLineEdit *>(u"filterText"_s);
    auto *message = panel.findChild<QLabel *>(u"filterMessage"_s);
    text->setText(u"hit"_s);
    Q_EMIT text->returnPressed();
    QTRY_COMPARE(message->text(), u"5 matching"_s);
    test::ingestEvents(
        session, stream, 10, [](int) { return QByteArray("hit"); }, "message", 2'000'000'000);
    QTRY_COMPARE(panel.model()->rowCount(), 15);
    QCOMPARE(message->text(), u"15 matching"_s);
}

QTEST_MAIN(TestStaleState)
#include "tst_stalestate.moc"
