// "Serve this capture": the window serves an opened capture again on the
// program's replay server (CaptureReplayHost, as runDashboard gives it) and
// subscribes to its streams, which then deliver the capture's events live.
#include "app/dashboard/CaptureReplayHost.h"
#include "core/demo/CaptureReplay.h"
#include "core/demo/CaptureReplayThread.h"
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

// One JSON Lines record of stream "s", id as given ("" for none), 10 ms after
// the previous one.
QByteArray recordWithId(int seq, const QByteArray &id)
{
    return "{\"kind\":\"event\",\"stream\":\"s\",\"seq\":" + QByteArray::number(seq) + ",\"id\":\""
        + id + "\",\"type\":\"tick\",\"data\":\"n" + QByteArray::number(seq)
        + "\",\"received\":\"2026-11-25T14:51:10.000000Z\",\"mono_ns\":"
        + QByteArray::number(5'000'000'000LL + qint64(seq) * 10'000'000LL)
        + ",\"chunk\":" + QByteArray::number(seq) + ",\"bytes\":17,\"latency_ms\":null}\n";
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
    void aServedStreamPlaysOnce_data();
    void aServedStreamPlaysOnce();
    void aStreamThatCannotResumeIsNotReconnected();
    void quittingWhileALargeCaptureIsReadIsQuick();

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

void TestServeCapture::aServedStreamPlaysOnce_data()
{
    QTest::addColumn<QByteArrayList>("ids");
    QTest::newRow("no ids") << QByteArrayList { "", "", "", "" };
    QTest::newRow("last id repeated") << QByteArrayList { "a", "b", "a", "c", "a" };
    QTest::newRow("id-less tail") << QByteArrayList { "1", "2", "3", "3", "3" };
    QTest::newRow("id cleared at the end") << QByteArrayList { "1", "2", "" };
    QTest::newRow("unique ids") << QByteArrayList { "1", "2", "3" };
}

// Served once, as "Serve this capture" promises, to a client that reconnects
// (every 50 ms) after the end: whatever its ids, a stream's events arrive
// once, and the reconnection is told the stream is over (204). A stream with
// no usable last id used to start again from its first event for ever.
void TestServeCapture::aServedStreamPlaysOnce()
{
    QFETCH(QByteArrayList, ids);
    QByteArray capture;
    for (int i = 0; i < ids.size(); ++i)
        capture += recordWithId(i + 1, ids.at(i));
    QFile file(m_dir.filePath(u"once.jsonl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(capture);
    file.close();
    QString error;
    const auto replay = demo::CaptureReplay::load(file.fileName(), &error);
    QVERIFY2(replay, qPrintable(error));
    demo::CaptureReplayThread server;
    QVERIFY(server.start(replay, demo::ReplayOptions {}));

    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"once"_s;
    config.url = server.url(replay->streams().front().path);
    config.reconnect.initialRetryMs = 50; // reconnect policy as by default, but soon
    const StreamId stream = session.addStream(config);
    QTRY_COMPARE_WITH_TIMEOUT(session.counters(stream).events, quint64(ids.size()), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(session.status(stream).state, SubscriptionState::Closed, 5'000);
    QTest::qWait(300); // reconnections would be due every 50 ms
    QCOMPARE(session.counters(stream).events, quint64(ids.size()));
    QCOMPARE(session.status(stream).state, SubscriptionState::Closed);
}

// The window's own subscriptions to served streams whose ids do not tell
// every event apart are not reconnected: a reconnection after a cut would
// start such a stream again from its first event.
void TestServeCapture::aStreamThatCannotResumeIsNotReconnected()
{
    CaptureReplayHost host;
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.setCaptureServerHost(&host);
    QFile file(m_dir.filePath(u"mixed.jsonl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(recordWithId(1, "") + recordWithId(2, ""));
    file.write(QByteArray(recordWithId(1, "u1")).replace("\"s\"", "\"unique\""));
    file.close();
    QSignalSpy served(&window, &MainWindow::captureServed);
    QVERIFY(window.serveCapture(file.fileName()));
    QVERIFY(served.wait(10'000));
    QCOMPARE(served.first().first().toBool(), true);
    const StreamId noIds = streamNamed(session, u"s (replay)"_s);
    const StreamId unique = streamNamed(session, u"unique (replay)"_s);
    QVERIFY(noIds && unique);
    QCOMPARE(session.config(noIds).reconnect.reconnect, false);
    QCOMPARE(session.config(unique).reconnect.reconnect, true);
    QTRY_COMPARE_WITH_TIMEOUT(session.counters(noIds).events, quint64(2), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(session.status(noIds).state, SubscriptionState::Closed, 10'000);
}

// Quitting while "Serve this capture" reads a large capture: the host's
// destructor cancels the read, which stops within a block instead of reading
// the whole file on the window's thread's watch (seconds for 200 MB).
void TestServeCapture::quittingWhileALargeCaptureIsReadIsQuick()
{
    const QString path = m_dir.filePath(u"large.jsonl"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QByteArray block;
        for (int i = 1; block.size() < (1 << 20); ++i)
            block += recordWithId(i, QByteArray::number(i));
        for (int i = 0; i < 200; ++i) // ~200 MB, ~1.5 million events
            QCOMPARE(file.write(block), block.size());
    }
    auto host = std::make_unique<CaptureReplayHost>();
    bool done = false;
    host->serve(path, [&done](bool, const QList<ServedStream> &, const QString &) { done = true; });
    QTest::qWait(300); // well into the file
    QVERIFY(!done);
    QElapsedTimer timer;
    timer.start();
    host.reset();
    QVERIFY2(timer.elapsed() < 2000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
    QVERIFY(!done);
}

QTEST_MAIN(TestServeCapture)
#include "tst_servecapture.moc"
