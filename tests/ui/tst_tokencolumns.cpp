// The streams panel's token columns against the demo's token stream, which
// the showcase marks as an OpenAI-style token stream.
#include "core/demo/DemoServerThread.h"
#include "UiTestSupport.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using namespace ssescope::test;

class TestTokenColumns final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoTokensShowTimeToFirstTokenGapsAndRate();
};

void TestTokenColumns::demoTokensShowTimeToFirstTokenGapsAndRate()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.subscribeDemoStreams(demo.url(QString()));
    const int tokens = rowNamed(model, u"tokens"_s);
    const int ticker = rowNamed(model, u"ticker"_s);
    QVERIFY(tokens >= 0 && ticker >= 0);

    // The demo thinks 250 ms before its first token, then sends 25 a second.
    const QModelIndex ttft = model.index(tokens, StreamListModel::TtftColumn);
    QTRY_VERIFY_WITH_TIMEOUT(ttft.data().toString().endsWith(u" ms"_s), 10000);
    const double ttftMs = ttft.data().toString().chopped(3).toDouble();
    QVERIFY2(ttftMs >= 245 && ttftMs < 5000, qPrintable(ttft.data().toString()));
    const QModelIndex gap = model.index(tokens, StreamListModel::TokenGapColumn);
    const QModelIndex rate = model.index(tokens, StreamListModel::TokenRateColumn);
    QTRY_VERIFY_WITH_TIMEOUT(rate.data().toString().toDouble() > 0, 10000);
    const QRegularExpressionMatch gaps
        = QRegularExpression(u"^([\\d.]+) / ([\\d.]+) ms$"_s).match(gap.data().toString());
    QVERIFY2(gaps.hasMatch(), qPrintable(gap.data().toString()));
    QVERIFY(gaps.captured(1).toDouble() > 0);
    QVERIFY(gaps.captured(1).toDouble() <= gaps.captured(2).toDouble());
    QVERIFY(gap.data(Qt::AccessibleTextRole).toString().contains(u"99th percentile"_s));
    QCOMPARE(int(rate.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight), int(Qt::AlignRight));

    // Other streams are not token streams.
    for (int column : { int(StreamListModel::TtftColumn), int(StreamListModel::TokenGapColumn),
             int(StreamListModel::TokenRateColumn) }) {
        QCOMPARE(model.index(ticker, column).data().toString(), u"–"_s);
        QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString().isEmpty());
        QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }
    QCOMPARE(
        model.headerData(StreamListModel::TtftColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        u"TTFT"_s);
}

QTEST_MAIN(TestTokenColumns)
#include "tst_tokencolumns.moc"
