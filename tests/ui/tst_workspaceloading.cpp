// Opening a workspace: a large one is added a slice at a time, so that the
// window paints and answers between slices (adding 1,000 streams in one turn
// froze it) and says how far it has got, tested by structure (streams added
// per turn of the event loop), not by timing; and nonsense limits in the file
// are refused, not loaded.
#include "ui/session/DashboardSession.h"
#include "core/session/Workspace.h"
#include "core/session/WorkspaceLoader.h"
#include "ui/window/MainWindow.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestWorkspaceLoading final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void largeWorkspaceLoadsInSlices();
    void workspaceRejectsNonsenseLimits_data();
    void workspaceRejectsNonsenseLimits();
};

void TestWorkspaceLoading::largeWorkspaceLoadsInSlices()
{
    constexpr int kStreams = 200;
    Workspace workspace;
    for (int i = 0; i < kStreams; ++i) {
        SubscriptionConfig config;
        config.name = u"s%1"_s.arg(i);
        config.url
            = QUrl(u"http://127.0.0.1:9/s%1"_s.arg(i)); // nothing listens: only loading matters
        config.reconnect.reconnect = false;
        workspace.streams.append(config);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"large.ssescope.json"_s);
    QString error;
    QVERIFY2(workspace.save(path, &error), qPrintable(error));

    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(window.openWorkspace(path));
    // One slice in the call itself; the rest on later turns of the event loop.
    QCOMPARE(session.streams().size(), WorkspaceLoader::kStreamsPerTurn);
    auto *loader = window.findChild<WorkspaceLoader *>();
    QVERIFY(loader);
    QList<int> slices;
    int before = int(session.streams().size());
    // Reported, not asserted: the GUI thread's time per slice.
    QElapsedTimer sinceSlice;
    qint64 longestSliceMs = 0;
    QTimer::singleShot(0, this, [&] { sinceSlice.start(); });
    connect(loader, &WorkspaceLoader::progress, this, [&](int added, int total) {
        if (sinceSlice.isValid())
            longestSliceMs = std::max(longestSliceMs, sinceSlice.elapsed());
        QCOMPARE(total, kStreams);
        QCOMPARE(int(session.streams().size()), added);
        slices.append(added - before);
        before = added;
        QTimer::singleShot(0, this, [&] { sinceSlice.start(); });
    });
    QVERIFY(!window.lastMessage().contains(u"Opened workspace"_s));
    QTRY_COMPARE_WITH_TIMEOUT(int(session.streams().size()), kStreams, 20000);
    QTRY_VERIFY(window.lastMessage().contains(u"Opened workspace"_s));
    qInfo("BENCH workspace_slice_max %lld ms (%d streams per turn)", longestSliceMs,
        WorkspaceLoader::kStreamsPerTurn);
    QCOMPARE(slices.size(), kStreams / WorkspaceLoader::kStreamsPerTurn - 1);
    for (int slice : std::as_const(slices))
        QVERIFY(slice <= WorkspaceLoader::kStreamsPerTurn);

    // Opening another workspace while one loads abandons the first.
    QVERIFY(window.openWorkspace(path));
    QVERIFY(window.openWorkspace(path));
    QTRY_COMPARE_WITH_TIMEOUT(int(session.streams().size()), kStreams, 20000);
    QTest::qWait(50);
    QCOMPARE(int(session.streams().size()), kStreams);
}

// A workspace is untrusted input. These values must be refused: they gave a
// stream that says "Live, Receiving events." and never shows an event
// (readBufferBytes < 0; 0 means unbounded and works), a message "more than
// -1" redirects, or a reconnect loop to a dead host at ~3,700 attempts a
// second and 100 % CPU (0 ms retry with a 0 ms backoff cap).
void TestWorkspaceLoading::workspaceRejectsNonsenseLimits_data()
{
    QTest::addColumn<QString>("stream");
    QTest::newRow("negative read buffer") << u"\"readBufferBytes\":-5"_s;
    QTest::newRow("negative redirects") << u"\"maxRedirects\":-1"_s;
    QTest::newRow("busy reconnect loop")
        << u"\"reconnect\":{\"initialRetryMs\":0,\"maxBackoffMs\":0}"_s;
}

void TestWorkspaceLoading::workspaceRejectsNonsenseLimits()
{
    QFETCH(QString, stream);
    const QByteArray json
        = (u"{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"http://127.0.0.1:1/x\","_s + stream
            + u"}]}"_s)
              .toUtf8();
    QString error;
    QVERIFY2(!Workspace::fromJson(json, &error), json.constData());
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestWorkspaceLoading)
#include "tst_workspaceloading.moc"
