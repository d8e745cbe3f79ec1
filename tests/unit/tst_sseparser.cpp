// Table-driven tests of the text/event-stream parser, written from the
// WHATWG HTML standard §9.2.5 (grammar) and §9.2.6 (interpretation).
#include "ParserTestSupport.h"

#include <QTest>

#include <limits>

using namespace ssescope;
using namespace ssescope::test;

class SseParserTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specCases_data() { addSpecCases(); }
    void specCases()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, expected);
        QCOMPARE(parseWhole(input), expected);
        QCOMPARE(parseWhole(input, EventDelivery::Views), expected);
    }

    void splitAcrossReads_data()
    {
        QTest::addColumn<QByteArrayList>("pieces");
        QTest::addColumn<QByteArrayList>("expected");
        using L = QByteArrayList;
        QTest::newRow("BOM split in three") << L { "\xEF", "\xBB",
            "\xBF"
            "data: x\n\n" } << L { "E message||x" };
        QTest::newRow("BOM split then content")
            << L { "\xEF\xBB", "\xBF", "data: x\n\n" } << L { "E message||x" };
        QTest::newRow("CRLF split")
            << L { "data: a\r", "\ndata: b\r\n\r", "\n" } << L { "E message||a\nb" };
        QTest::newRow("CR at end then data")
            << L { "data: a\r", "data: b\r\r" } << L { "E message||a\nb" };
        QTest::newRow("CR then blank via LF")
            << L { "data: a\r", "\n", "\n" } << L { "E message||a" };
        QTest::newRow("UTF-8 sequence split")
            << L { "data: \xE2", "\x82", "\xAC\n\n" } << L { "E message||\xE2\x82\xAC" };
        QTest::newRow("field name split")
            << L { "da", "ta", ": x\n", "\n" } << L { "E message||x" };
        QTest::newRow("empty pieces")
            << L { "", "data: x", "", "\n\n", "" } << L { "E message||x" };
    }
    void splitAcrossReads()
    {
        QFETCH(QByteArrayList, pieces);
        QFETCH(QByteArrayList, expected);
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        for (const QByteArray &piece : pieces)
            parser.feed(piece, ChunkStamp {});
        QCOMPARE(recorder.items, expected);
    }

    // An event's only data line is handed over where the read holds
    // it, and copied only when a second line comes or the read ends first. Each
    // read's buffer is overwritten once fed, so a view kept past its read
    // shows up as garbage.
    void dataWhateverTheReads_data()
    {
        QTest::addColumn<QByteArrayList>("pieces");
        QTest::addColumn<QByteArrayList>("expected");
        using L = QByteArrayList;
        QTest::newRow("one line, one read")
            << L { "data: abc\n\ndata: d\n\n" } << L { "E message||abc", "E message||d" };
        QTest::newRow("one line, ends in the next read")
            << L { "data: abc\n", "\n" } << L { "E message||abc" };
        QTest::newRow("one line, ends two reads later")
            << L { "data: abc\n", ": c\n", "id: 1\n\n" } << L { "C  c", "E message|1|abc" };
        QTest::newRow("one line split across reads")
            << L { "data: a", "bc\n\n" } << L { "E message||abc" };
        QTest::newRow("multi-line, one read")
            << L { "data: a\ndata: b\ndata: c\n\n" } << L { "E message||a\nb\nc" };
        QTest::newRow("multi-line, one line a read")
            << L { "data: a\n", "data: b\n", "data: c\n\n" } << L { "E message||a\nb\nc" };
        QTest::newRow("split line, then another line")
            << L { "data: a", "b\ndata: c\n\n" } << L { "E message||ab\nc" };
        QTest::newRow("split line, then the start of another")
            << L { "da", "ta: ab\nda", "ta: c\n\n" } << L { "E message||ab\nc" };
        QTest::newRow("split line, then a long one in pieces")
            << L { "data: a", "b\n", "data: " + QByteArray(300, 'x'), "\n\n" }
            << L { "E message||ab\n" + QByteArray(300, 'x') };
        QTest::newRow("empty line, then more")
            << L { "data\n", "data: b\n\n" } << L { "E message||\nb" };
        QTest::newRow("not ASCII, ends in the next read")
            << L { "data: \xC3\xA9\xFF\n", "\n" } << L { "E message||\xC3\xA9\xEF\xBF\xBD" };
        QTest::newRow("half event dropped at reconnection")
            << L { "data: a\n", "!reset", "data: b\n\n" } << L { "E message||b" };
    }
    void dataWhateverTheReads()
    {
        QFETCH(QByteArrayList, pieces);
        QFETCH(QByteArrayList, expected);
        for (const EventDelivery delivery : { EventDelivery::Owned, EventDelivery::Views }) {
            ParserRecorder recorder;
            SseParser parser(1, &recorder, {}, delivery);
            QByteArray read;
            for (const QByteArray &piece : pieces) {
                if (piece == "!reset") {
                    parser.resetConnection();
                    continue;
                }
                read = piece;
                read.detach();
                parser.feed(read, ChunkStamp {});
                read.fill('Z'); // the next read reuses the buffer
            }
            QCOMPARE(recorder.items, expected);
        }
    }

    // The last event ID is copied once per change; these are the
    // cases where the buffer and the string differ, across reads too.
    void idsWhateverTheReads_data()
    {
        QTest::addColumn<QByteArrayList>("pieces");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::addColumn<QByteArray>("lastId");
        using L = QByteArrayList;
        const QByteArray longA = "a" + QByteArray(99, 'x');
        const QByteArray longB = "b" + QByteArray(99, 'x');
        QTest::newRow("changes every event")
            << L { "id: 1\ndata: a\n\nid: 2\ndata: b\n\n" }
            << L { "E message|1|a", "E message|2|b" } << QByteArray("2");
        QTest::newRow("same id again, next read")
            << L { "id: 1\ndata: a\n\n", "id: 1\ndata: b\n\n" }
            << L { "E message|1|a", "E message|1|b" } << QByteArray("1");
        QTest::newRow("id field in one read, event ends in the next")
            << L { "id: 5\n", "data: x\n", "\n" } << L { "E message|5|x" } << QByteArray("5");
        QTest::newRow("id split across reads")
            << L { "id: 12", "34\ndata: x\n\n" } << L { "E message|1234|x" } << QByteArray("1234");
        QTest::newRow("changed, then back to the last")
            << L { "id: 1\ndata: a\n\nid: 2\n", "id: 1\ndata: b\n\n" }
            << L { "E message|1|a", "E message|1|b" } << QByteArray("1");
        QTest::newRow("set twice in one event")
            << L { "id: 1\ndata: a\n\nid: 2\nid: 3\ndata: b\n\n" }
            << L { "E message|1|a", "E message|3|b" } << QByteArray("3");
        QTest::newRow("pending id waits for the blank line")
            << L { "id: 1\ndata: a\n\nid: 2\ndata: b\n" } << L { "E message|1|a" }
            << QByteArray("1");
        QTest::newRow("pending id dropped at reconnection")
            << L { "id: 1\ndata: a\n\nid: 2\n", "!reset", "data: b\n\n" }
            << L { "E message|1|a", "E message|1|b" } << QByteArray("1");
        QTest::newRow("id over 64 bytes persists")
            << L { "id: " + longA + "\ndata: a\n\n", "data: b\n\nid: " + longB + "\ndata: c\n\n" }
            << L { "E message|" + longA + "|a", "E message|" + longA + "|b",
                   "E message|" + longB + "|c" }
            << longB;
        QTest::newRow("long id with NUL ignored")
            << L { "id: 1\ndata: a\n\n", "id: " + QByteArray(40, 'n') + '\0' + "\ndata: b\n\n" }
            << L { "E message|1|a", "E message|1|b" } << QByteArray("1");
        QTest::newRow("multibyte id")
            << L { "id: \xC3\xA9t\xC3\xA9\ndata: a\n\n" } << L { "E message|\xC3\xA9t\xC3\xA9|a" }
            << QByteArray("\xC3\xA9t\xC3\xA9");
        QTest::newRow("id without data changes it")
            << L { "id: 1\ndata: a\n\nid: 2\n\n" } << L { "E message|1|a" } << QByteArray("2");
    }
    void idsWhateverTheReads()
    {
        QFETCH(QByteArrayList, pieces);
        QFETCH(QByteArrayList, expected);
        QFETCH(QByteArray, lastId);
        for (const EventDelivery delivery : { EventDelivery::Owned, EventDelivery::Views }) {
            ParserRecorder recorder;
            SseParser parser(1, &recorder, {}, delivery);
            for (const QByteArray &piece : pieces) {
                if (piece == "!reset")
                    parser.resetConnection();
                else
                    parser.feed(piece, ChunkStamp {});
            }
            QCOMPARE(recorder.items, expected);
            QCOMPARE(parser.lastEventId(), lastId);
        }
    }

    // Short ids and types are compared without memcmp, by words that
    // overlap; a difference in any one byte of any length must still count.
    void idsThatDifferInOneByte()
    {
        for (qsizetype length = 1; length <= 24; ++length) {
            for (qsizetype at = 0; at < length; ++at) {
                const QByteArray a(length, 'a');
                QByteArray b = a;
                b[at] = 'b';
                ParserRecorder recorder;
                SseParser parser(1, &recorder, {}, EventDelivery::Views);
                const QByteArray input = "id: " + a + "\nevent: " + a + "\ndata: 1\n\nid: " + b
                    + "\nevent: " + b + "\ndata: 2\n\nid: " + a + "\ndata: 3\n\n";
                parser.feed(input, ChunkStamp {});
                const QByteArrayList expected { "E " + a + '|' + a + "|1",
                    "E " + b + '|' + b + "|2", "E message|" + a + "|3" };
                QVERIFY2(recorder.items == expected,
                    qPrintable(QStringLiteral("length %1, at %2").arg(length).arg(at)));
            }
        }
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qsizetype>("limit");
        QTest::addColumn<QByteArrayList>("expected");
        using L = QByteArrayList;
        const QByteArray longLine = "data: " + QByteArray(100, 'x');
        QTest::newRow("line over the limit") << QByteArray(longLine + "\n\ndata: ok\n\n")
                                             << qsizetype(64) << L { "X line", "E message||ok" };
        QTest::newRow("unterminated line over the limit")
            << QByteArray(longLine + longLine) << qsizetype(64) << L { "X line" };
        QTest::newRow("event over the limit") << QByteArray(
            "data: " + QByteArray(40, 'a') + "\ndata: " + QByteArray(40, 'b') + "\n\ndata: ok\n\n")
                                              << qsizetype(64) << L { "X event", "E message||ok" };
        QTest::newRow("rest of oversized event dropped")
            << QByteArray(longLine + "\ndata: tail\n\ndata: ok\n\n") << qsizetype(64)
            << L { "X line", "E message||ok" };
        QTest::newRow("at the limit passes")
            << QByteArray("data: " + QByteArray(58, 'y') + "\n\n") << qsizetype(64)
            << L { "E message||" + QByteArray(58, 'y') };
    }
    void limits()
    {
        QFETCH(QByteArray, input);
        QFETCH(qsizetype, limit);
        QFETCH(QByteArrayList, expected);
        QCOMPARE(parsePieces(input, {}, SseParserLimits { limit, limit }), expected);
        // The same must hold when the long line arrives in small pieces.
        QList<qsizetype> cuts;
        for (qsizetype i = 3; i < input.size(); i += 3)
            cuts.append(i);
        QCOMPARE(parsePieces(input, cuts, SseParserLimits { limit, limit }), expected);
        QCOMPARE(parsePieces(input, cuts, SseParserLimits { limit, limit }, EventDelivery::Views),
            expected);
    }

    void stampsComeFromTheCompletingRead()
    {
        ParserRecorder recorder;
        SseParser parser(7, &recorder);
        parser.feed("data: a\n", ChunkStamp { 100, 1000, 1 });
        parser.feed("\nid: 3\ndata: b\n\ndata: c\n", ChunkStamp { 200, 2000, 2 });
        parser.feed("\n", ChunkStamp { 300, 3000, 3 });
        QCOMPARE(recorder.events.size(), size_t(3));
        const SseEvent &a = recorder.events[0];
        QCOMPARE(a.stream, StreamId(7));
        QCOMPARE(a.streamSeq, quint64(1));
        QCOMPARE(a.arrivalSteadyNs, qint64(200));
        QCOMPARE(a.arrivalWallNs, qint64(2000));
        QCOMPARE(a.chunkIndex, quint64(2));
        QCOMPARE(a.wireBytes, quint64(9)); // "data: a\n" + "\n"
        QCOMPARE(recorder.events[1].streamSeq, quint64(2));
        QCOMPARE(recorder.events[1].chunkIndex, quint64(2));
        QCOMPARE(recorder.events[1].wireBytes, quint64(15)); // "id: 3\n" "data: b\n" "\n"
        QCOMPARE(recorder.events[2].chunkIndex, quint64(3));
        QCOMPARE(recorder.events[2].arrivalSteadyNs, qint64(300));
    }

    // The size on the wire is the same however the reads cut it,
    // a CRLF split between two reads included.
    void wireBytesWhateverTheSplit_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<quint64>>("expected");
        using W = QList<quint64>;
        QTest::newRow("LF") << QByteArray("data: a\n\n") << W { 9 };
        QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\n") << W { 11 };
        QTest::newRow("CR") << QByteArray("data: a\r\r") << W { 9 };
        QTest::newRow("CRLF, id and type")
            << QByteArray("id: 1\r\nevent: t\r\ndata: a\r\ndata: b\r\n\r\n") << W { 37 };
        QTest::newRow("CRLF, two events")
            << QByteArray("data: a\r\n\r\ndata: bc\r\n\r\n") << W { 11, 12 };
        QTest::newRow("comments are not the event's")
            << QByteArray(": x\r\ndata: a\r\n: y\r\n\r\n") << W { 11 };
        QTest::newRow("unknown fields are")
            << QByteArray("foo: bar\r\ndata: a\r\n\r\n") << W { 21 };
        QTest::newRow("CR stream after CRLF stream")
            << QByteArray("data: a\r\n\r\ndata: b\r\r") << W { 11, 9 };
    }
    void wireBytesWhateverTheSplit()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<quint64>, expected);
        for (const EventDelivery delivery : { EventDelivery::Owned, EventDelivery::Views }) {
            for (qsizetype a = 0; a <= input.size(); ++a) {
                for (qsizetype b = a; b <= input.size(); ++b) {
                    ParserRecorder recorder;
                    SseParser parser(1, &recorder, {}, delivery);
                    parser.feed(QByteArrayView(input).first(a), ChunkStamp {});
                    parser.feed(QByteArrayView(input).sliced(a, b - a), ChunkStamp {});
                    parser.feed(QByteArrayView(input).sliced(b), ChunkStamp {});
                    QList<quint64> sizes;
                    for (const SseEvent &event : recorder.events)
                        sizes.append(event.wireBytes);
                    QVERIFY2(sizes == expected,
                        qPrintable(QStringLiteral("cuts at %1 and %2").arg(a).arg(b)));
                }
            }
        }
    }

    // An event whose lines pass 4 GiB (unknown fields are
    // not capped like data) does not wrap its size.
    void wireBytesDoNotWrapAt4GiB()
    {
        const QByteArray line = "x: " + QByteArray(16 * 1024 * 1024, 'z') + '\n';
        const int lines = 257;
        ParserRecorder recorder;
        SseParser parser(1, &recorder, {}, EventDelivery::Views);
        for (int i = 0; i < lines; ++i)
            parser.feed(line, ChunkStamp {});
        parser.feed("data: a\n\n", ChunkStamp {});
        QCOMPARE(recorder.events.size(), size_t(1));
        QCOMPARE(recorder.events[0].wireBytes, quint64(line.size()) * lines + 9);
        QVERIFY(recorder.events[0].wireBytes > std::numeric_limits<quint32>::max());
    }

    void lastEventIdPersistsAcrossReconnection()
    {
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        parser.feed("id: 41\ndata: a\n\nid: 42\ndata: half", ChunkStamp {});
        QCOMPARE(
            parser.lastEventId(), QByteArray("41")); // the unterminated event's id is not applied
        parser.resetConnection();
        parser.feed("data: b\n\n", ChunkStamp {});
        QCOMPARE(recorder.items, (QByteArrayList { "E message|41|a", "E message|41|b" }));
        QCOMPARE(recorder.events.back().streamSeq, quint64(2)); // sequence continues
    }

    void resetDiscardsHalfEventAndRechecksBom()
    {
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        parser.feed("\xEF\xBB\xBF"
                    "data: first\n",
            ChunkStamp {});
        parser.resetConnection();
        parser.feed("\xEF\xBB\xBF"
                    "data: second\n\n",
            ChunkStamp {});
        QCOMPARE(recorder.items, QByteArrayList { "E message||second" });
    }

    void initialLastEventId()
    {
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        parser.setLastEventId("abc");
        parser.feed("data: x\n\n", ChunkStamp {});
        QCOMPARE(recorder.items, QByteArrayList { "E message|abc|x" });
    }

    void viewsReuseBuffersAndCarryStamps()
    {
        ParserRecorder recorder;
        SseParser parser(4, &recorder, {}, EventDelivery::Views);
        parser.feed("id: 1\ndata: first\n\n", ChunkStamp { 10, 20, 1 });
        parser.feed("data: second\r\n\r\nid: 2\ndata: x\n", ChunkStamp { 30, 40, 2 });
        parser.resetConnection();
        parser.feed("data: third\n\n", ChunkStamp { 50, 60, 3 });
        QCOMPARE(recorder.items,
            (QByteArrayList { "E message|1|first", "E message|1|second", "E message|1|third" }));
        QCOMPARE(recorder.events[1].streamSeq, quint64(2));
        QCOMPARE(recorder.events[1].chunkIndex, quint64(2));
        QCOMPARE(recorder.events[2].arrivalWallNs, qint64(60));
        QCOMPARE(parser.lastEventId(), QByteArray("1"));
    }

    void messageTypeIsShared()
    {
        // The default type costs no allocation per event.
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        parser.feed("data: a\n\ndata: b\n\n", ChunkStamp {});
        QCOMPARE(recorder.events[0].type.constData(), SseParser::defaultEventType().constData());
        QCOMPARE(recorder.events[1].type.constData(), SseParser::defaultEventType().constData());
    }
};

QTEST_GUILESS_MAIN(SseParserTest)
#include "tst_sseparser.moc"
