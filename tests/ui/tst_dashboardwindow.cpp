// The window as a user drives it, against the embedded demo server on
// loopback: subscribe through the dialog, filter, export, workspaces, errors
// beside the stream they concern, the keyboard and accessible names.
#include "UiTestSupport.h"
#include "core/capture/ExportJob.h"
#include "core/demo/DemoServerThread.h"
#include "ui/charts/LiveChartsPanel.h"
#include "ui/events/EventDetailPane.h"
#include "ui/events/EventFilterBar.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "ui/session/DashboardSession.h"
#include "core/session/Workspace.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamStateStyle.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/subscribe/SubscribeDialog.h"
#include "ui/window/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QXYSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

// Runs fill() on the next modal dialog as soon as it shows.
void onNextModal(const std::function<void(QWidget *)> &fill)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, fill] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            fill(modal);
        }
    });
    timer->start();
}

int rowsOfStream(const EventTableModel &model, const QString &name)
{
    int rows = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        rows += model.index(row, EventTableModel::StreamColumn).data().toString() == name;
    return rows;
}

} // namespace

class TestDashboardWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void subscribeThroughTheDialogAndRowsAppear();
    void filterNarrowsTheTable();
    void exportWritesTheFile();
    void workspaceRoundTrips();
    void errorsShowBesideTheirStream();
    void unreadableCaptureIsReportedAndKeepsWhatWasCaptured();
    void capturesOpenAndChartsPickEvents();
    void largeCaptureOpensOnAWorker();
    void recordToDiskKeepsEverythingPastTheCap();
    void cancelledExportLeavesNoFile();
    void exportReadsASnapshotWhileTheCapDrops();
    void closingWithUnsavedEventsAsksFirst();
    void everyFocusableControlHasAnAccessibleName();
    void keyboardReachesEveryPanel();
    void keyboardPausesTheCurrentStreamWithoutAMouseSelection();

private:
    // Subscribes the session to a path of its demo server.
    StreamId subscribe(const QString &name, const QString &pathAndQuery)
    {
        SubscriptionConfig config;
        config.name = name;
        config.url = m_demo->url(pathAndQuery);
        return m_session->addStream(config);
    }

    std::unique_ptr<demo::DemoServerThread> m_demo; // the program's, before its session
    std::unique_ptr<DashboardSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestDashboardWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_dashboardwindow"_s);
}

void TestDashboardWindow::init()
{
    m_demo = std::make_unique<demo::DemoServerThread>();
    QVERIFY2(m_demo->start(), qPrintable(m_demo->errorString()));
    m_session = std::make_unique<DashboardSession>();
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->setInteractive(false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDashboardWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestDashboardWindow::subscribeThroughTheDialogAndRowsAppear()
{
    QAbstractItemModelTester tester(
        m_window->eventsPanel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString url = m_demo->url(u"/ticker?rate=50"_s).toString();
    bool filled = false;
    onNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<SubscribeDialog *>(modal);
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"url"_s), url);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"name"_s), u"prices"_s);
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        filled = true;
        ok->click();
    });
    m_window->findChild<QAction *>(u"addStream"_s)->trigger();
    QVERIFY(filled);
    QCOMPARE(m_session->streams().size(), 1);
    QCOMPARE(m_window->streamsPanel()->model()->rowCount(), 1);
    EventTableModel *model = m_window->eventsPanel()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 20, 10000);
    QCOMPARE(model->index(0, EventTableModel::StreamColumn).data().toString(), u"prices"_s);
    QCOMPARE(
        model->index(0, EventTableModel::DataColumn).data().toString().left(8), u"{\"seq\":1"_s);
    // Selecting a row shows it in full, pretty-printed as JSON.
    m_window->eventsPanel()->selectSeq(model->seqAt(0));
    QCOMPARE(m_window->eventsPanel()->detailPane()->shownSeq(), model->seqAt(0));
}

void TestDashboardWindow::filterNarrowsTheTable()
{
    subscribe(u"ticker"_s, u"/ticker?rate=200"_s);
    subscribe(u"tokens"_s, u"/tokens?rate=200"_s);
    EventTableModel *model = m_window->eventsPanel()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        rowsOfStream(*model, u"ticker"_s) > 20 && rowsOfStream(*model, u"tokens"_s) > 20, 10000);
    QLineEdit *text = m_window->eventsPanel()->filterBar()->textEdit();
    QTest::keyClicks(text, u"\"token\""_s);
    QTRY_VERIFY(model->isFiltered() && !model->isBusy());
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(rowsOfStream(*model, u"ticker"_s), 0);
    QCOMPARE(rowsOfStream(*model, u"tokens"_s), model->rowCount());
    // The stream picker narrows too, and clearing brings everything back.
    text->clear();
    auto *stream = m_window->findChild<QComboBox *>(u"filterStream"_s);
    stream->setCurrentIndex(stream->findText(u"ticker"_s));
    QTRY_VERIFY(model->filter().text.isEmpty() && !model->filter().streams.isEmpty()
        && !model->isBusy() && model->rowCount() > 0);
    QCOMPARE(rowsOfStream(*model, u"ticker"_s), model->rowCount());
}

void TestDashboardWindow::exportWritesTheFile()
{
    subscribe(u"ticker"_s, u"/ticker?rate=0&count=3000"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->store().size(), 3000, 15000);
    std::vector<quint64> seqs;
    for (quint64 seq = m_session->store().firstSeq(); seq <= m_session->store().lastSeq(); ++seq)
        seqs.push_back(seq);
    struct Expected
    {
        int format;
        QString name;
        QByteArray separator;
        qsizetype count;
    };
    const Expected cases[] = {
        { 0, u"out.jsonl"_s, "\n", 3000 }, // one line per event
        { 1, u"out.csv"_s, "\r\n", 3001 }, // and a header
        { 2, u"out.sse"_s, "\n\n", 3000 }, // one blank line ends each event
    };
    for (const Expected &expected : cases) {
        const QString path = m_dir.filePath(expected.name);
        m_window->showMessage(QString());
        QVERIFY(m_window->exportEvents(path, expected.format, seqs));
        QTRY_VERIFY(m_window->lastMessage().contains(u"Exported"_s));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QCOMPARE(content.count(expected.separator), expected.count);
        QVERIFY(content.contains("ACME"));
    }
    // Exporting everything saves the capture: closing no longer asks.
    QVERIFY(m_session->hasUnsavedEvents());
    m_window->showMessage(QString());
    QVERIFY(m_window->exportEvents(m_dir.filePath(u"all.jsonl"_s), 0, seqs, true));
    QTRY_VERIFY(m_window->lastMessage().contains(u"Exported"_s));
    QVERIFY(!m_session->hasUnsavedEvents());
    // A file that cannot be written is reported, and nothing else changes.
    QVERIFY(m_window->exportEvents(u"/nonexistent-dir/x.jsonl"_s, 0, seqs));
    QTRY_VERIFY(m_window->lastMessage().contains(u"/nonexistent-dir/x.jsonl"_s));
    QCOMPARE(m_session->store().size(), 3000);
}

void TestDashboardWindow::workspaceRoundTrips()
{
    SubscriptionConfig a;
    a.name = u"orders"_s;
    a.url = m_demo->url(u"/ticker"_s);
    a.latency.source = LatencySource::JsonPointer;
    a.latency.expression = u"/ts"_s;
    SubscriptionConfig b;
    b.name = u"chat"_s;
    b.url = m_demo->url(u"/.sse"_s);
    b.method = "POST";
    b.body = "{\"prompt\":\"hi\"}";
    b.headers = { { "Authorization", "Bearer x" } };
    b.reconnect.kind = ReconnectPolicyKind::Strict;
    m_session->addStream(a);
    m_session->addStream(b);
    m_window->chartsPanel()->setWindowMinutes(10);
    const QString path = m_dir.filePath(u"w.ssescope.json"_s);
    QVERIFY(m_window->saveWorkspace(path));

    DashboardSession other;
    MainWindow window(&other);
    window.setInteractive(false);
    QVERIFY(window.openWorkspace(path));
    QCOMPARE(other.streams().size(), 2);
    QCOMPARE(other.config(other.streams().at(0)).toJson(), a.toJson());
    // Secrets stay out of a saved workspace, which people share, unless the
    // user opts in; opening one says which streams lost theirs.
    SubscriptionConfig bWithoutSecrets = b;
    bWithoutSecrets.headers.clear();
    QCOMPARE(other.config(other.streams().at(1)).toJson(), bWithoutSecrets.toJson());
    QVERIFY2(window.lastMessage().contains(u"saved without their passwords"_s),
        qPrintable(window.lastMessage()));
    auto *keepSecrets = m_window->findChild<QAction *>(u"keepSecrets"_s);
    QVERIFY(keepSecrets && keepSecrets->isCheckable() && !keepSecrets->isChecked());
    keepSecrets->trigger();
    QVERIFY(m_window->saveWorkspace(path));
    keepSecrets->trigger(); // the test's settings as they were
    QVERIFY(window.openWorkspace(path));
    QCOMPARE(other.config(other.streams().at(1)).toJson(), b.toJson());
    QCOMPARE(window.chartsPanel()->windowMinutes(), 10);
    // A broken workspace is reported and changes nothing.
    QFile broken(m_dir.filePath(u"broken.json"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"gopher://x\"}]}");
    broken.close();
    QVERIFY(!window.openWorkspace(broken.fileName()));
    QVERIFY(window.lastMessage().contains(u"Stream 1"_s));
    QCOMPARE(other.streams().size(), 2);
}

void TestDashboardWindow::errorsShowBesideTheirStream()
{
    SubscriptionConfig good;
    good.name = u"good"_s;
    good.url = m_demo->url(u"/ticker?rate=100"_s);
    SubscriptionConfig missing;
    missing.name = u"missing"_s;
    missing.url = m_demo->url(u"/ticker?status=404"_s);
    missing.reconnect.kind = ReconnectPolicyKind::Strict;
    SubscriptionConfig dead;
    dead.name = u"dead"_s;
    dead.url = QUrl(u"http://127.0.0.1:1/events"_s); // nothing listens on port 1
    dead.reconnect.maxAttempts = 1;
    SubscriptionConfig wrongType;
    wrongType.name = u"html"_s;
    wrongType.url = m_demo->url(u"/ticker?ct=text/html"_s);
    wrongType.reconnect.kind = ReconnectPolicyKind::Strict;
    m_session->addStream(good);
    m_session->addStream(missing);
    m_session->addStream(dead);
    m_session->addStream(wrongType);
    StreamListModel *streams = m_window->streamsPanel()->model();
    const auto message = [streams](int row) {
        return streams->index(row, StreamListModel::MessageColumn).data().toString();
    };
    const auto state = [streams](int row) {
        return streams->index(row, StreamListModel::StateColumn).data().toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(state(1), stateLabel(SubscriptionState::Failed), 10000);
    QVERIFY2(message(1).contains(u"404"_s), qPrintable(message(1)));
    QTRY_VERIFY_WITH_TIMEOUT(
        !message(2).isEmpty() && state(2) != stateLabel(SubscriptionState::Connecting), 15000);
    QVERIFY2(message(2).contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(message(2)));
    QTRY_COMPARE_WITH_TIMEOUT(state(3), stateLabel(SubscriptionState::Failed), 10000);
    QVERIFY2(message(3).contains(u"text/html"_s), qPrintable(message(3)));
    // The good stream captured on regardless.
    QCOMPARE(state(0), stateLabel(SubscriptionState::Open));
    QTRY_VERIFY(rowsOfStream(*m_window->eventsPanel()->model(), u"good"_s) > 10);
}

void TestDashboardWindow::unreadableCaptureIsReportedAndKeepsWhatWasCaptured()
{
    subscribe(u"ticker"_s, u"/ticker?rate=0&count=500"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->store().size(), 500, 10000);
    QVERIFY(!m_window->openCapture(m_dir.filePath(u"missing.jsonl"_s)));
    QVERIFY(m_window->lastMessage().contains(u"missing.jsonl"_s));
    QVERIFY(!m_window->openCapture(m_dir.filePath(u"notes.txt"_s)));
    QVERIFY(m_window->lastMessage().contains(u".jsonl, .csv or .sse"_s));
    QCOMPARE(m_session->store().size(), 500);
}

void TestDashboardWindow::capturesOpenAndChartsPickEvents()
{
    subscribe(u"ticker"_s, u"/ticker?rate=0&count=800"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->store().size(), 800, 10000);
    const QString path = m_dir.filePath(u"cap.jsonl"_s);
    std::vector<quint64> seqs;
    for (quint64 seq = 1; seq <= 800; ++seq)
        seqs.push_back(seq);
    QVERIFY(m_window->exportEvents(path, 0, seqs));
    QTRY_VERIFY(m_window->lastMessage().contains(u"Exported"_s));
    m_session->removeAll();
    // A corrupt line is named; the rest loads.
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("{not json\n");
    file.close();
    QVERIFY(m_window->openCapture(path));
    QTRY_VERIFY2(
        m_window->lastMessage().contains(u"line 801"_s), qPrintable(m_window->lastMessage()));
    QVERIFY(!m_session->isLoadingCapture());
    QCOMPARE(m_session->store().size(), 800);
    QCOMPARE(m_window->eventsPanel()->model()->rowCount(), 800);
    LiveChartsPanel *charts = m_window->chartsPanel();
    charts->redraw();
    QVERIFY(charts->pointCount() > 0);
    // Clicking a point of a stream's rate line selects that stream's event nearest in time.
    QSignalSpy picked(charts, &LiveChartsPanel::eventPicked);
    const StreamId stream = m_session->pipeline().stats().streams().first();
    QXYSeries *rate = charts->rateSeries(stream);
    QVERIFY(rate && rate->count() > 0);
    Q_EMIT rate->clicked(rate->at(rate->count() / 2));
    QCOMPARE(picked.count(), 1);
    const quint64 seq = picked.first().first().toULongLong();
    QVERIFY(seq >= m_session->store().firstSeq() && seq <= m_session->store().lastSeq());
    QCOMPARE(m_window->eventsPanel()->detailPane()->shownSeq(), seq);
    QVERIFY(!m_window->eventsPanel()->followAction()->isChecked());
}

void TestDashboardWindow::largeCaptureOpensOnAWorker()
{
    const QString path = m_dir.filePath(u"large.jsonl"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const int events = 200000;
    QByteArray lines;
    for (int i = 1; i <= events; ++i) {
        lines += "{\"kind\":\"event\",\"stream\":\"s" + QByteArray::number(i % 3)
            + "\",\"seq\":" + QByteArray::number(i) + ",\"id\":\"" + QByteArray::number(i)
            + "\",\"type\":\"message\",\"data\":\"{\\\"n\\\":" + QByteArray::number(i)
            + "}\",\"received\":\"2026-11-26T10:00:00.000001Z\",\"mono_ns\":"
            + QByteArray::number(i * 1000LL) + ",\"chunk\":" + QByteArray::number(i)
            + ",\"bytes\":20,\"latency_ms\":null}\n";
    }
    file.write(lines);
    file.close();
    QVERIFY(m_window->openCapture(path));
    QVERIFY(m_session->isLoadingCapture()); // it returned at once; a worker reads
    int turns = 0;
    QElapsedTimer clock;
    clock.start();
    while (m_session->isLoadingCapture() || m_session->store().size() < events) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        ++turns;
        if (clock.elapsed() > 60000)
            break;
    }
    QVERIFY2(turns > 3, "the window kept turning while the capture loaded");
    QCOMPARE(m_session->store().size(), events);
    QTRY_VERIFY2(
        m_window->lastMessage().contains(u"200000 event"_s), qPrintable(m_window->lastMessage()));
    qInfo("200k-event capture opened in %lld ms over %d event-loop turns", clock.elapsed(), turns);
    // A table this big takes the last batches in one sync, a moment later.
    QTRY_COMPARE(m_window->eventsPanel()->model()->rowCount(), events);
    // Opening another capture cancels a load in progress and starts over.
    QVERIFY(m_window->openCapture(path));
    QVERIFY(m_window->openCapture(path));
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_session->isLoadingCapture() && m_session->store().size() == events, 60000);
}

void TestDashboardWindow::recordToDiskKeepsEverythingPastTheCap()
{
    EventStoreLimits limits;
    limits.maxEvents = 2 * EventStore::kSegmentEvents;
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session(limits);
    QString error;
    const QString path = m_dir.filePath(u"recording.jsonl"_s);
    QVERIFY2(session.startRecording(path, &error), qPrintable(error));
    SubscriptionConfig config;
    config.name = u"fast"_s;
    config.url = demo.url(u"/ticker?rate=0&count=60000"_s);
    session.addStream(config);
    QTRY_COMPARE_WITH_TIMEOUT(
        qint64(session.store().size() + session.store().droppedEvents()), 60000, 30000);
    QVERIFY(session.store().droppedEvents() > 0); // the window's store kept its cap
    session.stopRecording();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 60000); // the file lost nothing
}

void TestDashboardWindow::exportReadsASnapshotWhileTheCapDrops()
{
    EventStoreLimits limits;
    limits.maxEvents = 2 * EventStore::kSegmentEvents;
    DashboardSession session(limits);
    MainWindow window(&session);
    window.setInteractive(false);
    const auto data = [](int i) -> QByteArray {
        return "{\"n\":" + QByteArray::number(i) + "}";
    };
    ssescope::test::ingestEvents(session, 1, 30000, data);
    std::vector<quint64> seqs;
    for (quint64 seq = session.store().firstSeq(); seq <= session.store().lastSeq(); ++seq)
        seqs.push_back(seq);
    const QString path = m_dir.filePath(u"snapshot.jsonl"_s);
    ExportJob *job = window.exportEvents(path, 0, seqs);
    QVERIFY(job);
    // The capture goes on and the cap drops every row being exported.
    for (int i = 0; i < 4; ++i)
        ssescope::test::ingestEvents(session, 2, 30000, data);
    QVERIFY(session.store().firstSeq() > seqs.back());
    QTRY_VERIFY_WITH_TIMEOUT(window.lastMessage().contains(u"Exported"_s), 30000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), qsizetype(seqs.size()));
}

void TestDashboardWindow::cancelledExportLeavesNoFile()
{
    subscribe(u"ticker"_s, u"/ticker?rate=0&count=2000"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->store().size(), 2000, 10000);
    std::vector<quint64> seqs;
    for (int round = 0; round < 200; ++round) // 400k rows: several slices
        for (quint64 seq = 1; seq <= 2000; ++seq)
            seqs.push_back(seq);
    const QString path = m_dir.filePath(u"cancelled.jsonl"_s);
    ExportJob *job = m_window->exportEvents(path, 0, seqs);
    QVERIFY(job);
    QSignalSpy finished(job, &ExportJob::finished);
    job->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QTRY_VERIFY(m_window->lastMessage().contains(u"cancelled"_s));
    QVERIFY(!QFile::exists(path));
}

void TestDashboardWindow::closingWithUnsavedEventsAsksFirst()
{
    subscribe(u"ticker"_s, u"/ticker?rate=0&count=50"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->store().size(), 50, 10000);
    QVERIFY(m_session->hasUnsavedEvents());
    m_window->setInteractive(true);
    bool asked = false;
    onNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        asked = true;
        box->button(QMessageBox::Cancel)->click();
    });
    QVERIFY(!m_window->close());
    QVERIFY(asked);
    QVERIFY(m_window->isVisible());
    m_window->setInteractive(false);
}

void TestDashboardWindow::everyFocusableControlHasAnAccessibleName()
{
    m_session->subscribeDemoStreams(m_demo->url(QString()));
    const auto exempt = [](QWidget *widget) {
        return qobject_cast<QAbstractButton *>(widget) // named by their text
            || widget->objectName().startsWith(u"qt_"_s)
            || qobject_cast<QTabBar *>(widget)
            // A scroll area's viewport is named by its scroll area.
            || (qobject_cast<QAbstractScrollArea *>(widget->parentWidget())
                && qobject_cast<QAbstractScrollArea *>(widget->parentWidget())->viewport()
                    == widget)
            || (qobject_cast<QLineEdit *>(widget)
                && qobject_cast<QComboBox *>(widget->parentWidget()));
    };
    int checked = 0;
    const auto widgets = m_window->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        // Popups (a combo box's list) belong to their combo box.
        if (!(widget->focusPolicy() & Qt::TabFocus) || exempt(widget)
            || widget->window() != m_window.get())
            continue;
        ++checked;
        QVERIFY2(!widget->accessibleName().isEmpty(),
            qPrintable(u"%1 (%2) has no accessible name"_s.arg(widget->objectName(),
                QString::fromLatin1(widget->metaObject()->className()) + u" in "_s
                    + QString::fromLatin1(widget->parentWidget()->metaObject()->className()) + u' '
                    + widget->parentWidget()->objectName())));
    }
    QVERIFY(checked >= 10);
}

void TestDashboardWindow::keyboardReachesEveryPanel()
{
    m_session->subscribeDemoStreams(m_demo->url(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->eventsPanel()->model()->rowCount() > 5, 10000);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_window->streamsPanel()->view());
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_window->eventsPanel()->view());
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_window->eventsPanel()->filterBar()->textEdit());
    // Tab walks from the filter text on through the bar and into the table.
    QSet<QWidget *> visited;
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        visited.insert(QApplication::focusWidget());
    }
    QVERIFY(visited.contains(m_window->eventsPanel()->view()));
    // From the streams list, the keyboard pauses the selected stream.
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QTableView *streams = m_window->streamsPanel()->view();
    QTest::keyClick(streams, Qt::Key_Home, Qt::ControlModifier);
    streams->selectRow(0);
    QTest::keyClick(streams, Qt::Key_P, Qt::ControlModifier);
    const StreamId first = m_session->streams().first();
    QTRY_COMPARE(m_session->status(first).state, SubscriptionState::Paused);
}

// Ctrl+1 puts the focus on the streams list with a current row drawn, but
// no selection; Ctrl+P (and Ctrl+Shift+P, Ctrl+R, F2, Delete) must act on
// that current row, not do nothing at all, silently. keyboardReachesEveryPanel
// selects the row by code, so it would not see this.
void TestDashboardWindow::keyboardPausesTheCurrentStreamWithoutAMouseSelection()
{
    SubscriptionConfig config;
    config.name = u"dead"_s;
    config.url = QUrl(u"http://127.0.0.1:1/x"_s);
    const StreamId stream = m_session->addStream(config);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QTableView *streams = m_window->streamsPanel()->view();
    QTRY_COMPARE(QApplication::focusWidget(), streams);
    QTest::keyClick(streams, Qt::Key_P, Qt::ControlModifier);
    QTRY_COMPARE(m_session->status(stream).state, SubscriptionState::Paused);
}

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboardwindow.moc"
