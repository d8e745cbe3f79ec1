// Workspaces: the subscriptions with their settings and the layout, as JSON.
#include "session/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestWorkspace final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips();
    void rejects_data();
    void rejects();
    void unreadableFileIsNamed();
};

void TestWorkspace::roundTrips()
{
    Workspace workspace;
    SubscriptionConfig a;
    a.name = u"orders"_s;
    a.url = QUrl(u"https://api.example.com/orders"_s);
    a.method = "POST";
    a.headers = { { "Authorization", "Bearer x" } };
    a.body = "{\"q\":1}";
    a.reconnect.kind = ReconnectPolicyKind::Strict;
    a.latency.source = LatencySource::JsonPointer;
    a.latency.expression = u"/ts"_s;
    workspace.streams = { a };
    workspace.windowState = QByteArray("\x00\x01state", 7);
    workspace.chartWindowMinutes = 10;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"w.ssescope.json"_s);
    QString error;
    QVERIFY2(workspace.save(path, &error), qPrintable(error));
    const auto loaded = Workspace::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->streams.size(), 1);
    QCOMPARE(loaded->streams.first().toJson(), a.toJson());
    QCOMPARE(loaded->windowState, workspace.windowState);
    QCOMPARE(loaded->chartWindowMinutes, 10);
}

void TestWorkspace::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("{oops") << u"Not a workspace file"_s;
    QTest::newRow("no version") << QByteArray("{\"streams\":[]}") << u"no \"ssescopeWorkspace\""_s;
    QTest::newRow("newer") << QByteArray("{\"ssescopeWorkspace\":99}") << u"newer"_s;
    QTest::newRow("bad stream") << QByteArray("{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"ftp://x/y\"}]}")
                                << u"Stream 1"_s;
}

void TestWorkspace::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!Workspace::fromJson(json, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestWorkspace::unreadableFileIsNamed()
{
    QString error;
    QVERIFY(!Workspace::load(u"/nonexistent/dir/w.json"_s, &error));
    QVERIFY(error.contains(u"/nonexistent/dir/w.json"_s));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
