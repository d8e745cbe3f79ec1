// What a new user trips on in the subscribe dialog and the streams panel,
// through the real widgets, offscreen.
#include "UiTestSupport.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/subscribe/HeadersEditor.h"
#include "ui/subscribe/SubscribeDialog.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

namespace {

// Runs check() on the next modal dialog as soon as it shows.
void onNextModal(const std::function<void(QWidget *)> &check)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, check] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            check(modal);
        }
    });
    timer->start();
}

// A browser's "Copy as cURL" of a request with a header of `bytes` bytes.
QString hugeCurl(qsizetype bytes)
{
    return u"curl 'http://127.0.0.1:9/v1/stream/events' -H 'X-Big: "_s + QString(bytes, u'a')
        + u"' -H 'Accept: text/event-stream'"_s;
}

QByteArray headerValue(const SubscriptionConfig &config, const QByteArray &name)
{
    for (const auto &[key, value] : config.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool isSecret(const SubscriptionConfig &config, const QByteArray &name)
{
    return std::any_of(config.secretHeaders.cbegin(), config.secretHeaders.cend(),
        [&name](const QByteArray &s) { return s.compare(name, Qt::CaseInsensitive) == 0; });
}

// Whether the dialog's OK button lies inside the screen and the dialog.
bool buttonsReachable(QDialog &dialog)
{
    auto *ok = dialog.findChild<QPushButton *>(u"subscribeOk"_s);
    const QRect screen = dialog.screen()->availableGeometry();
    const QRect button(ok->mapToGlobal(QPoint(0, 0)), ok->size());
    return dialog.width() <= screen.width() && dialog.height() <= screen.height()
        && QRect(dialog.mapToGlobal(QPoint(0, 0)), dialog.size()).contains(button);
}

} // namespace

class TestNewUserDialogs final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keyboardPasteLongerThanTheFieldGoesThroughPasteCurl();
    void menuPasteLongerThanTheFieldGoesThroughPasteCurl();
    void dialogNeverOutgrowsTheScreen();
    void pastedCredentialsAreSecretAndFillTheAuthHelper();
    void pastedBasicFillsUserAndPassword();
    void typedAuthorizationIsMarkedSecret();
    void nameDefaultsToThePathsLastSegment();
    void headersTableGrowsWithItsRows();
    void editDialogSaysSave();
    void streamsPanelGrowsAndSelectsANewStream();
};

void TestNewUserDialogs::initTestCase()
{
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_newuserdialogs"_s);
}

void TestNewUserDialogs::keyboardPasteLongerThanTheFieldGoesThroughPasteCurl()
{
    SubscribeDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
    QApplication::clipboard()->setText(hugeCurl(1'000'000));
    url->setFocus();
    QTest::keySequence(url, QKeySequence::Paste);
    QVERIFY2(dialog.validationError().isEmpty(), qPrintable(dialog.validationError().left(200)));
    const SubscriptionConfig config = dialog.config();
    QCOMPARE(config.url, QUrl(u"http://127.0.0.1:9/v1/stream/events"_s));
    QCOMPARE(headerValue(config, "X-Big").size(), 1'000'000);
    QVERIFY(!dialog.curlNotes().contains(u"not closed"_s));
    QVERIFY(buttonsReachable(dialog));
}

void TestNewUserDialogs::menuPasteLongerThanTheFieldGoesThroughPasteCurl()
{
    // The context menu's Paste calls QLineEdit::paste(), which no key announces.
    SubscribeDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
    QApplication::clipboard()->setText(hugeCurl(100'000));
    url->paste();
    QVERIFY2(dialog.validationError().isEmpty(), qPrintable(dialog.validationError().left(200)));
    QCOMPARE(headerValue(dialog.config(), "X-Big").size(), 100'000);
    QCOMPARE(url->text(), u"http://127.0.0.1:9/v1/stream/events"_s);
}

void TestNewUserDialogs::dialogNeverOutgrowsTheScreen()
{
    // A long unbroken word in the sentence under the form (the invalid URL
    // quoted whole) used to widen the dialog past the screen.
    SubscribeDialog dialog;
    auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
    url->setText(u"http://exa mple/"_s + QString(20'000, u'x'));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.validationError().isEmpty());
    QTRY_VERIFY2(buttonsReachable(dialog),
        qPrintable(u"dialog %1 px wide on a %2 px screen"_s.arg(dialog.width())
                       .arg(dialog.screen()->availableGeometry().width())));
}

void TestNewUserDialogs::pastedCredentialsAreSecretAndFillTheAuthHelper()
{
    SubscribeDialog dialog;
    QVERIFY(dialog.applyCurlCommand(
        u"curl 'https://api.example.com/v1/events' -H 'Authorization: Bearer t0k3n' "
        "-H 'Cookie: session=abc' -H 'Proxy-Authorization: Basic cHJveHk6cHc=' -H 'X-Trace: 1'"_s));
    auto *authKind = dialog.findChild<QComboBox *>(u"authKind"_s);
    auto *secret = dialog.findChild<QLineEdit *>(u"authSecret"_s);
    QCOMPARE(authKind->currentIndex(), 1); // Bearer token
    QCOMPARE(secret->text(), u"t0k3n"_s);
    // The header is the helper's now, not a row of its own as well.
    auto *table = dialog.findChild<QTableWidget *>(u"headersTable"_s);
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row) {
        rows.append(table->item(row, 0)->text());
        const bool credential = table->item(row, 0)->text() != u"X-Trace"_s;
        QCOMPARE(table->item(row, 2)->checkState(), credential ? Qt::Checked : Qt::Unchecked);
    }
    QCOMPARE(rows, QStringList({ u"Cookie"_s, u"Proxy-Authorization"_s, u"X-Trace"_s }));
    const SubscriptionConfig config = dialog.config();
    QCOMPARE(headerValue(config, "Authorization"), QByteArray("Bearer t0k3n"));
    QVERIFY(isSecret(config, "Authorization"));
    QVERIFY(isSecret(config, "Cookie"));
    QVERIFY(isSecret(config, "Proxy-Authorization"));
    QVERIFY(!isSecret(config, "X-Trace"));
}

void TestNewUserDialogs::pastedBasicFillsUserAndPassword()
{
    SubscribeDialog dialog;
    QVERIFY(dialog.applyCurlCommand(
        u"curl https://h.example/events -H 'authorization: Basic YWxpY2U6czNjcjN0'"_s));
    QCOMPARE(dialog.findChild<QComboBox *>(u"authKind"_s)->currentIndex(), 2); // Basic
    QCOMPARE(dialog.findChild<QLineEdit *>(u"authUser"_s)->text(), u"alice"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"authSecret"_s)->text(), u"s3cr3t"_s);
    QCOMPARE(headerValue(dialog.config(), "Authorization"), QByteArray("Basic YWxpY2U6czNjcjN0"));
    QCOMPARE(dialog.findChild<QTableWidget *>(u"headersTable"_s)->rowCount(), 0);
}

void TestNewUserDialogs::typedAuthorizationIsMarkedSecret()
{
    HeadersEditor editor;
    editor.setHeaders({ { "X-A", "1" } });
    editor.table()->item(0, 0)->setText(u"Cookie"_s);
    QCOMPARE(editor.secretNames(), QList<QByteArray>({ "Cookie" }));
}

void TestNewUserDialogs::nameDefaultsToThePathsLastSegment()
{
    SubscribeDialog dialog;
    auto *name = dialog.findChild<QLineEdit *>(u"name"_s);
    QVERIFY(dialog.applyCurlCommand(u"curl 'https://api.example.com/v1/chat/completions?x=1'"_s));
    QCOMPARE(name->text(), u"completions"_s);
    // A second paste renames what the dialog named, not what the user typed.
    QVERIFY(dialog.applyCurlCommand(u"curl 'https://api.example.com/v1/prices'"_s));
    QCOMPARE(name->text(), u"prices"_s);
    name->setText(u"mine"_s);
    QVERIFY(dialog.applyCurlCommand(u"curl 'https://api.example.com/'"_s));
    QCOMPARE(name->text(), u"mine"_s);
    QCOMPARE(
        SubscribeDialog::defaultName(QUrl(u"https://api.example.com/"_s)), u"api.example.com"_s);
}

void TestNewUserDialogs::headersTableGrowsWithItsRows()
{
    SubscribeDialog dialog;
    QString command = u"curl https://h.example/events"_s;
    for (int i = 0; i < 9; ++i)
        command += u" -H 'X-Header-%1: %1'"_s.arg(i);
    QVERIFY(dialog.applyCurlCommand(command));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *table = dialog.findChild<QTableWidget *>(u"headersTable"_s);
    QCOMPARE(table->rowCount(), 9);
    const QRect last = table->visualRect(table->model()->index(8, 0));
    QVERIFY2(last.bottom() <= table->viewport()->height(),
        qPrintable(u"row 9 ends at %1 in a %2 px viewport"_s.arg(last.bottom())
                       .arg(table->viewport()->height())));
    QVERIFY(dialog.isSizeGripEnabled());
}

void TestNewUserDialogs::editDialogSaysSave()
{
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"one"_s;
    config.url = QUrl(u"http://127.0.0.1:9/events"_s);
    const StreamId stream = session.addStream(config);
    session.pause(stream);
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString confirm;
    onNextModal([&confirm](QWidget *modal) {
        auto *buttons = modal->findChild<QDialogButtonBox *>();
        confirm = buttons->button(QDialogButtonBox::Ok)->text();
        qobject_cast<QDialog *>(modal)->reject();
    });
    window.editStream(stream);
    QCOMPARE(confirm, u"&Save"_s);
    onNextModal([&confirm](QWidget *modal) {
        confirm = modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->text();
        qobject_cast<QDialog *>(modal)->reject();
    });
    window.addStream();
    QCOMPARE(confirm, u"&Subscribe"_s);
}

void TestNewUserDialogs::streamsPanelGrowsAndSelectsANewStream()
{
    DashboardSession session;
    MainWindow window(&session);
    window.setInteractive(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.findChild<QTableView *>(u"streamsView"_s);
    auto *dock = window.findChild<QDockWidget *>(u"streamsDock"_s);
    for (int i = 0; i < 10; ++i) {
        SubscriptionConfig config;
        config.name = u"stream %1"_s.arg(i + 1);
        config.url = QUrl(u"http://127.0.0.1:9/s%1"_s.arg(i + 1));
        session.pause(session.addStream(config));
        QTest::qWait(1);
        // The newest stream is selected and in view.
        QTRY_COMPARE(view->currentIndex().row(), i);
        QVERIFY(view->selectionModel()->isRowSelected(i, {}));
        const QRect rect = view->visualRect(view->model()->index(i, 0));
        QVERIFY(rect.top() >= 0 && rect.bottom() <= view->viewport()->height());
    }
    // Ten rows fit, in no more than 40 % of the window.
    QTRY_VERIFY2(view->visualRect(view->model()->index(9, 0)).bottom() <= view->viewport()->height()
            && view->verticalScrollBar()->value() == 0,
        qPrintable(
            u"dock %1 px, viewport %2 px"_s.arg(dock->height()).arg(view->viewport()->height())));
    QVERIFY(dock->height() <= window.height() * 0.4 + 1);
}

QTEST_MAIN(TestNewUserDialogs)
#include "tst_newuserdialogs.moc"
