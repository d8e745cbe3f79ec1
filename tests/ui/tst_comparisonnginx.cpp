// The comparison view against a real nginx, where buffering is real rather than
// simulated by the demo server: the window compares the unbuffered, buffered
// and gzip routes of packaging/compare-proxy.sh and its verdict table says what
// each does, as a screen reader would read it.
#include "NginxRoutes.h"
#include "UiTestSupport.h"

#include "ui/compare/ComparisonView.h"
#include "ui/compare/VerdictTableModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::test;
using namespace ssescope::ui;

class TestComparisonNginx final : public QObject
{
    Q_OBJECT
private:
    NginxRoutes m_routes;

    static QString verdictOf(const VerdictTableModel &model, const QString &route)
    {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.index(row, VerdictTableModel::Route).data().toString() == route)
                return model.index(row, VerdictTableModel::Verdict)
                    .data(VerdictTableModel::VerdictTextRole)
                    .toString();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
        QCoreApplication::setApplicationName(u"tst_comparisonnginx"_s);
        SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes);
    }

    void verdictTableSaysWhatEachRouteDoes()
    {
        DashboardSession session;
        MainWindow window(&session);
        window.setInteractive(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString &name : { u"unbuffered"_s, u"buffered"_s, u"gzip"_s }) {
            SubscriptionConfig config;
            config.name = name;
            config.url = m_routes.route(name, u"/ticker?rate=50"_s);
            config.latency.source = LatencySource::Auto; // the window's default
            config.allowCompression = name == u"gzip"_s;
            session.addStream(config);
        }
        window.streamsPanel()->view()->selectAll();
        auto *compare = window.findChild<QAction *>(u"compare"_s);
        QVERIFY(compare);
        compare->trigger();
        ComparisonView *view = window.comparisonView();
        QVERIFY(view);
        const VerdictTableModel &model = *view->model();
        // nginx hands on a 4 KiB buffer of ticker events about once a second;
        // gzip sends nothing for about 100 s, so it is stalled past 5 s.
        QTRY_VERIFY_WITH_TIMEOUT(verdictOf(model, u"buffered"_s).startsWith(u"buffered: "_s)
                && verdictOf(model, u"unbuffered"_s).startsWith(u"streaming: "_s)
                && verdictOf(model, u"gzip"_s).startsWith(u"stalled: "_s),
            20000);
        QVERIFY2(verdictOf(model, u"buffered"_s).contains(u"behind the fastest route"_s),
            qPrintable(verdictOf(model, u"buffered"_s)));
        QVERIFY2(verdictOf(model, u"gzip"_s).contains(u"compression was asked for"_s),
            qPrintable(verdictOf(model, u"gzip"_s)));
        for (const QString &name : { u"unbuffered"_s, u"buffered"_s, u"gzip"_s })
            qInfo().noquote() << verdictOf(model, name);
        // The verdict is text a screen reader reaches: the table is named and
        // its cells hold the sentence.
        QVERIFY(!view->table()->accessibleName().isEmpty());
        QDir().mkpath(QStringLiteral(SSESCOPE_UI_ARTIFACTS));
        QVERIFY(view->grab().save(QStringLiteral(SSESCOPE_UI_ARTIFACTS "/comparison-nginx.png")));
    }
};

QTEST_MAIN(TestComparisonNginx)
#include "tst_comparisonnginx.moc"
