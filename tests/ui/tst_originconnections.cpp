// Protocol and connections per origin against the demo server (HTTP/1.1):
// the streams panel's Protocol column, and the warning that a browser would
// stall the seventh HTTP/1.1 stream to one origin.
#include "core/demo/DemoServerThread.h"
#include "core/net/NetworkShardPool.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamsPanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestOriginConnections final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sevenHttp1StreamsToOneOriginWarn();
};

void TestOriginConnections::sevenHttp1StreamsToOneOriginWarn()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamsPanel panel(&session);
    StreamListModel *model = panel.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString origin = NetworkShardPool::originKey(demo.url(u"/clock"_s), false);
    QList<StreamId> streams;
    const auto open = [&](int count) {
        for (int i = 0; i < count; ++i) {
            SubscriptionConfig config;
            config.name = u"clock%1"_s.arg(streams.size());
            config.url = demo.url(u"/clock?rate=2&heartbeat=500"_s);
            streams.append(session.addStream(config));
        }
    };
    const auto http1Streams = [&] {
        return session.originConnections(streams.first()).http1Streams;
    };

    open(6);
    QTRY_COMPARE_WITH_TIMEOUT(http1Streams(), 6, 15000);
    const OriginConnections six = session.originConnections(streams.first());
    QCOMPARE(six.origin, origin);
    QCOMPARE(six.connections, 6);
    QCOMPARE(six.http2Streams, 0);
    QVERIFY(!six.browserWouldStall());
    QCOMPARE(session.status(streams.first()).protocol, QByteArray("HTTP/1.1"));
    model->refresh();
    const QModelIndex protocol = model->index(0, StreamListModel::ProtocolColumn);
    QCOMPARE(protocol.data().toString(), u"HTTP/1.1 · 6"_s);
    QVERIFY(protocol.data(Qt::DecorationRole).isNull());
    QVERIFY(protocol.data(Qt::AccessibleTextRole).toString().contains(origin));
    QVERIFY(panel.connectionWarning()->isHidden());

    open(1); // the seventh
    QTRY_COMPARE_WITH_TIMEOUT(http1Streams(), 7, 15000);
    const OriginConnections seven = session.originConnections(streams.last());
    QVERIFY(seven.browserWouldStall());
    QCOMPARE(seven.connections, 7);
    const QString warning = seven.browserWarning();
    QVERIFY(warning.contains(origin));
    QVERIFY(warning.contains(u"7th stream would hang"_s));
    model->refresh();
    QCOMPARE(model->index(3, StreamListModel::ProtocolColumn).data().toString(), u"HTTP/1.1 · 7"_s);
    QVERIFY(!model->index(3, StreamListModel::ProtocolColumn).data(Qt::DecorationRole).isNull());
    QCOMPARE(model->index(3, StreamListModel::ProtocolColumn)
                 .data(Qt::AccessibleDescriptionRole)
                 .toString(),
        warning);
    QVERIFY(model->index(3, StreamListModel::NameColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(warning));
    QVERIFY(!panel.connectionWarning()->isHidden());
    QVERIFY(panel.connectionWarning()->text().contains(warning));
    QCOMPARE(panel.connectionWarning()->accessibleName(), u"Browser connection warning"_s);

    session.removeStream(streams.takeLast());
    QTRY_COMPARE_WITH_TIMEOUT(http1Streams(), 6, 15000);
    QVERIFY(!session.originConnections(streams.first()).browserWouldStall());
    QTRY_VERIFY(panel.connectionWarning()->isHidden());
}

QTEST_MAIN(TestOriginConnections)
#include "tst_originconnections.moc"
