// Property test: whatever the chunking, the parser reports exactly the same
// things; and a huge line fed in tiny pieces stays linear.
#include "ParserTestSupport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;

class SseParserChunkingTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySplitPoint_data() { addSpecCases(); }
    void everySplitPoint()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, expected);
        for (qsizetype cut = 0; cut <= input.size(); ++cut) {
            QCOMPARE(parsePieces(input, { cut }), expected);
            QCOMPARE(parsePieces(input, { cut }, {}, EventDelivery::Views), expected);
        }
        for (qsizetype a = 0; a <= input.size(); ++a) {
            for (qsizetype b = a; b <= input.size(); ++b)
                QCOMPARE(parsePieces(input, { a, b }), expected);
        }
    }

    void byteByByte_data() { addSpecCases(); }
    void byteByByte()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, expected);
        QList<qsizetype> cuts;
        for (qsizetype i = 1; i < input.size(); ++i)
            cuts.append(i);
        QCOMPARE(parsePieces(input, cuts), expected);
    }

    void randomPiecesOfAMixedStream()
    {
        QByteArray stream;
        for (int i = 0; i < 300; ++i) {
            stream += (i % 3 == 0 ? "\r\n" : "") + QByteArray(": beat\n") + "event: t"
                + QByteArray::number(i % 5) + "\r\nid: " + QByteArray::number(i)
                + "\rdata: line \xC3\xA9 " + QByteArray::number(i) + "\ndata: \xFF second\r\n\r\n";
        }
        const QByteArrayList whole = parseWhole(stream);
        QCOMPARE(whole.size(), 600); // 300 comments and 300 events
        QRandomGenerator random(20261125);
        for (int round = 0; round < 200; ++round) {
            QList<qsizetype> cuts;
            qsizetype at = 0;
            while (true) {
                at += random.bounded(1, 40);
                if (at >= stream.size())
                    break;
                cuts.append(at);
            }
            QCOMPARE(parsePieces(stream, cuts), whole);
            QCOMPARE(parsePieces(stream, cuts, {}, EventDelivery::Views), whole);
        }
    }

    void hugeLineInTinyPiecesIsLinear()
    {
        // 10 MiB in 4-byte pieces: 2.6 million feeds. Quadratic rescanning
        // would take hours; linear parsing takes well under a second.
        const qsizetype size = 10 * 1024 * 1024;
        QByteArray line = "data: " + QByteArray(size, 'z') + "\n\n";
        ParserRecorder recorder;
        SseParser parser(1, &recorder);
        QElapsedTimer timer;
        timer.start();
        for (qsizetype at = 0; at < line.size(); at += 4)
            parser.feed(QByteArrayView(line).sliced(at, std::min<qsizetype>(4, line.size() - at)),
                ChunkStamp {});
        QCOMPARE(recorder.events.size(), size_t(1));
        QCOMPARE(recorder.events[0].data.size(), size);
        QVERIFY2(timer.elapsed() < 20000, "feeding a 10 MiB line in 4-byte pieces went quadratic");
    }
};

QTEST_GUILESS_MAIN(SseParserChunkingTest)
#include "tst_sseparserchunking.moc"
