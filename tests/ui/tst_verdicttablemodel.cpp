// The comparison view's verdict table: text in the model, so that screen
// readers and automation read the verdicts; rows change in place.
#include "ui/compare/VerdictTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestVerdictTableModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsVerdictsAsText();
    void updatesInPlaceOrResets();
};

namespace {
RouteReport report(const QString &name, VerdictKind kind, const QString &why, quint64 events)
{
    RouteReport r;
    r.figures.name = name;
    r.figures.events = events;
    r.figures.reads = events / 90 + 1;
    r.figures.eventsPerRead = double(events) / double(r.figures.reads);
    r.figures.readGapP50Ms = 4500;
    r.figures.burstGapP50Ms = 4500;
    r.figures.latencyMs = Quantiles { 2000, 3800, 4400, 4500, events };
    r.verdict.kind = kind;
    r.verdict.explanation = why;
    return r;
}
} // namespace

void TestVerdictTableModel::showsVerdictsAsText()
{
    VerdictTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReports(
        { report(u"nginx"_s, VerdictKind::Buffered, u"bursts of ~90 every ~4.5 s"_s, 720),
            report(u"direct"_s, VerdictKind::Streaming, u"1.0 event per read"_s, 720) },
        { QColor(Qt::red), QColor(Qt::blue) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(VerdictTableModel::ColumnCount));
    const auto text = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    QCOMPARE(text(0, VerdictTableModel::Route), u"nginx"_s);
    QCOMPARE(text(0, VerdictTableModel::Verdict), u"buffered"_s);
    QCOMPARE(text(0, VerdictTableModel::Explanation), u"bursts of ~90 every ~4.5 s"_s);
    QCOMPARE(text(0, VerdictTableModel::Verdict, VerdictTableModel::VerdictTextRole),
        u"buffered: bursts of ~90 every ~4.5 s"_s);
    // A screen reader on the verdict cell hears the whole line.
    QCOMPARE(text(1, VerdictTableModel::Verdict, Qt::AccessibleTextRole),
        u"streaming: 1.0 event per read"_s);
    QCOMPARE(model.index(0, VerdictTableModel::Route).data(Qt::DecorationRole).value<QColor>(),
        QColor(Qt::red));
    QCOMPARE(text(0, VerdictTableModel::LatencyP50), formatDurationMs(2000));
    QCOMPARE(text(0, VerdictTableModel::BurstPeriod), formatDurationMs(4500));
    // Nothing matched across routes yet: a dash, not "0 ms".
    QCOMPARE(text(0, VerdictTableModel::DelayP50), u"—"_s);
    QVERIFY(!model.headerData(VerdictTableModel::Verdict, Qt::Horizontal).toString().isEmpty());
}

void TestVerdictTableModel::updatesInPlaceOrResets()
{
    VerdictTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReports({ report(u"a"_s, VerdictKind::Inconclusive, u"too few events"_s, 3),
                         report(u"b"_s, VerdictKind::Inconclusive, u"too few events"_s, 2) },
        {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setReports({ report(u"a"_s, VerdictKind::Streaming, u"1.0 event per read"_s, 300),
                         report(u"b"_s, VerdictKind::Stalled, u"no event in 6 s"_s, 2) },
        {});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.index(1, VerdictTableModel::Verdict).data().toString(), u"stalled"_s);
    model.setReports({ report(u"c"_s, VerdictKind::Streaming, u"x"_s, 30) }, {});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.setReports({}, {});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestVerdictTableModel)
#include "tst_verdicttablemodel.moc"
