// The export dialog opens in the folder of the last export: people export
// to the same place again and again.
#include "ui/capture/ExportDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestExportDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void remembersTheLastFolder();
};

void TestExportDialog::initTestCase()
{
    // Settings of the test's own, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_exportdialog"_s);
    QSettings().remove(QLatin1String(ExportDialog::kLastFolderSetting));
}

void TestExportDialog::remembersTheLastFolder()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"exports"_s);
    QVERIFY(QDir().mkpath(folder));
    {
        ExportDialog first(10, 10, 0);
        QCOMPARE(QFileInfo(first.path()).absolutePath(), QDir::homePath());
        first.setPath(QDir(folder).filePath(u"today.csv"_s));
        first.show();
        first.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(first.result(), int(QDialog::Accepted));
    }
    ExportDialog second(10, 10, 0);
    QCOMPARE(QFileInfo(second.path()).absolutePath(), folder);
    // A cancelled dialog does not move it.
    second.setPath(QDir::temp().filePath(u"elsewhere.jsonl"_s));
    second.reject();
    ExportDialog third(10, 10, 0);
    QCOMPARE(QFileInfo(third.path()).absolutePath(), folder);
    // A folder that is gone falls back to home.
    QVERIFY(QDir(folder).removeRecursively());
    ExportDialog fourth(10, 10, 0);
    QCOMPARE(QFileInfo(fourth.path()).absolutePath(), QDir::homePath());
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
