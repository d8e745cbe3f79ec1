// The capture session both front ends drive, headless, against a real demo
// server on loopback: streams added, paused, edited and removed; a capture
// opened over live streams; a workspace added in slices.
#include "core/demo/DemoServerThread.h"
#include "core/net/DirectEventConsumer.h"
#include "core/session/CaptureSession.h"
#include "core/session/WorkspaceLoader.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

SubscriptionConfig demoStream(
    const demo::DemoServerThread &server, const QString &name, const QString &pathAndQuery)
{
    SubscriptionConfig config;
    config.name = name;
    config.url = server.url(pathAndQuery);
    return config;
}

qint64 eventsOf(const CaptureSession &session, StreamId stream)
{
    qint64 count = 0;
    for (qint64 row = 0; row < session.store().size(); ++row)
        count += session.store().at(row).stream == stream ? 1 : 0;
    return count;
}

// Counts what the network thread hands over, as the CLI's writer takes it.
class CountingConsumer final : public DirectEventConsumer
{
public:
    void consumeEvent(const SseEventView &, std::optional<double>) override { ++events; }
    void consumeComment(StreamId, QByteArrayView, const ChunkStamp &) override { }
    void endOfRead() override { ++reads; }

    std::atomic<int> events { 0 };
    std::atomic<int> reads { 0 };
};

} // namespace

class TestCaptureSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addedStreamFillsTheStore();
    void pauseStopsEventsAndResumeBringsThemBack();
    void replacedStreamKeepsItsPlaceAndHistory();
    void openingACapturePausesLiveStreamsAndSaysSo();
    void openingWhatIsNoCaptureChangesNothing();
    void removedStreamLeavesTheList();
    void showcaseSubscribesTheDemoStreams();
    void directConsumerTakesTheEventsInsteadOfTheStore();
    void workspaceIsAddedInSlices();

private:
    demo::DemoServerThread m_server;
    QTemporaryDir m_dir;
};

void TestCaptureSession::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY(m_dir.isValid());
}

void TestCaptureSession::addedStreamFillsTheStore()
{
    CaptureSession session;
    QSignalSpy added(&session, &CaptureSession::streamAdded);
    QSignalSpy ingested(&session, &CaptureSession::ingested);
    const StreamId stream
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().first().value<StreamId>(), stream);
    QCOMPARE(session.streams(), QList<StreamId> { stream });
    QCOMPARE(session.streamName(stream), u"ticker"_s);
    QTRY_VERIFY_WITH_TIMEOUT(session.store().size() >= 20, 10000);
    QCOMPARE(eventsOf(session, stream), session.store().size());
    QVERIFY(!ingested.isEmpty());
    QCOMPARE(session.status(stream).state, SubscriptionState::Open);
    // Nothing saved yet: every event received is unsaved.
    QVERIFY(session.hasUnsavedEvents());
    QVERIFY(session.unsavedEvents() >= 20);
}

void TestCaptureSession::pauseStopsEventsAndResumeBringsThemBack()
{
    CaptureSession session;
    const StreamId stream
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    QTRY_VERIFY_WITH_TIMEOUT(session.store().size() >= 10, 10000);
    session.pause(stream);
    QTRY_COMPARE_WITH_TIMEOUT(session.status(stream).state, SubscriptionState::Paused, 5000);
    // Events read before the pause may still be on their way: let them land.
    QTest::qWait(300);
    const qint64 paused = session.store().size();
    QTest::qWait(500);
    QCOMPARE(session.store().size(), paused);
    session.resume(stream);
    QTRY_VERIFY_WITH_TIMEOUT(session.store().size() > paused + 10, 10000);
    QCOMPARE(session.status(stream).state, SubscriptionState::Open);
}

void TestCaptureSession::replacedStreamKeepsItsPlaceAndHistory()
{
    CaptureSession session;
    const StreamId first = session.addStream(demoStream(m_server, u"first"_s, u"/clock"_s));
    const StreamId edited
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    const StreamId last = session.addStream(demoStream(m_server, u"last"_s, u"/clock"_s));
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, edited) >= 10, 10000);
    QSignalSpy replaced(&session, &CaptureSession::streamReplaced);

    const StreamId next
        = session.replaceStream(edited, demoStream(m_server, u"ticker 2"_s, u"/ticker?rate=100"_s));
    QVERIFY(next != edited);
    QCOMPARE(replaced.size(), 1);
    QCOMPARE(replaced.first().at(0).value<StreamId>(), edited);
    QCOMPARE(replaced.first().at(1).value<StreamId>(), next);
    // Same place in the list, under the new id and name.
    QCOMPARE(session.streams(), (QList<StreamId> { first, next, last }));
    QCOMPARE(session.streamName(next), u"ticker 2"_s);
    QCOMPARE(session.config(next).url, m_server.url(u"/ticker?rate=100"_s));
    // What it captured before the edit is still there, and still its own.
    QCOMPARE(session.earlierIds(next), QList<StreamId> { edited });
    QVERIFY(session.isReplaced(edited));
    QVERIFY(!session.isReplaced(next));
    const qint64 before = eventsOf(session, edited);
    QVERIFY(before >= 10);
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, next) >= 10, 10000);
    QVERIFY(eventsOf(session, edited) >= before);

    // A second edit remembers both earlier ids, oldest first.
    const StreamId again
        = session.replaceStream(next, demoStream(m_server, u"ticker 3"_s, u"/ticker"_s));
    QCOMPARE(session.earlierIds(again), (QList<StreamId> { edited, next }));
    QCOMPARE(session.streams().indexOf(again), 1);
}

void TestCaptureSession::openingACapturePausesLiveStreamsAndSaysSo()
{
    CaptureSession session;
    const QString path = m_dir.filePath(u"recorded.jsonl"_s);
    QString error;
    QVERIFY2(session.startRecording(path, &error), qPrintable(error));
    const StreamId live
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    QTRY_VERIFY_WITH_TIMEOUT(session.store().size() >= 20, 10000);
    session.stopRecording();

    QSignalSpy paused(&session, &CaptureSession::pausedForCaptureChanged);
    QSignalSpy reset(&session, &CaptureSession::captureReset);
    QSignalSpy loaded(&session, &CaptureSession::captureLoaded);
    QString message;
    QVERIFY2(session.openCapture(path, &message), qPrintable(message));
    QVERIFY(message.contains(path));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(paused.size(), 1);
    QVERIFY(session.isPausedForCapture(live));
    QVERIFY(session.hasStreamsPausedForCapture());
    QCOMPARE(session.capturePath(), path);
    QVERIFY(loaded.wait(10000));
    QVERIFY(loaded.first().first().toBool());
    QTRY_COMPARE_WITH_TIMEOUT(session.status(live).state, SubscriptionState::Paused, 5000);

    // The store holds the capture only: its one stream, under an id apart
    // from the live one, and no live event mixed in however long it stays open.
    QCOMPARE(session.capturedStreams().size(), 1);
    const StreamId captured = session.capturedStreams().first();
    QVERIFY(captured != live);
    QVERIFY(session.isCaptured(captured));
    QCOMPARE(session.streamName(captured), u"ticker"_s);
    QTest::qWait(300);
    const qint64 held = session.store().size();
    QVERIFY(held >= 20);
    QCOMPARE(eventsOf(session, captured), held);
    QCOMPARE(session.streams(), QList<StreamId> { live });
    // Opened, not received: nothing to save.
    QVERIFY(!session.hasUnsavedEvents());

    // Resuming the live stream says it is no longer paused for the capture.
    session.resume(live);
    QCOMPARE(paused.size(), 2);
    QVERIFY(!session.isPausedForCapture(live));
    QVERIFY(!session.hasStreamsPausedForCapture());
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, live) > 0, 10000);
}

void TestCaptureSession::openingWhatIsNoCaptureChangesNothing()
{
    CaptureSession session;
    const StreamId live
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    QTRY_VERIFY_WITH_TIMEOUT(session.store().size() >= 5, 10000);
    QSignalSpy reset(&session, &CaptureSession::captureReset);
    QString message;
    QVERIFY(!session.openCapture(m_dir.filePath(u"notes.txt"_s), &message));
    QVERIFY2(message.contains(u".jsonl"_s), qPrintable(message));
    QVERIFY(!session.openCapture(m_dir.filePath(u"missing.jsonl"_s), &message));
    QVERIFY2(message.contains(u"missing.jsonl"_s), qPrintable(message));
    // A directory behind a capture's name would never end.
    QVERIFY(QDir(m_dir.path()).mkpath(u"folder.jsonl"_s));
    QVERIFY(!session.openCapture(m_dir.filePath(u"folder.jsonl"_s), &message));
    QVERIFY2(message.contains(u"regular file"_s), qPrintable(message));
    QVERIFY(reset.isEmpty());
    QVERIFY(!session.isPausedForCapture(live));
    QVERIFY(session.capturePath().isEmpty());
    QVERIFY(session.status(live).state != SubscriptionState::Paused);
}

void TestCaptureSession::removedStreamLeavesTheList()
{
    CaptureSession session;
    const StreamId kept = session.addStream(demoStream(m_server, u"kept"_s, u"/ticker?rate=100"_s));
    const StreamId removed
        = session.addStream(demoStream(m_server, u"removed"_s, u"/ticker?rate=100"_s));
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, removed) >= 5, 10000);
    QSignalSpy spy(&session, &CaptureSession::streamRemoved);
    session.removeStream(removed);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().value<StreamId>(), removed);
    QCOMPARE(session.streams(), QList<StreamId> { kept });
    QVERIFY(!session.manager().streams().contains(removed));
    // Its events stay in the capture; no new ones come.
    QTest::qWait(300);
    const qint64 after = eventsOf(session, removed);
    QVERIFY(after >= 5);
    QTest::qWait(400);
    QCOMPARE(eventsOf(session, removed), after);
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, kept) >= 5, 10000);
    // Twice, or a stream it never had: nothing happens.
    session.removeStream(removed);
    session.removeStream(StreamId(9999));
    QCOMPARE(spy.size(), 1);
    session.removeAll();
    QVERIFY(session.streams().isEmpty());
    QCOMPARE(spy.size(), 2);
}

void TestCaptureSession::showcaseSubscribesTheDemoStreams()
{
    CaptureSession session;
    session.subscribeDemoStreams(m_server.url(QString()));
    QCOMPARE(session.streams().size(), 5);
    QStringList names;
    for (StreamId stream : session.streams()) {
        names.append(session.streamName(stream));
        QCOMPARE(session.config(stream).url.port(), int(m_server.port()));
    }
    QCOMPARE(names, (QStringList { u"ticker"_s, u"tokens"_s, u"bursty"_s, u"clock"_s, u"echo"_s }));
    QCOMPARE(session.config(session.streams().first()).url, m_server.url(u"/ticker?rate=40"_s));
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, session.streams().first()) > 0, 10000);
    // Without a server, nothing is subscribed.
    CaptureSession none;
    none.subscribeDemoStreams(QUrl());
    QVERIFY(none.streams().isEmpty());
}

// The CLI's way: events go to its writer as they are parsed, and the session
// still keeps the streams, their names, states and counters.
void TestCaptureSession::directConsumerTakesTheEventsInsteadOfTheStore()
{
    CountingConsumer consumer; // outlives the session's streams
    CaptureSession session;
    session.setDirectConsumer(&consumer);
    QSignalSpy batches(&session, &CaptureSession::batchReceived);
    QSignalSpy states(&session, &CaptureSession::streamStateChanged);
    const StreamId stream
        = session.addStream(demoStream(m_server, u"ticker"_s, u"/ticker?rate=200"_s));
    QTRY_VERIFY_WITH_TIMEOUT(consumer.events.load() >= 20, 10000);
    QVERIFY(consumer.reads.load() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(session.counters(stream).events >= 20, 10000);
    const bool counted
        = std::any_of(batches.cbegin(), batches.cend(), [&](const QList<QVariant> &args) {
              return args.first().value<EventBatchPtr>()->counters.contains(stream);
          });
    QVERIFY(counted);
    QVERIFY(!states.isEmpty());
    QCOMPARE(states.last().at(0).value<StreamId>(), stream);
    QCOMPARE(session.status(stream).state, SubscriptionState::Open);
    QVERIFY(session.store().isEmpty());
    QVERIFY(!session.hasUnsavedEvents());
}

void TestCaptureSession::workspaceIsAddedInSlices()
{
    CaptureSession session;
    QList<SubscriptionConfig> streams;
    const int total = 3 * WorkspaceLoader::kStreamsPerTurn + 1;
    for (int i = 0; i < total; ++i)
        streams.append(demoStream(m_server, u"clock %1"_s.arg(i), u"/clock"_s));
    WorkspaceLoader loader(&session, streams, nullptr);
    QSignalSpy progress(&loader, &WorkspaceLoader::progress);
    QSignalSpy finished(&loader, &WorkspaceLoader::finished);
    loader.start();
    // One slice now, the rest on later turns of the event loop.
    QCOMPARE(session.streams().size(), WorkspaceLoader::kStreamsPerTurn);
    QVERIFY(finished.isEmpty());
    QVERIFY(finished.wait(5000));
    QCOMPARE(loader.added(), total);
    QCOMPARE(progress.size(), 4);
    QCOMPARE(progress.last().at(0).toInt(), total);
    QCOMPARE(session.streams().size(), total);
    for (int i = 0; i < total; ++i)
        QCOMPARE(session.streamName(session.streams().at(i)), u"clock %1"_s.arg(i));
}

QTEST_GUILESS_MAIN(TestCaptureSession)
#include "tst_capturesession.moc"
