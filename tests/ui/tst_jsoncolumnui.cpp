// "Add column from JSON…" in the events panel: the dialog, the column it
// adds, the filter bar's scope and removing the column, by keyboard paths.
#include "UiTestSupport.h"

#include "ui/events/EventFilterBar.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPanel.h"
#include "ui/events/JsonColumnDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using ssescope::test::ingestEvents;

namespace {

template<typename Dialog> Dialog *openDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<Dialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

} // namespace

class TestJsonColumnUi final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dialogChecksThePointer();
    void keyboardStartsOnThePointer();
    void addsFiltersAndRemovesAColumn();
    void typingInTheTableDoesNotSearchEveryRow();
};

void TestJsonColumnUi::dialogChecksThePointer()
{
    JsonColumnDialog dialog;
    QVERIFY(!dialog.pointerEdit()->accessibleName().isEmpty());
    QVERIFY(!dialog.nameEdit()->accessibleName().isEmpty());
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // nothing typed
    dialog.pointerEdit()->setText(u"status"_s);
    QVERIFY(!ok->isEnabled()); // not a pointer
    QVERIFY(!dialog.findChild<QLabel *>(u"jsonColumnError"_s)->text().isEmpty());
    dialog.pointerEdit()->setText(u"/choices/0/delta/content"_s);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.column().name, u"content"_s); // the last token, until a name is typed
    QCOMPARE(dialog.column().pointer, u"/choices/0/delta/content"_s);
}

// The pointer is what the dialog is for, and the name follows from it: typing
// right after the shortcut opened the dialog must land in the pointer, and Tab
// then reaches the name (the dialog opened on the name field before).
void TestJsonColumnUi::keyboardStartsOnThePointer()
{
    JsonColumnDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog.pointerEdit()));
    QTest::keyClicks(QApplication::focusWidget(), u"/user/name"_s);
    QCOMPARE(dialog.column().pointer, u"/user/name"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog.nameEdit()));
    QCOMPARE(dialog.column().name, u"name"_s);
}

void TestJsonColumnUi::addsFiltersAndRemovesAColumn()
{
    DashboardSession session;
    EventsPanel panel(&session);
    panel.resize(1400, 600); // the dashboard's width
    panel.show();
    ingestEvents(session, 1, 40, [](int i) -> QByteArray {
        return "{\"user\":\"" + QByteArray(i % 4 == 0 ? "ann" : "bob") + "\",\"note\":\"ann\"}";
    });
    QAction *add = panel.addColumnAction();
    QVERIFY(!add->shortcut().isEmpty());
    QVERIFY(!panel.removeColumnAction()->isEnabled());
    bool filled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = openDialog<JsonColumnDialog>();
        QVERIFY(dialog);
        dialog->pointerEdit()->setText(u"/user"_s);
        dialog->accept();
        filled = true;
    });
    add->trigger();
    QVERIFY(filled);
    EventTableModel *model = panel.model();
    QCOMPARE(model->customColumns().size(), 1);
    QCOMPARE(model->index(0, EventTableModel::ColumnCount).data().toString(), u"ann"_s);
    QVERIFY(panel.removeColumnAction()->isEnabled());
    // The column sits before Data, which stays last and keeps the room.
    const QHeaderView *header = panel.view()->horizontalHeader();
    QCOMPARE(header->logicalIndex(header->count() - 1), int(EventTableModel::DataColumn));
    QCOMPARE(header->visualIndex(EventTableModel::ColumnCount),
        header->visualIndex(EventTableModel::DataColumn) - 1);
    QVERIFY2(header->sectionSize(EventTableModel::DataColumn)
            > header->sectionSize(EventTableModel::ColumnCount),
        qPrintable(
            u"Data %1 px, JSON column %2 px"_s.arg(header->sectionSize(EventTableModel::DataColumn))
                .arg(header->sectionSize(EventTableModel::ColumnCount))));

    // The filter bar can look in the column: "ann" is in every row's data,
    // but it is the user of one row in four.
    QComboBox *scope = panel.filterBar()->scopeBox();
    QVERIFY(scope->isVisible());
    QVERIFY(!scope->accessibleName().isEmpty());
    panel.filterBar()->textEdit()->setText(u"ann"_s);
    QTRY_COMPARE(model->rowCount(), 40);
    scope->setCurrentIndex(1);
    QTRY_COMPARE(model->rowCount(), 10);

    QTimer::singleShot(0, this, [] {
        auto *dialog = openDialog<QInputDialog>();
        QVERIFY(dialog);
        dialog->accept();
    });
    panel.removeColumnAction()->trigger();
    QVERIFY(model->customColumns().isEmpty());
    QVERIFY(!scope->isVisible());
    QTRY_COMPARE(model->rowCount(), 40); // the scope went back to the data
}

// Qt's type-ahead search would call match() over every row held on the GUI
// thread at each key (seconds at 5M rows): the table leaves searching to the
// filter bar, so typing moves nothing.
void TestJsonColumnUi::typingInTheTableDoesNotSearchEveryRow()
{
    DashboardSession session;
    EventsPanel panel(&session);
    panel.show();
    ingestEvents(
        session, 1, 40, [](int i) -> QByteArray { return "row " + QByteArray::number(i); });
    auto *view = panel.findChild<QTableView *>(u"eventTable"_s);
    QVERIFY(view);
    QTRY_COMPARE(view->model()->rowCount(), 40);
    const QModelIndex first = view->model()->index(0, 0);
    view->setCurrentIndex(first);
    view->setFocus();
    QTest::keyClicks(view, u"3"_s); // the "#" column of row 3 starts with 3
    QCOMPARE(view->currentIndex(), first);
}

QTEST_MAIN(TestJsonColumnUi)
#include "tst_jsoncolumnui.moc"
