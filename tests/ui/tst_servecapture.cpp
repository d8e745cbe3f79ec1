// "Serve this capture": the window serves an opened capture again on the
// program's replay server (CaptureReplayHost, as runDashboard gives it) and
// subscribes to its streams, which then deliver the capture's events live.
#include "app/dashboard/CaptureReplayHost.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

// A JSON Lines capture: per stream, `count` events 20 ms apart, two a read
// on "bursts", one a read on "ticks"; the stream names need encoding.
QString writeCapture(const QString &path, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    const QString streams[] = { u"ticks"_s, u"bursts & co"_s };
    for (int i = 0; i < count; ++i) {
        for (int s = 0; s < 2; ++s) {
            const int read = s == 0 ? i : i / 2;
            file.write(u"{\"kind\":\"event\",\"stream\":\"%1\",\"seq\":%2,\"id\":\"%2\","
                       "\"type\":\"tick\",\"data\":\"{}\",\"received\":"
                       "\"2026-11-25T14:51:10.000000Z\",\"mono_ns\":%3,\"chunk\":%4,\"bytes\":17,"
                       "\"latency_ms\":null}\n"_s.arg(streams[s])
                           .arg(i + 1)
                           .arg(5'000'000'000LL + qint64(read) * 20'000'000LL * (s + 1))
                           .arg(read + 1)
                           .toUtf8());
        }
    }
    return path;
}

StreamId streamNamed(const DashboardSession &session, const QString &name)
{
    for (StreamId stream : session.streams()) {
        if (session.streamName(stream) == name)
            return stream;
    }
    return 0;
}

} // namespace

class TestServeCapture final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void servesTheOpenedCapture();
    void withoutACaptureItSaysSo();
    void anUnreadableFileIsAnError();

private:
    QTemporaryDir m_dir;
};

void TestServeCapture::servesTheOpenedCapture()
{
    CaptureReplayHost host;
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    StreamListModel streams(&session);
    QAbstractItemModelTester tester(
        &streams, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *serve = window.findChild<QAction *>(u"serveCapture"_s);
    auto *stop = window.findChild<QAction *>(u"stopServingCaptures"_s);
    QVERIFY(serve && stop);
    QVERIFY(!serve->isEnabled()); // no server yet
    window.setCaptureServerHost(&host);
    QVERIFY(serve->isEnabled());
    QVERIFY(!stop->isEnabled());

    const QString path = writeCapture(m_dir.filePath(u"incident.jsonl"_s), 20);
    QSignalSpy loaded(&session, &DashboardSession::captureLoaded);
    QVERIFY(window.openCapture(path));
    QVERIFY(loaded.wait(10'000));
    QVERIFY(loaded.first().first().toBool());

    QSignalSpy served(&window, &MainWindow::captureServed);
    serve->trigger();
    QVERIFY(served.wait(10'000)); // read on a worker
    QCOMPARE(served.first().first().toBool(), true);
    QCOMPARE(host.servedCaptures(), 1);
    QVERIFY(stop->isEnabled());
    QVERIFY2(window.lastMessage().startsWith(u"Serving incident.jsonl on http://127.0.0.1:"_s),
        qPrintable(window.lastMessage()));
    const StreamId ticks = streamNamed(session, u"ticks (replay)"_s);
    const StreamId bursts = streamNamed(session, u"bursts & co (replay)"_s);
    QVERIFY(ticks && bursts);
    QCOMPARE(session.config(bursts).url.path(QUrl::FullyEncoded), u"/bursts%20%26%20co"_s);
    // Live: every event of the capture arrives, the bursts' two a read.
    QTRY_COMPARE_WITH_TIMEOUT(session.counters(ticks).events, quint64(20), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(session.counters(bursts).events, quint64(20), 10'000);
    QVERIFY(session.counters(ticks).chunks >= 20);
    QVERIFY2(session.counters(bursts).chunks <= 12, // 10 reads, and maybe a split one
        qPrintable(QString::number(session.counters(bursts).chunks)));
    // Listed with the opened capture's own streams.
    bool listed = false;
    for (int row = 0; row < streams.rowCount(); ++row)
        listed = listed
            || streams.index(row, StreamListModel::NameColumn).data().toString()
                == u"ticks (replay)"_s;
    QVERIFY(listed);

    stop->trigger();
    QCOMPARE(host.servedCaptures(), 0);
    QVERIFY(!stop->isEnabled());
    QTRY_COMPARE(session.status(ticks).state, SubscriptionState::Paused); // from the network thread
}

void TestServeCapture::withoutACaptureItSaysSo()
{
    CaptureReplayHost host;
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.setCaptureServerHost(&host);
    QVERIFY(!window.serveCapture());
    QCOMPARE(window.lastMessage(), u"Open a capture first, or choose one, to serve it."_s);
    QCOMPARE(host.servedCaptures(), 0);
    QVERIFY(session.streams().isEmpty());
}

void TestServeCapture::anUnreadableFileIsAnError()
{
    CaptureReplayHost host;
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.setCaptureServerHost(&host);
    QFile garbage(m_dir.filePath(u"garbage.jsonl"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("no capture here\n");
    garbage.close();
    QSignalSpy served(&window, &MainWindow::captureServed);
    QVERIFY(window.serveCapture(garbage.fileName()));
    QVERIFY(served.wait(10'000));
    QCOMPARE(served.first().first().toBool(), false);
    QVERIFY2(window.lastMessage().contains(u"holds no event that could be read"_s),
        qPrintable(window.lastMessage()));
    QCOMPARE(host.servedCaptures(), 0);
}

QTEST_MAIN(TestServeCapture)
#include "tst_servecapture.moc"
