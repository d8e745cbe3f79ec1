// A workspace that switches "ignore TLS errors" on is not silent about it,
// since whoever wrote the file chose it, not the user: the stream's row in
// the window carries a warning.
#include "ui/session/DashboardSession.h"
#include "core/session/Workspace.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestWorkspaceTlsWarning final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowWarnsWhenCertificatesAreNotChecked();
};

void TestWorkspaceTlsWarning::rowWarnsWhenCertificatesAreNotChecked()
{
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    Workspace workspace;
    SubscriptionConfig config;
    config.url = QUrl(u"https://127.0.0.1:9/checked"_s); // nothing listens: only the row matters
    config.name = u"checked"_s;
    workspace.streams.append(config);
    config.url = QUrl(u"https://127.0.0.1:9/unchecked"_s);
    config.name = u"unchecked"_s;
    config.ignoreTlsErrors = true;
    workspace.streams.append(config);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tls.ssescope.json"_s);
    QString error;
    QVERIFY2(workspace.save(path, &error), qPrintable(error));
    QVERIFY(window.openWorkspace(path));

    StreamListModel *model = window.streamsPanel()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        const QModelIndex message = model->index(row, StreamListModel::MessageColumn);
        const bool unchecked
            = model->index(row, StreamListModel::NameColumn).data().toString() == u"unchecked";
        QCOMPARE(!message.data(Qt::DecorationRole).value<QIcon>().isNull(), unchecked);
        QCOMPARE(
            message.data(Qt::ToolTipRole).toString().contains(u"certificate errors are ignored"_s),
            unchecked);
        QCOMPARE(message.data(Qt::AccessibleDescriptionRole).toString().contains(u"certificate"_s),
            unchecked);
    }
}

QTEST_MAIN(TestWorkspaceTlsWarning)
#include "tst_workspacetlswarning.moc"
