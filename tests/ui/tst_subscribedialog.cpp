// The subscribe dialog: inline validation that blocks OK, curl paste, TLS
// warning, auth helpers and the latency preview.
#include "ui/subscribe/HeadersEditor.h"
#include "ui/subscribe/SubscribeDialog.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QTabBar>
#include <QTableWidget>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestSubscribeDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidInputBlocksOk_data();
    void invalidInputBlocksOk();
    void headerThatBreaksItsLineIsRefused_data();
    void headerThatBreaksItsLineIsRefused();
    void pastedCurlFillsTheDialog();
    void curlTypedIntoUrlFieldFillsTheDialog();
    void authHelpersBuildTheHeader();
    void tlsWarningShowsWithTheOptIn();
    void caFileIsCheckedAndKept();
    void proxyIsCheckedAndKept();
    void latencyPreviewTestsTheLastEvent();
    void autoDetectIsTheDefaultAndPreviews();
    void everyControlHasAnAccessibleName();
    void editingKeepsWhatTheFormDoesNotShow();
    void dialogStartsInTheUrlField();
    void endMarkersRoundTrip();

private:
    static QPushButton *ok(SubscribeDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
};

void TestSubscribeDialog::invalidInputBlocksOk_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("lastEventId");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << u"GET"_s << QString() << u"Enter the stream's URL"_s;
    QTest::newRow("no scheme") << u"example.com/events"_s << u"GET"_s << QString() << u"scheme"_s;
    QTest::newRow("ftp") << u"ftp://example.com/x"_s << u"GET"_s << QString() << u"ftp"_s;
    QTest::newRow("no host") << u"http:///x"_s << u"GET"_s << QString() << u"not a valid URL"_s;
    QTest::newRow("bad method") << u"http://h/x"_s << u"GE T"_s << QString() << u"method"_s;
    QTest::newRow("injected id") << u"http://h/x"_s << u"GET"_s << u"a\nX-Injected: 1"_s
                                 << u"Last-Event-ID"_s;
}

void TestSubscribeDialog::invalidInputBlocksOk()
{
    QFETCH(QString, url);
    QFETCH(QString, method);
    QFETCH(QString, lastEventId);
    QFETCH(QString, reason);
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(url);
    dialog.findChild<QComboBox *>(u"method"_s)->setCurrentText(method);
    dialog.findChild<QLineEdit *>(u"lastEventId"_s)->setText(lastEventId);
    QVERIFY(!ok(dialog)->isEnabled());
    auto *error = dialog.findChild<QLabel *>(u"validationError"_s);
    QVERIFY2(error->text().contains(reason, Qt::CaseInsensitive), qPrintable(error->text()));
    // Clicking OK anyway does nothing.
    ok(dialog)->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"http://127.0.0.1:8080/events"_s);
    dialog.findChild<QComboBox *>(u"method"_s)->setCurrentText(u"GET"_s);
    dialog.findChild<QLineEdit *>(u"lastEventId"_s)->setText(u"41"_s);
    QVERIFY2(ok(dialog)->isEnabled(), qPrintable(error->text()));
}

void TestSubscribeDialog::headerThatBreaksItsLineIsRefused_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("CRLF") << QByteArray("b\r\nX-Injected: 1");
    QTest::newRow("LF") << QByteArray("b\nX-Injected: 1");
    QTest::newRow("trailing CR") << QByteArray("b\r");
    QTest::newRow("NUL") << QByteArray("b\0c", 3);
}

// The dialog refuses such a header with the sentence the CLI and workspaces use.
void TestSubscribeDialog::headerThatBreaksItsLineIsRefused()
{
    QFETCH(QByteArray, value);
    SubscribeDialog dialog;
    SubscriptionConfig config;
    config.url = QUrl(u"http://127.0.0.1:8080/events"_s);
    config.headers.append({ "X-A", value });
    dialog.setConfig(config);
    const QString expected = SubscriptionConfig::headerLineError("X-A", value);
    QVERIFY(expected.startsWith(u"The value of header \"X-A\""_s));
    QCOMPARE(dialog.validationError(), expected);
    QCOMPARE(dialog.findChild<QLabel *>(u"validationError"_s)->text(), expected);
    QVERIFY(!ok(dialog)->isEnabled());
}

void TestSubscribeDialog::pastedCurlFillsTheDialog()
{
    SubscribeDialog dialog;
    QApplication::clipboard()->setText(
        u"curl 'http://127.0.0.1:8080/v1/chat' -H 'accept: text/event-stream' "
        "-H 'authorization: Bearer t0k' --data-raw '{\"prompt\":\"hi\"}' --compressed"_s);
    dialog.findChild<QPushButton *>(u"pasteCurl"_s)->click();
    const SubscriptionConfig config = dialog.config();
    QCOMPARE(config.url.toString(), u"http://127.0.0.1:8080/v1/chat"_s);
    QCOMPARE(config.method, QByteArray("POST"));
    QCOMPARE(config.body, QByteArray("{\"prompt\":\"hi\"}"));
    QVERIFY(config.allowCompression);
    // accept: is the client's own; the token is kept.
    QCOMPARE(config.headers.size(), 1);
    QCOMPARE(config.headers.first().second, QByteArray("Bearer t0k"));
    QVERIFY(ok(dialog)->isEnabled());
}

void TestSubscribeDialog::curlTypedIntoUrlFieldFillsTheDialog()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(
        u"curl ^\"http://127.0.0.1:9/e^\" ^\n  -H ^\"x-api-key: k^\" ^\n  -k"_s);
    const SubscriptionConfig config = dialog.config();
    QCOMPARE(config.url.toString(), u"http://127.0.0.1:9/e"_s);
    QVERIFY(config.ignoreTlsErrors);
    QCOMPARE(config.headers.size(), 1);
    QVERIFY(!dialog.findChild<QLabel *>(u"tlsWarning"_s)->isHidden());
}

void TestSubscribeDialog::authHelpersBuildTheHeader()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"http://h/x"_s);
    auto *kind = dialog.findChild<QComboBox *>(u"authKind"_s);
    kind->setCurrentIndex(2); // Basic
    dialog.findChild<QLineEdit *>(u"authUser"_s)->setText(u"alice"_s);
    dialog.findChild<QLineEdit *>(u"authSecret"_s)->setText(u"s3cret"_s);
    QCOMPARE(dialog.config().headers.last().second, QByteArray("Basic YWxpY2U6czNjcmV0"));
    kind->setCurrentIndex(1); // Bearer with no token
    dialog.findChild<QLineEdit *>(u"authSecret"_s)->clear();
    QVERIFY(!ok(dialog)->isEnabled());
}

void TestSubscribeDialog::tlsWarningShowsWithTheOptIn()
{
    SubscribeDialog dialog;
    auto *warning = dialog.findChild<QLabel *>(u"tlsWarning"_s);
    QVERIFY(warning->isHidden());
    dialog.findChild<QCheckBox *>(u"ignoreTls"_s)->setChecked(true);
    QVERIFY(!warning->isHidden());
}

void TestSubscribeDialog::caFileIsCheckedAndKept()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"https://127.0.0.1:1/x"_s);
    auto *caFile = dialog.findChild<QLineEdit *>(u"caFile"_s);
    QVERIFY(caFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    caFile->setText(dir.filePath(u"missing.pem"_s));
    QVERIFY(!ok(dialog)->isEnabled());
    QVERIFY2(dialog.validationError().startsWith(u"Cannot read the CA file"_s),
        qPrintable(dialog.validationError()));
    QFile notPem(dir.filePath(u"not.pem"_s));
    QVERIFY(notPem.open(QIODevice::WriteOnly));
    notPem.write("not a certificate\n");
    notPem.close();
    caFile->setText(notPem.fileName());
    QVERIFY(dialog.validationError().contains(u"holds no PEM certificate"_s));
    const QString pem = QFINDTESTDATA("../data/tls/localhost-cert.pem");
    QVERIFY(!pem.isEmpty());
    caFile->setText(pem);
    QVERIFY2(ok(dialog)->isEnabled(), qPrintable(dialog.validationError()));
    QCOMPARE(dialog.config().caFile, pem);

    SubscribeDialog again;
    again.setConfig(dialog.config());
    QCOMPARE(again.findChild<QLineEdit *>(u"caFile"_s)->text(), pem);
}

void TestSubscribeDialog::proxyIsCheckedAndKept()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"https://127.0.0.1:1/x"_s);
    auto *proxy = dialog.findChild<QLineEdit *>(u"proxy"_s);
    QVERIFY(proxy);
    QCOMPARE(proxy->accessibleName(), u"Proxy"_s);
    QVERIFY(ok(dialog)->isEnabled()); // empty: the system's
    proxy->setText(u"socks5://user:S3cret@127.0.0.1:1080"_s);
    QVERIFY(!ok(dialog)->isEnabled());
    QVERIFY2(dialog.validationError().contains(u"is not a proxy SSE Scope can use"_s),
        qPrintable(dialog.validationError()));
    QVERIFY(!dialog.validationError().contains(u"S3cret"_s));
    proxy->setText(u" http://127.0.0.1:3128 "_s);
    QVERIFY2(ok(dialog)->isEnabled(), qPrintable(dialog.validationError()));
    QCOMPARE(dialog.config().proxy, u"http://127.0.0.1:3128"_s);
    proxy->setText(u"none"_s);
    QVERIFY(ok(dialog)->isEnabled());

    SubscribeDialog again;
    again.setConfig(dialog.config());
    QCOMPARE(again.findChild<QLineEdit *>(u"proxy"_s)->text(), u"none"_s);
}

void TestSubscribeDialog::latencyPreviewTestsTheLastEvent()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"http://h/x"_s);
    const qint64 sentMs = 1'790'000'000'000;
    dialog.setPreviewEvent(
        "1", "{\"ts\":" + QByteArray::number(sentMs) + "}", (sentMs + 12) * 1'000'000);
    auto *source = dialog.findChild<QComboBox *>(u"latencySource"_s);
    source->setCurrentIndex(source->findData(int(LatencySource::JsonPointer)));
    auto *preview = dialog.findChild<QLabel *>(u"latencyPreview"_s);
    auto *expression = dialog.findChild<QLineEdit *>(u"latencyExpression"_s);
    QVERIFY(!ok(dialog)->isEnabled()); // no pointer yet
    expression->setText(u"/ts"_s);
    QVERIFY2(preview->text().contains(u"latency 12.00 ms"_s), qPrintable(preview->text()));
    QVERIFY(ok(dialog)->isEnabled());
    expression->setText(u"/missing"_s);
    QVERIFY2(preview->text().contains(u"No send time"_s), qPrintable(preview->text()));
    expression->setText(u"no-slash"_s);
    QVERIFY(!ok(dialog)->isEnabled());
    QCOMPARE(dialog.config().latency.source, LatencySource::JsonPointer);
}

void TestSubscribeDialog::autoDetectIsTheDefaultAndPreviews()
{
    SubscribeDialog dialog;
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"http://h/x"_s);
    auto *source = dialog.findChild<QComboBox *>(u"latencySource"_s);
    auto *preview = dialog.findChild<QLabel *>(u"latencyPreview"_s);
    QCOMPARE(source->currentData().toInt(), int(LatencySource::Auto));
    QCOMPARE(dialog.config().latency.source, LatencySource::Auto);
    QVERIFY(ok(dialog)->isEnabled());
    QVERIFY(!dialog.findChild<QComboBox *>(u"latencyUnit"_s)->isEnabled());
    QVERIFY2(preview->text().contains(u"sent_at"_s), qPrintable(preview->text()));

    const qint64 sentMs = 1'790'000'000'000;
    dialog.setPreviewEvent(
        "1", "{\"meta\":{\"ts\":" + QByteArray::number(sentMs) + "}}", (sentMs + 12) * 1'000'000);
    QVERIFY2(preview->text().contains(u"/meta/ts"_s), qPrintable(preview->text()));
    QVERIFY2(preview->text().contains(u"milliseconds"_s), qPrintable(preview->text()));
    QVERIFY2(preview->text().contains(u"latency 12.00 ms"_s), qPrintable(preview->text()));
    dialog.setPreviewEvent("2", "plain text", (sentMs + 12) * 1'000'000);
    QVERIFY2(preview->text().contains(u"no send time"_s), qPrintable(preview->text()));
    dialog.setPreviewEvent("3",
        "{\"ts\":" + QByteArray::number(sentMs) + ",\"created\":1790000000}",
        (sentMs + 12) * 1'000'000);
    QVERIFY2(preview->text().contains(u"more than one"_s), qPrintable(preview->text()));

    // Switching auto off, and editing a stream that had it keeps it.
    source->setCurrentIndex(source->findData(int(LatencySource::None)));
    QCOMPARE(dialog.config().latency.source, LatencySource::None);
    SubscriptionConfig config;
    config.url = QUrl(u"http://127.0.0.1:9/e"_s);
    config.latency.source = LatencySource::Auto;
    dialog.setConfig(config);
    QCOMPARE(dialog.config().latency.source, LatencySource::Auto);
}

void TestSubscribeDialog::everyControlHasAnAccessibleName()
{
    SubscribeDialog dialog;
    const auto exempt = [](QWidget *widget) {
        return qobject_cast<QAbstractButton *>(widget) // their text is their name
            || widget->objectName().startsWith(u"qt_"_s) // Qt's own parts (spin box editors)
            || qobject_cast<QTabBar *>(widget)
            // A scroll area's viewport is named by its scroll area.
            || (qobject_cast<QAbstractScrollArea *>(widget->parentWidget())
                && qobject_cast<QAbstractScrollArea *>(widget->parentWidget())->viewport()
                    == widget)
            || (qobject_cast<QLineEdit *>(widget)
                && qobject_cast<QComboBox *>(widget->parentWidget()));
    };
    const auto widgets = dialog.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *widget : widgets) {
        // Popups (a combo box's list) belong to their combo box.
        if (!(widget->focusPolicy() & Qt::TabFocus) || exempt(widget)
            || widget->window() != &dialog)
            continue;
        ++checked;
        QVERIFY2(!widget->accessibleName().isEmpty(),
            qPrintable(u"%1 (%2) has no accessible name"_s.arg(
                widget->objectName(), QString::fromLatin1(widget->metaObject()->className()))));
    }
    QVERIFY(checked >= 15);
}

void TestSubscribeDialog::editingKeepsWhatTheFormDoesNotShow()
{
    SubscriptionConfig config;
    config.url = QUrl(u"http://127.0.0.1:9/e"_s);
    config.headers = { { "X-Api-Key", "k" }, { "X-Trace", "t" } };
    config.secretHeaders = { "X-Api-Key" };
    config.maxRedirects = 2;
    config.readBufferBytes = 65536;
    config.headersTimeoutMs = 5000;
    config.reconnect.maxBackoffMs = 1234;
    config.latency.clockOffsetMs = 7.5;
    SubscribeDialog dialog;
    dialog.setConfig(config);
    QCOMPARE(dialog.config().toJson(), config.toJson());
    // The Secret column marks a header for the redirect rule.
    auto *table = dialog.findChild<HeadersEditor *>()->table();
    table->item(1, 2)->setCheckState(Qt::Checked);
    QCOMPARE(dialog.config().secretHeaders, (QList<QByteArray> { "X-Api-Key", "X-Trace" }));
}

// Ctrl+N then typing a URL must put the URL in the URL field: the first field
// on screen is URL, but the focus started on Name (created first, so first in
// the chain), which left "Enter the stream's URL." and Subscribe disabled.
void TestSubscribeDialog::dialogStartsInTheUrlField()
{
    SubscribeDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
    QVERIFY(url);
    QTRY_COMPARE(QApplication::focusWidget(), url);
}

// How a stream says it failed or finished: defaults shown, edits kept.
void TestSubscribeDialog::endMarkersRoundTrip()
{
    SubscribeDialog dialog;
    auto *errorEvent = dialog.findChild<QLineEdit *>(u"errorEvent"_s);
    auto *errorJson = dialog.findChild<QLineEdit *>(u"errorJsonType"_s);
    auto *terminal = dialog.findChild<QLineEdit *>(u"terminal"_s);
    QVERIFY(errorEvent && errorJson && terminal);
    QCOMPARE(errorEvent->text(), u"error"_s);
    QCOMPARE(errorJson->text(), u"error"_s);
    QCOMPARE(terminal->text(), QString());
    QVERIFY(!terminal->accessibleName().isEmpty());
    dialog.findChild<QLineEdit *>(u"url"_s)->setText(u"http://127.0.0.1:1/x"_s);
    errorEvent->clear();
    terminal->setText(u"[DONE]"_s);
    const SubscriptionConfig config = dialog.config();
    QCOMPARE(config.errorEventType, QByteArray());
    QCOMPARE(config.errorJsonType, QByteArray("error"));
    QCOMPARE(config.terminal, QByteArray("[DONE]"));
    SubscribeDialog again;
    again.setConfig(config);
    QCOMPARE(again.findChild<QLineEdit *>(u"terminal"_s)->text(), u"[DONE]"_s);
    QCOMPARE(again.findChild<QLineEdit *>(u"errorEvent"_s)->text(), QString());
}

QTEST_MAIN(TestSubscribeDialog)
#include "tst_subscribedialog.moc"
