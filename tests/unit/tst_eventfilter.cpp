// The event table's filter: streams, type, text and regex over the data.
#include "core/store/EventFilter.h"
#include "core/store/EventStore.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;

class TestEventFilter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data();
    void matches();
    void invalidRegexIsReported();
};

void TestEventFilter::matches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<int>("stream");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("expected");

    QTest::newRow("empty accepts")
        << QString() << false << false << QByteArray() << 0 << QByteArray("x") << true;
    QTest::newRow("ascii insensitive") << u"acme"_s << false << false << QByteArray() << 0
                                       << QByteArray("{\"symbol\":\"ACME\"}") << true;
    QTest::newRow("ascii sensitive miss") << u"acme"_s << false << true << QByteArray() << 0
                                          << QByteArray("{\"symbol\":\"ACME\"}") << false;
    QTest::newRow("not there") << u"zzz"_s << false << false << QByteArray() << 0
                               << QByteArray("abc") << false;
    QTest::newRow("utf8 needle") << u"été"_s << false << false << QByteArray() << 0
                                 << QByteArray("un ÉTÉ chaud") << true;
    // Bytes of UTF-8 sequences never match ASCII letters by case folding.
    QTest::newRow("no false utf8 fold")
        << u"a"_s << false << false << QByteArray() << 0 << QByteArray("\xc3\xa1") << false;
    QTest::newRow("regex") << u"price\":1\\d\\d\\."_s << true << false << QByteArray() << 0
                           << QByteArray("{\"price\":103.5}") << true;
    QTest::newRow("regex miss") << u"^x"_s << true << false << QByteArray() << 0 << QByteArray("ax")
                                << false;
    QTest::newRow("type match") << QString() << false << false << QByteArray("tick") << 0
                                << QByteArray("x") << true;
    QTest::newRow("type miss") << QString() << false << false << QByteArray("token") << 0
                               << QByteArray("x") << false;
    QTest::newRow("stream match") << QString() << false << false << QByteArray() << 7
                                  << QByteArray("x") << true;
    QTest::newRow("stream miss") << QString() << false << false << QByteArray() << 8
                                 << QByteArray("x") << false;
}

void TestEventFilter::matches()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(bool, caseSensitive);
    QFETCH(QByteArray, type);
    QFETCH(int, stream);
    QFETCH(QByteArray, data);
    EventFilter filter;
    filter.text = text;
    filter.regex = regex;
    filter.caseSensitive = caseSensitive;
    filter.type = type;
    if (stream)
        filter.streams.insert(StreamId(stream));
    const EventMatcher matcher(filter);
    QVERIFY(matcher.isValid());
    StoredEventView event;
    event.stream = 7;
    event.type = "tick";
    event.data = data;
    QTEST(matcher.matches(event, event.type), "expected");
}

void TestEventFilter::invalidRegexIsReported()
{
    EventFilter filter;
    filter.text = u"(unclosed"_s;
    filter.regex = true;
    const EventMatcher matcher(filter);
    QVERIFY(!matcher.isValid());
    QVERIFY(matcher.errorString().contains(u"regular expression"_s));
    StoredEventView event;
    event.data = "(unclosed";
    QVERIFY(!matcher.matches(event, "message"));
}

QTEST_GUILESS_MAIN(TestEventFilter)
#include "tst_eventfilter.moc"
