// The detail pane under a large event: a 10 MiB single line froze the window
// for 12 s while its first MiB was laid out. The pane now holds a bounded
// preview, cut into bounded pieces, and the whole event is a button away.
#include "UiTestSupport.h"

#include "ui/events/EventDetailPane.h"

#include <QFileDialog>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;
using ssescope::test::ingestEvents;

class TestEventDetailPane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void largeEventShowsABoundedPreview();
    void saveWritesTheWholeEvent();
    void largeJsonIsNotIndented();
    void smallJsonIsIndented();
};

namespace {

constexpr int kLarge = 10 * 1024 * 1024;

QByteArray largeData(int)
{
    QByteArray data(kLarge, 'x');
    for (int i = 0; i < kLarge; i += 1000)
        data[i] = char('a' + (i / 1000) % 26); // not one repeated byte: a save must keep order
    return data;
}

// The longest text block (line) in an edit.
int longestBlock(const QPlainTextEdit *edit)
{
    int longest = 0;
    for (QTextBlock block = edit->document()->begin(); block.isValid(); block = block.next())
        longest = std::max(longest, block.length());
    return longest;
}

} // namespace

void TestEventDetailPane::largeEventShowsABoundedPreview()
{
    DashboardSession session;
    ingestEvents(session, 1, 1, largeData);
    EventDetailPane pane(&session);
    pane.displayEvent(1);
    auto *raw = pane.findChild<QPlainTextEdit *>(u"eventDetailRaw"_s);
    QVERIFY(raw);
    const QString text = raw->toPlainText();
    // The preview and a sentence after it; never the megabytes.
    QVERIFY2(text.size() <= EventDetailPane::kPreviewBytes + 1024,
        qPrintable(QString::number(text.size())));
    QVERIFY(text.startsWith(QString::fromLatin1(largeData(0).first(1000))));
    QVERIFY(text.contains(QLocale().toString(kLarge)));
    QVERIFY(longestBlock(raw) <= EventDetailPane::kPieceChars + 1);
    QVERIFY(!pane.jsonShown());
}

void TestEventDetailPane::saveWritesTheWholeEvent()
{
    DashboardSession session;
    ingestEvents(session, 1, 1, largeData);
    EventDetailPane pane(&session);
    pane.show();
    pane.displayEvent(1);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"event.txt"_s);
    auto *save = pane.findChild<QPushButton *>(u"saveEventData"_s);
    QVERIFY(save);
    QVERIFY(save->isEnabled());
    save->click();
    auto *dialog = pane.findChild<QFileDialog *>(u"saveEventDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, as the Save button does
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), qint64(kLarge));
    QVERIFY(file.readAll() == largeData(0));
}

void TestEventDetailPane::largeJsonIsNotIndented()
{
    DashboardSession session;
    ingestEvents(session, 1, 1, [](int) {
        QByteArray json = "[";
        for (int i = 0; i < 100'000; ++i)
            json += QByteArray::number(i) + ',';
        json += "0]";
        return json;
    });
    EventDetailPane pane(&session);
    pane.displayEvent(1);
    QVERIFY(!pane.jsonShown());
    QVERIFY(pane.prettyJson().isEmpty());
    QVERIFY(pane.rawText().size() <= EventDetailPane::kPreviewBytes + 1024);
}

void TestEventDetailPane::smallJsonIsIndented()
{
    DashboardSession session;
    ingestEvents(session, 1, 1, [](int) { return QByteArray(R"({"a":1,"b":[1,2]})"); });
    EventDetailPane pane(&session);
    pane.displayEvent(1);
    QVERIFY(pane.jsonShown());
    QVERIFY(pane.prettyJson().contains(u"\n    \"a\": 1"_s));
}

QTEST_MAIN(TestEventDetailPane)
#include "tst_eventdetailpane.moc"
