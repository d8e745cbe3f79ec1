// Renders the window, the subscribe dialog and the charts on live demo
// streams and saves PNGs under the build tree (ui-artifacts/), so that
// people can look at what the dashboard shows. The checks make sure each
// picture shows something: a blank or single-colour grab fails.
#include "core/capture/CaptureIO.h"
#include "core/demo/DemoServerThread.h"
#include "ui/charts/LiveChartsPanel.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/subscribe/SubscribeDialog.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

void saveAndCheck(QWidget *widget, const QString &name)
{
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colors.insert(image.pixel(x, y));
    }
    QVERIFY2(colors.size() > 20, qPrintable(u"%1 looks blank"_s.arg(name)));
    QDir().mkpath(QStringLiteral(SSESCOPE_UI_ARTIFACTS));
    const QString path = QStringLiteral(SSESCOPE_UI_ARTIFACTS) + u'/' + name;
    QVERIFY(image.save(path));
    qInfo("saved %s", qPrintable(path));
}

} // namespace

class TestScreenshots final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainWindow();
    void subscribeDialog();
    void charts();
    void tenStreams();
    void openedCapture();

private:
    demo::DemoServerThread m_demo; // the program's, before its session
    std::unique_ptr<DashboardSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_screenshots"_s);
    m_session = std::make_unique<DashboardSession>();
    QVERIFY2(m_demo.start(), qPrintable(m_demo.errorString()));
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->setInteractive(false);
    m_window->resize(1500, 950);
    m_session->subscribeDemoStreams(m_demo.url(QString()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Let a few seconds of traffic fill the charts and sparklines.
    QTest::qWait(4500);
    QTRY_VERIFY(m_window->eventsPanel()->model()->rowCount() > 100);
}

void TestScreenshots::mainWindow()
{
    EventsPanel *events = m_window->eventsPanel();
    events->selectSeq(events->model()->seqAt(events->model()->rowCount() - 2));
    saveAndCheck(m_window.get(), u"main-window.png"_s);
}

void TestScreenshots::subscribeDialog()
{
    SubscribeDialog dialog(m_window.get());
    dialog.applyCurlCommand(
        u"curl 'https://api.example.com/v1/chat/stream' -H 'accept: text/event-stream' "
        "-H 'authorization: Bearer sk-demo' -H 'content-type: application/json' "
        "--data-raw '{\"model\":\"demo\",\"stream\":true}'"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    saveAndCheck(&dialog, u"subscribe-dialog.png"_s);
}

void TestScreenshots::charts()
{
    LiveChartsPanel *charts = m_window->chartsPanel();
    charts->setWindowMinutes(1);
    charts->redraw();
    QVERIFY(charts->pointCount() > 10);
    saveAndCheck(charts, u"charts.png"_s);
}

// The streams panel grows with its streams: ten of them, none hidden.
void TestScreenshots::tenStreams()
{
    const QStringList paths { u"/ticker?rate=200"_s, u"/ticker?rate=2"_s, u"/tokens"_s, u"/clock"_s,
        u"/ticker?rate=10&size=2000"_s };
    const QStringList names { u"fast"_s, u"slow"_s, u"tokens-2"_s, u"clock-2"_s, u"big"_s };
    for (int i = 0; i < paths.size(); ++i) {
        SubscriptionConfig config;
        config.name = names.at(i);
        config.url = m_demo.url(paths.at(i));
        m_session->addStream(config);
    }
    QCOMPARE(m_session->streams().size(), 10);
    QTest::qWait(3000);
    saveAndCheck(m_window.get(), u"streams-ten.png"_s);
}

// An opened capture: live streams paused and said so, the file's streams with
// their figures, and the charts on the capture's own time axis.
void TestScreenshots::openedCapture()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"demo-capture.jsonl"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const ExportResult written = exportStore(m_session->store(), CaptureFormat::JsonLines, &file);
    QVERIFY2(written.error.isEmpty(), qPrintable(written.error));
    QVERIFY(written.written > 100);
    file.close();
    QSignalSpy loaded(m_session.get(), &DashboardSession::captureLoaded);
    QVERIFY(m_window->openCapture(path));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    QVERIFY(loaded.at(0).at(0).toBool());
    QVERIFY(m_session->hasStreamsPausedForCapture());
    QTest::qWait(1000);
    m_window->chartsPanel()->redraw();
    QVERIFY(m_window->chartsPanel()->pointCount() > 10);
    saveAndCheck(m_window.get(), u"opened-capture.png"_s);
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
