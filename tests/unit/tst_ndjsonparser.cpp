#include "core/sse/NdjsonParser.h"
#include "tests/unit/ParserTestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace ssescope::test {

// Lines as events: every split of each input gives the same events, in both
// deliveries, and a read overwritten after it is fed changes nothing.
class TestNdjsonParser final : public QObject
{
    Q_OBJECT

    static QByteArrayList parse(const QByteArray &input, const QList<qsizetype> &cuts,
        EventDelivery delivery, SseParserLimits limits = {}, bool finish = true)
    {
        ParserRecorder recorder;
        NdjsonParser parser(1, &recorder, limits, delivery);
        qsizetype from = 0;
        quint64 chunk = 0;
        QList<qsizetype> ends = cuts;
        ends.append(input.size());
        for (qsizetype cut : ends) {
            QByteArray read = input.mid(from, cut - from); // a copy, spoiled after feeding
            parser.feed(read, ChunkStamp { 0, 0, ++chunk });
            read.fill('#');
            from = cut;
        }
        if (finish)
            parser.finish(ChunkStamp { 0, 0, ++chunk });
        return recorder.items;
    }

private Q_SLOTS:
    void lines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::newRow("one per line")
            << QByteArray("{\"a\":1}\n{\"a\":2}\n")
            << QByteArrayList { "E message||{\"a\":1}", "E message||{\"a\":2}" };
        QTest::newRow("crlf") << QByteArray("{\"a\":1}\r\n{\"a\":2}\r\n")
                              << QByteArrayList { "E message||{\"a\":1}", "E message||{\"a\":2}" };
        QTest::newRow("empty and blank lines skipped")
            << QByteArray("\n{\"a\":1}\n\n  \r\n\t\n{\"a\":2}\n")
            << QByteArrayList { "E message||{\"a\":1}", "E message||{\"a\":2}" };
        QTest::newRow("last line without LF")
            << QByteArray("{\"a\":1}\n{\"a\":2}")
            << QByteArrayList { "E message||{\"a\":1}", "E message||{\"a\":2}" };
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"a\":1}\n")
                             << QByteArrayList { "E message||{\"a\":1}" };
        QTest::newRow("not json is shown as it came")
            << QByteArray("data: x\n") << QByteArrayList { "E message||data: x" };
        QTest::newRow("invalid utf-8 repaired") << QByteArray(
            "{\"t\":\"\xC3\x28\"}\n") << QByteArrayList { "E message||{\"t\":\"\xEF\xBF\xBD(\"}" };
        QTest::newRow("nothing") << QByteArray() << QByteArrayList {};
    }
    void lines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, expected);
        for (EventDelivery delivery : { EventDelivery::Owned, EventDelivery::Views }) {
            QCOMPARE(parse(input, {}, delivery), expected);
            for (qsizetype cut = 1; cut < input.size(); ++cut)
                QCOMPARE(parse(input, { cut }, delivery), expected);
            QList<qsizetype> bytewise;
            for (qsizetype cut = 1; cut < input.size(); ++cut)
                bytewise.append(cut);
            QCOMPARE(parse(input, bytewise, delivery), expected);
        }
    }

    // Stamps and sizes as SSE events have them: the read that ended the line,
    // and the line's bytes with its terminator.
    void stampsAndSizes()
    {
        ParserRecorder recorder;
        NdjsonParser parser(7, &recorder);
        parser.feed("{\"a\":1}\r\n{\"b\"", ChunkStamp { 10, 20, 1 });
        parser.feed(":2}\n", ChunkStamp { 30, 40, 2 });
        QCOMPARE(recorder.events.size(), size_t(2));
        QCOMPARE(recorder.events[0].stream, StreamId(7));
        QCOMPARE(recorder.events[0].streamSeq, quint64(1));
        QCOMPARE(recorder.events[0].wireBytes, quint64(9));
        QCOMPARE(recorder.events[0].arrivalSteadyNs, qint64(10));
        QCOMPARE(recorder.events[1].streamSeq, quint64(2));
        QCOMPARE(recorder.events[1].wireBytes, quint64(8));
        QCOMPARE(recorder.events[1].chunkIndex, quint64(2));
        QVERIFY(recorder.events[1].id.isEmpty());
    }

    // A line past the limit is reported once and skipped, whole or in pieces;
    // the lines around it come through.
    void hugeLine_data()
    {
        QTest::addColumn<QList<qsizetype>>("cuts");
        QTest::newRow("whole") << QList<qsizetype> {};
        QTest::newRow("split inside") << QList<qsizetype> { 12, 20 };
        QTest::newRow("split at its LF") << QList<qsizetype> { 8 + 40 };
    }
    void hugeLine()
    {
        QFETCH(QList<qsizetype>, cuts);
        const QByteArray input = "{\"a\":1}\n" + QByteArray(40, 'x') + "\n{\"a\":2}\n";
        const QByteArrayList expected { "E message||{\"a\":1}", "X line", "E message||{\"a\":2}" };
        for (EventDelivery delivery : { EventDelivery::Owned, EventDelivery::Views })
            QCOMPARE(parse(input, cuts, delivery, SseParserLimits { 16, 16 }), expected);
    }

    // A new connection drops the half line; the numbering goes on.
    void resetConnectionDropsHalfLine()
    {
        ParserRecorder recorder;
        NdjsonParser parser(1, &recorder);
        parser.feed("{\"a\":1}\n{\"half", ChunkStamp { 0, 0, 1 });
        QVERIFY(parser.midLine());
        parser.resetConnection();
        QVERIFY(!parser.midLine());
        parser.feed("{\"a\":2}\n", ChunkStamp { 0, 0, 2 });
        QCOMPARE(
            recorder.items, (QByteArrayList { "E message||{\"a\":1}", "E message||{\"a\":2}" }));
        QCOMPARE(recorder.events.back().streamSeq, quint64(2));
    }
};

} // namespace ssescope::test

QTEST_GUILESS_MAIN(ssescope::test::TestNdjsonParser)
#include "tst_ndjsonparser.moc"
