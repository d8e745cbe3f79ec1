// Defects found in the hostile-input and keyboard review of the dashboard
// (review branch). Each test fails on the code as reviewed and says what the
// user saw.
#include "ui/session/DashboardSession.h"
#include "core/session/Workspace.h"
#include "ui/streams/StreamsPanel.h"
#include "ui/subscribe/SubscribeDialog.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QLineEdit>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestReviewFindings final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void subscribeDialogStartsInTheUrlField();
    void workspaceRejectsNonsenseLimits_data();
    void workspaceRejectsNonsenseLimits();
    void keyboardPausesTheCurrentStreamWithoutAMouseSelection();
};

void TestReviewFindings::initTestCase()
{
    QCoreApplication::setOrganizationName(u"SSE Scope tests"_s);
    QCoreApplication::setApplicationName(u"tst_reviewfindings"_s);
}

// Review: Ctrl+N then typing a URL put the URL in the Name field ("Enter the
// stream's URL." stayed, Subscribe disabled): the first field on screen is
// URL, but the focus starts on Name (created first, so first in the chain).
void TestReviewFindings::subscribeDialogStartsInTheUrlField()
{
    SubscribeDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(u"url"_s);
    QVERIFY(url);
    QTRY_COMPARE(QApplication::focusWidget(), url);
}

// Review: a workspace is untrusted input. These values were accepted and gave
// a stream that says "Live, Receiving events." and never shows an event
// (readBufferBytes < 0; 0 means unbounded and works), a message "more than -1" redirects, or a reconnect
// loop to a dead host at ~3,700 attempts a second and 100 % CPU (0 ms retry
// with a 0 ms backoff cap).
void TestReviewFindings::workspaceRejectsNonsenseLimits_data()
{
    QTest::addColumn<QString>("stream");
    QTest::newRow("negative read buffer") << u"\"readBufferBytes\":-5"_s;
    QTest::newRow("negative redirects") << u"\"maxRedirects\":-1"_s;
    QTest::newRow("busy reconnect loop")
        << u"\"reconnect\":{\"initialRetryMs\":0,\"maxBackoffMs\":0}"_s;
}

void TestReviewFindings::workspaceRejectsNonsenseLimits()
{
    QFETCH(QString, stream);
    const QByteArray json = (u"{\"ssescopeWorkspace\":1,\"streams\":[{\"url\":\"http://127.0.0.1:1/x\","_s
        + stream + u"}]}"_s).toUtf8();
    QString error;
    QVERIFY2(!Workspace::fromJson(json, &error), json.constData());
    QVERIFY(!error.isEmpty());
}

// Review: Ctrl+1 puts the focus on the streams list with a current row drawn,
// but no selection; Ctrl+P (and Ctrl+Shift+P, Ctrl+R, F2, Delete) then did
// nothing at all, silently. The existing window test selects the row by code.
void TestReviewFindings::keyboardPausesTheCurrentStreamWithoutAMouseSelection()
{
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"dead"_s;
    config.url = QUrl(u"http://127.0.0.1:1/x"_s);
    const StreamId stream = session.addStream(config);
    MainWindow window(&session);
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTableView *streams = window.streamsPanel()->view();
    QTRY_COMPARE(QApplication::focusWidget(), streams);
    QTest::keyClick(streams, Qt::Key_P, Qt::ControlModifier);
    QTRY_COMPARE(session.status(stream).state, SubscriptionState::Paused);
}

QTEST_MAIN(TestReviewFindings)
#include "tst_reviewfindings.moc"
