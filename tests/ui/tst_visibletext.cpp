// Text from the wire that is invisible or reorders what follows (a
// right-to-left override turning "bidi\u202Etxt.exe" into "bidiexe.txt") is
// shown escaped, by one helper, in the event table, the detail header, the
// stream filter and the streams panel.
#include "UiTestSupport.h"
#include "ui/common/VisibleText.h"
#include "ui/events/EventDetailPane.h"
#include "ui/events/EventTableModel.h"
#include "ui/session/DashboardSession.h"
#include "ui/streams/StreamListModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestVisibleText final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapesHiddenCharacters_data();
    void escapesHiddenCharacters();
    void keepingLinesKeepsLineBreaks();
    void eventTableShowsTypeIdAndStreamEscaped();
    void detailHeaderShowsTypeEscaped();
    void streamsPanelShowsNameAndUrlEscaped();
};

void TestVisibleText::escapesHiddenCharacters_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    // Not QString::fromUcs4 for the BMP: it would drop a U+FEFF as a byte order mark.
    const auto c = [](char32_t code) {
        return code <= 0xFFFF ? QString(QChar(char16_t(code))) : QString::fromUcs4(&code, 1);
    };
    QTest::newRow("plain") << u"ticker"_s << u"ticker"_s;
    QTest::newRow("accents and CJK stay") << u"café 東京 ✓"_s << u"café 東京 ✓"_s;
    QTest::newRow("right-to-left override")
        << (u"bidi"_s + c(0x202E) + u"txt.exe"_s) << u"bidi\\u202Etxt.exe"_s;
    QTest::newRow("LRE RLE PDF LRO")
        << (c(0x202A) + c(0x202B) + c(0x202C) + c(0x202D)) << u"\\u202A\\u202B\\u202C\\u202D"_s;
    QTest::newRow("isolates") << (c(0x2066) + u"a"_s + c(0x2067) + c(0x2068) + c(0x2069))
                              << u"\\u2066a\\u2067\\u2068\\u2069"_s;
    QTest::newRow("marks") << (c(0x200E) + c(0x200F) + c(0x061C)) << u"\\u200E\\u200F\\u061C"_s;
    QTest::newRow("zero width and BOM") << (u"a"_s + c(0x200B) + c(0x200C) + c(0x200D) + c(0xFEFF))
                                        << u"a\\u200B\\u200C\\u200D\\uFEFF"_s;
    QTest::newRow("NUL") << QString(QChar(u'\0')) + u"x"_s << u"\\u0000x"_s;
    QTest::newRow("C0 controls") << u"a\tb\nc\u001B"_s << u"a\\u0009b\\u000Ac\\u001B"_s;
    QTest::newRow("DEL and C1") << (u"\u007F"_s + c(0x85) + c(0x9B)) << u"\\u007F\\u0085\\u009B"_s;
    QTest::newRow("tag characters") << (u"flag"_s + c(0xE0041)) << u"flag\\U000E0041"_s;
    QTest::newRow("emoji stays") << c(0x1F600) << c(0x1F600);
    QTest::newRow("backslash stays") << u"a\\u202E"_s << u"a\\u202E"_s;
}

void TestVisibleText::escapesHiddenCharacters()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QCOMPARE(visibleText(input), shown);
}

void TestVisibleText::keepingLinesKeepsLineBreaks()
{
    QCOMPARE(visibleTextKeepingLines(u"a\r\nb\tc\u202E"_s), u"a\r\nb\tc\\u202E"_s);
}

void TestVisibleText::eventTableShowsTypeIdAndStreamEscaped()
{
    DashboardSession session;
    const StreamId stream = 7;
    session.pipeline().setStreamName(stream, u"feed\u202Egnp.js"_s);
    test::ingestEvents(
        session, stream, 1, [](int) { return QByteArray("a\u200Bb"); }, "bidi\xE2\x80\xAEtxt.exe");
    EventTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(
        model.index(0, EventTableModel::TypeColumn).data().toString(), u"bidi\\u202Etxt.exe"_s);
    QCOMPARE(
        model.index(0, EventTableModel::StreamColumn).data().toString(), u"feed\\u202Egnp.js"_s);
    QCOMPARE(model.index(0, EventTableModel::DataColumn).data().toString(), u"a\\u200Bb"_s);
}

void TestVisibleText::detailHeaderShowsTypeEscaped()
{
    DashboardSession session;
    session.pipeline().setStreamName(1, u"s"_s);
    test::ingestEvents(
        session, 1, 1, [](int) { return QByteArray("x"); }, "bidi\xE2\x80\xAEtxt.exe");
    EventDetailPane pane(&session);
    pane.displayEvent(session.store().firstSeq());
    QLabel *header = nullptr;
    for (QLabel *label : pane.findChildren<QLabel *>()) {
        if (label->text().contains(u"bytes on the wire"_s))
            header = label;
    }
    QVERIFY(header);
    QVERIFY2(header->text().contains(u"bidi\\u202Etxt.exe"_s), qPrintable(header->text()));
    // The override must not reach the label at all: it would reverse the rest.
    QVERIFY(!header->text().contains(QChar(0x202E)));
}

void TestVisibleText::streamsPanelShowsNameAndUrlEscaped()
{
    DashboardSession session;
    SubscriptionConfig config;
    config.name = u"ok\u202Eyrros"_s;
    config.url = QUrl(u"http://127.0.0.1:9/a%E2%80%AEb"_s);
    config.reconnect.reconnect = false;
    const StreamId stream = session.addStream(config);
    session.pause(stream);
    StreamListModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.index(0, StreamListModel::NameColumn).data().toString(), u"ok\\u202Eyrros"_s);
    const QString tip
        = model.index(0, StreamListModel::StateColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(!tip.contains(QChar(0x202E)), qPrintable(tip));
}

QTEST_MAIN(TestVisibleText)
#include "tst_visibletext.moc"
