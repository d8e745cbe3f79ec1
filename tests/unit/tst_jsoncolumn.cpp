// Custom JSON columns: what a pointer reads from an event's data, filtering
// by a column's value, and CSV exports that carry the columns.
#include "core/capture/CaptureIO.h"
#include "core/store/EventFilter.h"
#include "core/store/EventStore.h"
#include "core/store/JsonColumn.h"

#include <QBuffer>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

SseEvent makeEvent(quint64 seq, QByteArray data)
{
    SseEvent e;
    e.stream = 1;
    e.streamSeq = seq;
    e.id = QByteArray::number(seq);
    e.type = "message";
    e.data = std::move(data);
    e.arrivalSteadyNs = 1'000'000'000LL + qint64(seq);
    e.arrivalWallNs = 1795618302348123000LL + qint64(seq) * 1'000'000;
    e.wireBytes = quint32(e.data.size() + 8);
    return e;
}

} // namespace

class TestJsonColumn final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void extracts_data();
    void extracts();
    void parsesSpecs_data();
    void parsesSpecs();
    void filtersByColumnValue();
    void csvCarriesColumns();
    void csvWithoutColumnsIsUnchanged();
};

void TestJsonColumn::extracts_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray chat = R"({"choices":[{"delta":{"content":"Hel\"lo"}},{"delta":{}}]})";
    QTest::newRow("llm delta") << u"/choices/0/delta/content"_s << chat << QByteArray("Hel\"lo");
    QTest::newRow("second element, absent key")
        << u"/choices/1/delta/content"_s << chat << QByteArray();
    QTest::newRow("index past the end") << u"/choices/5/delta"_s << chat << QByteArray();
    QTest::newRow("object as text") << u"/choices/1/delta"_s << chat << QByteArray("{}");
    QTest::newRow("array as text")
        << u"/a"_s << QByteArray(R"({"a": [1, 2]})") << QByteArray("[1, 2]");
    QTest::newRow("number") << u"/status"_s << QByteArray(R"({"status": 503})")
                            << QByteArray("503");
    QTest::newRow("negative float")
        << u"/t"_s << QByteArray(R"({"t":-1.5e3})") << QByteArray("-1.5e3");
    QTest::newRow("true") << u"/ok"_s << QByteArray(R"({"ok":true})") << QByteArray("true");
    QTest::newRow("null") << u"/v"_s << QByteArray(R"({"v":null})") << QByteArray("null");
    QTest::newRow("escaped key ~1")
        << u"/a~1b"_s << QByteArray(R"({"a/b":"x"})") << QByteArray("x");
    QTest::newRow("escaped key ~0")
        << u"/a~0b"_s << QByteArray(R"({"a~b":"y"})") << QByteArray("y");
    QTest::newRow("unicode escape")
        << u"/s"_s << QByteArray(R"({"s":"caf\u00e9"})") << QByteArray("caf\xC3\xA9");
    QTest::newRow("not json") << u"/a"_s << QByteArray("plain text") << QByteArray();
    QTest::newRow("broken json") << u"/a/b"_s << QByteArray(R"({"a":{"b")") << QByteArray();
    QTest::newRow("empty data") << u"/a"_s << QByteArray() << QByteArray();
    QTest::newRow("top-level array") << u"/1"_s << QByteArray("[10, 20]") << QByteArray("20");
}

void TestJsonColumn::extracts()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    const JsonColumnReader reader(JsonColumn { u"c"_s, pointer });
    QVERIFY(reader.isValid());
    QCOMPARE(reader.valueIn(data), expected);
}

void TestJsonColumn::parsesSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("plain") << u"content=/choices/0/delta/content"_s << true << u"content"_s
                           << u"/choices/0/delta/content"_s;
    QTest::newRow("spaces") << u" s = /status "_s << true << u"s"_s << u"/status"_s;
    QTest::newRow("pointer with =") << u"k=/a=b"_s << true << u"k"_s << u"/a=b"_s;
    QTest::newRow("no name") << u"=/a"_s << false << QString() << QString();
    QTest::newRow("no equals") << u"/a"_s << false << QString() << QString();
    QTest::newRow("not a pointer") << u"a=status"_s << false << QString() << QString();
    // RFC 6901: "~" only starts ~0 or ~1.
    QTest::newRow("bad escape ~2") << u"a=/~2"_s << false << QString() << QString();
    QTest::newRow("bad escape ~9") << u"a=/x/~9y"_s << false << QString() << QString();
    QTest::newRow("lone ~ at the end") << u"a=/x~"_s << false << QString() << QString();
    QTest::newRow("~0 and ~1") << u"a=/~0~1"_s << true << u"a"_s << u"/~0~1"_s;
}

void TestJsonColumn::parsesSpecs()
{
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QString error;
    const auto column = JsonColumn::parse(spec, &error);
    QCOMPARE(column.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QTEST(column->name, "name");
    QTEST(column->pointer, "pointer");
}

void TestJsonColumn::filtersByColumnValue()
{
    EventStore store;
    store.setStreamName(1, u"s"_s);
    store.append(makeEvent(1, R"({"user":"ann","text":"bob said hi"})"), std::nullopt);
    store.append(makeEvent(2, R"({"user":"bob","text":"hello"})"), std::nullopt);
    EventFilter filter;
    filter.text = u"bob"_s;
    const auto count = [&store](const EventFilter &f) {
        const EventMatcher matcher(f);
        int n = 0;
        for (qint64 row = 0; row < store.size(); ++row) {
            const StoredEventView event = store.at(row);
            n += matcher.matches(event, event.type) ? 1 : 0;
        }
        return n;
    };
    QCOMPARE(count(filter), 2); // anywhere in the data
    filter.pointer = u"/user"_s;
    QCOMPARE(count(filter), 1); // only in the column's value
    filter.regex = true;
    filter.text = u"^(ann|bob)$"_s;
    QCOMPARE(count(filter), 2);
    filter.pointer = u"no slash"_s;
    QVERIFY(!EventMatcher(filter).isValid());
}

void TestJsonColumn::csvCarriesColumns()
{
    EventStore store;
    store.setStreamName(1, u"s"_s);
    store.append(
        makeEvent(1, R"({"choices":[{"delta":{"content":"Hi, there"}}],"n":1})"), std::nullopt);
    store.append(makeEvent(2, R"({"choices":[{"delta":{}}],"n":2})"), std::nullopt);
    store.append(makeEvent(3, "not json"), std::nullopt);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const WriterOptions options {
        { { u"content"_s, u"/choices/0/delta/content"_s }, { u"=n"_s, u"/n"_s } }, nullptr
    };
    const ExportResult result = exportStore(store, CaptureFormat::Csv, &buffer, {}, {}, options);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.value(0),
        QByteArray(
            "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms,content,'=n\r"));
    QVERIFY2(lines.value(1).endsWith(",\"Hi, there\",1\r"), lines.value(1).constData());
    QVERIFY2(lines.value(2).endsWith(",,2\r"), lines.value(2).constData());
    QVERIFY2(lines.value(3).endsWith(",,\r"), lines.value(3).constData());

    // Read back: the standard columns load, the custom ones are read past.
    buffer.close();
    buffer.open(QIODevice::ReadOnly);
    EventStore back;
    const ImportResult imported = importCapture(CaptureFormat::Csv, &buffer, back);
    QVERIFY(imported.errors.isEmpty());
    QCOMPARE(imported.events, 3);
    QCOMPARE(back.at(0).data.toByteArray(), store.at(0).data.toByteArray());
}

void TestJsonColumn::csvWithoutColumnsIsUnchanged()
{
    EventStore store;
    store.setStreamName(1, u"s"_s);
    store.append(makeEvent(1, R"({"n":1})"), std::nullopt);
    QBuffer plain;
    plain.open(QIODevice::WriteOnly);
    exportStore(store, CaptureFormat::Csv, &plain);
    QVERIFY(plain.data().startsWith(
        "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms\r\n"));
    QCOMPARE(plain.data().count('\n'), 2);
}

QTEST_GUILESS_MAIN(TestJsonColumn)
#include "tst_jsoncolumn.moc"
