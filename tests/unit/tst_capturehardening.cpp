// The capture formats against hostile or broken input: what a format cannot
// carry is refused and counted, readers stay linear and bounded, and every
// bad record is named with its line.
#include "core/capture/CaptureIO.h"
#include "core/capture/CsvCodec.h"
#include "core/capture/JsonlCodec.h"
#include "core/sse/SseParser.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/resource.h>

#include <cstring>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kWall = 1795618302348123000LL;

// A sequential device, like a pipe: atEnd() is true before anything has been
// read, and each read gives at most a few bytes, or a long run of one byte.
class PipeLikeDevice final : public QIODevice
{
public:
    PipeLikeDevice(QByteArray head, qint64 fillBytes, char fill, QByteArray tail, qint64 maxRead)
        : m_head(std::move(head))
        , m_tail(std::move(tail))
        , m_fillBytes(fillBytes)
        , m_fill(fill)
        , m_maxRead(maxRead)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return 0; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        max = std::min(max, m_maxRead);
        const qint64 total = m_head.size() + m_fillBytes + m_tail.size();
        qint64 n = 0;
        while (n < max && m_at < total) {
            if (m_at < m_head.size()) {
                const qint64 k = std::min(max - n, m_head.size() - m_at);
                std::memcpy(out + n, m_head.constData() + m_at, size_t(k));
                n += k;
                m_at += k;
            } else if (m_at < m_head.size() + m_fillBytes) {
                const qint64 k = std::min(max - n, m_head.size() + m_fillBytes - m_at);
                std::memset(out + n, m_fill, size_t(k));
                n += k;
                m_at += k;
            } else {
                const qint64 from = m_at - m_head.size() - m_fillBytes;
                const qint64 k = std::min(max - n, m_tail.size() - from);
                std::memcpy(out + n, m_tail.constData() + from, size_t(k));
                n += k;
                m_at += k;
            }
        }
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_fillBytes;
    char m_fill;
    qint64 m_maxRead;
    qint64 m_at = 0;
};

struct ReadResult
{
    QList<CaptureRecord> records;
    QList<CaptureReadError> errors;
    bool ok = false;
    QString fatal;
};

ReadResult readAll(CaptureFormat format, QIODevice *device)
{
    ReadResult r;
    r.ok = readCapture(
        format, device, [&](CaptureRecord &&record) { r.records.append(std::move(record)); },
        [&](const CaptureReadError &e) { r.errors.append(e); }, &r.fatal);
    return r;
}

ReadResult readBytes(CaptureFormat format, const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAll(format, &buffer);
}

CaptureRecord eventRecord(QByteArray id, QByteArray type, QByteArray data, quint64 seq = 1)
{
    CaptureRecord r;
    r.stream = "s";
    r.streamSeq = seq;
    r.id = std::move(id);
    r.type = std::move(type);
    r.data = std::move(data);
    r.receivedWallNs = kWall;
    r.monoNs = 5;
    r.chunk = 1;
    r.bytes = 9;
    return r;
}

CaptureRecord commentRecord(QByteArray text)
{
    CaptureRecord r;
    r.kind = CaptureRecordView::Kind::Comment;
    r.stream = "s";
    r.data = std::move(text);
    r.receivedWallNs = kWall;
    r.monoNs = 5;
    return r;
}

QByteArray write(
    CaptureFormat format, const QList<CaptureRecord> &records, qint64 *refused = nullptr)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    auto writer = CaptureWriter::create(format, &out);
    for (const CaptureRecord &r : records)
        writer->write(r.view());
    writer->flush();
    if (refused)
        *refused = writer->refusedRecords();
    return out.data();
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

const QByteArray kGoodJsonl = "{\"kind\":\"event\",\"stream\":\"s\",\"seq\":1,\"id\":\"\","
                              "\"type\":\"message\",\"data\":\"x\","
                              "\"received\":\"2026-11-25T14:51:42.348123Z\",\"mono_ns\":1,"
                              "\"chunk\":1,\"bytes\":9,\"latency_ms\":null}\n";
const QByteArray kCsvHeader = "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms\r\n";
const QByteArray kGoodCsv = "s,1,1,message,x,2026-11-25T14:51:42.348123Z,1,1,9,\r\n";

} // namespace

Q_DECLARE_METATYPE(ssescope::CaptureRecord)

class CaptureHardeningTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // An id or type with a line break would start a field of the sender's choosing.
    void rawExportRefusesWhatAStreamCannotCarry_data()
    {
        QTest::addColumn<CaptureRecord>("record");
        QTest::newRow("id forging an event")
            << eventRecord("a\ndata: injected\n\nid: b", "message", "x");
        QTest::newRow("id with CR") << eventRecord("a\rb", "message", "x");
        QTest::newRow("id with NUL") << eventRecord(QByteArray("a\0b", 3), "message", "x");
        QTest::newRow("type with LF") << eventRecord("1", "t\ndata: forged", "x");
        QTest::newRow("type with CR") << eventRecord("1", "t\r", "x");
        QTest::newRow("comment with LF") << commentRecord("beat\ndata: forged\n");
    }
    void rawExportRefusesWhatAStreamCannotCarry()
    {
        QFETCH(CaptureRecord, record);
        qint64 refused = 0;
        const QByteArray raw = write(CaptureFormat::RawSse,
            { eventRecord("1", "message", "before", 1), record,
                eventRecord("3", "message", "after", 3) },
            &refused);
        QCOMPARE(refused, qint64(1));
        // Any SSE parser reads exactly the two events that were written.
        QByteArrayList seen;
        struct Sink final : SseParserSink
        {
            QByteArrayList *seen;
            void handleEvent(SseEvent &&e) override { seen->append(e.id + '|' + e.data); }
            void handleComment(QByteArrayView, const ChunkStamp &) override { }
            void handleRetry(qint64) override { }
            void handleParseError(SseParseError, qsizetype) override { }
        } sink;
        sink.seen = &seen;
        SseParser parser(1, &sink);
        parser.feed(raw, ChunkStamp {});
        QCOMPARE(seen, (QByteArrayList { "1|before", "3|after" }));
        // Our import names the line where the record was left out.
        const ReadResult back = readBytes(CaptureFormat::RawSse, raw);
        QCOMPARE(back.records.size(), 2);
        QCOMPARE(back.errors.size(), 1);
        QCOMPARE(back.errors[0].line, qint64(5));
        QVERIFY2(back.errors[0].message.contains(u"left a record out"_s),
            qPrintable(back.errors[0].message));
    }

    // Refusing must not reach what an event stream carries faithfully.
    void rawExportKeepsWhatAStreamCarries()
    {
        // A NUL in a type or comment, or a lone space, is carried as it is.
        qint64 refused = -1;
        const QList<CaptureRecord> records { eventRecord(" 1", QByteArray("t\0u", 3), "x"),
            commentRecord(QByteArray(" a\0b", 4)) };
        const QByteArray raw = write(CaptureFormat::RawSse, records, &refused);
        QCOMPARE(refused, qint64(0));
        const ReadResult back = readBytes(CaptureFormat::RawSse, raw);
        QVERIFY(back.errors.isEmpty());
        QCOMPARE(back.records.size(), 2);
        QCOMPARE(back.records[0].id, QByteArray(" 1"));
        QCOMPARE(back.records[0].type, QByteArray("t\0u", 3));
        QCOMPARE(back.records[1].data, QByteArray(" a\0b", 4));
    }

    // CR, LF and CRLF each end a data line, as a parser reads them back.
    void rawExportSplitsDataOnEveryLineBreak()
    {
        qint64 refused = -1;
        const QByteArray raw = write(
            CaptureFormat::RawSse, { eventRecord("1", "message", "a\rb\r\nc\nd\r") }, &refused);
        QCOMPARE(refused, qint64(0));
        QVERIFY2(!raw.contains('\r'), raw.constData());
        QVERIFY(raw.endsWith("data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n"));
        const ReadResult back = readBytes(CaptureFormat::RawSse, raw);
        QCOMPARE(back.records.size(), 1);
        QCOMPARE(back.records[0].data, QByteArray("a\nb\nc\nd\n"));
    }

    // A record left out is counted, so that whoever exports can say so.
    void exportCountsRefusedRecords()
    {
        EventStore store;
        store.setStreamName(1, u"s"_s);
        SseEvent good;
        good.stream = 1;
        good.streamSeq = 1;
        good.id = "1";
        good.type = "message";
        good.data = "x";
        SseEvent bad = good;
        bad.streamSeq = 2;
        bad.id = "evil\nid: 2";
        store.append(good);
        store.append(bad);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const ExportResult result = exportStore(store, CaptureFormat::RawSse, &out);
        QCOMPARE(result.refused, qint64(1));
        QCOMPARE(result.written, qint64(1));
    }

    // A CSV may come from anywhere: CSV -> JSON Lines never writes invalid UTF-8.
    void csvToJsonLinesRepairsUtf8()
    {
        const QByteArray csv = kCsvHeader
            + "s\xFF,1,i\xC0\xAF,t\xE2\x82,\"caf\xC3\xA9 \xFF\xFE end\",2026-11-25T14:51:42Z,1,1,9,"
              "\r\n";
        const ReadResult read = readBytes(CaptureFormat::Csv, csv);
        QVERIFY(read.errors.isEmpty());
        QCOMPARE(read.records.size(), 1);
        const QByteArray jsonl = write(CaptureFormat::JsonLines, read.records);
        QVERIFY2(QString::fromUtf8(jsonl).toUtf8() == jsonl, jsonl.constData());
        const ReadResult back = readBytes(CaptureFormat::JsonLines, jsonl);
        QVERIFY2(back.errors.isEmpty(), qPrintable(back.errors.value(0).message));
        QCOMPARE(back.records[0].data, QByteArray("caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD end"));
        QCOMPARE(back.records[0].stream, QByteArray("s\xEF\xBF\xBD"));
        QCOMPARE(back.records[0].id, QByteArray("i\xEF\xBF\xBD\xEF\xBF\xBD"));
        QCOMPARE(back.records[0].type, QByteArray("t\xEF\xBF\xBD"));
    }

    // Heartbeats are evidence: a comment is verbatim, and every format gives it back
    // byte for byte.
    void commentsRoundTripVerbatim_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << int(CaptureFormat::JsonLines);
        QTest::newRow("sse") << int(CaptureFormat::RawSse);
    }
    void commentsRoundTripVerbatim()
    {
        QFETCH(int, format);
        const QByteArrayList texts { "", " ", " heartbeat", "no space", "  two spaces", " tail " };
        QList<CaptureRecord> records;
        for (const QByteArray &text : texts)
            records.append(commentRecord(text));
        const QByteArray first = write(CaptureFormat(format), records);
        const ReadResult back = readBytes(CaptureFormat(format), first);
        QVERIFY(back.errors.isEmpty());
        QCOMPARE(back.records.size(), texts.size());
        for (int i = 0; i < texts.size(); ++i)
            QCOMPARE(back.records[i].data, texts[i]);
        QCOMPARE(write(CaptureFormat(format), back.records), first);
    }

    // A raw capture's comments are the bytes on the wire, leading space and all.
    void rawCommentIsWrittenAsItCame()
    {
        const QByteArray raw = write(CaptureFormat::RawSse, { commentRecord(" heartbeat") });
        QVERIFY2(raw.endsWith("\n: heartbeat\n"), raw.constData());
        const QByteArray bare = write(CaptureFormat::RawSse, { commentRecord("bare") });
        QVERIFY2(bare.endsWith("\n:bare\n"), bare.constData());
    }

    // A number that would wrap is a named bad line, never a silently wrong value.
    void jsonlRejectsNumbersThatWouldWrap_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("reason");
        QTest::newRow("seq -1") << QByteArray("\"seq\":1") << QByteArray("\"seq\":-1")
                                << u"\"seq\" must not be negative"_s;
        QTest::newRow("bytes -5") << QByteArray("\"bytes\":9") << QByteArray("\"bytes\":-5")
                                  << u"\"bytes\" must not be negative"_s;
        QTest::newRow("chunk 1e300") << QByteArray("\"chunk\":1") << QByteArray("\"chunk\":1e300")
                                     << u"\"chunk\" must be a whole number"_s;
        QTest::newRow("seq 2^64") << QByteArray("\"seq\":1")
                                  << QByteArray("\"seq\":18446744073709551616")
                                  << u"\"seq\" must be a whole number"_s;
        QTest::newRow("mono_ns fraction")
            << QByteArray("\"mono_ns\":1") << QByteArray("\"mono_ns\":1.5")
            << u"\"mono_ns\" must be a whole number"_s;
        // A time past 2262 overflows the nanoseconds: a named bad line, not 1816.
        QTest::newRow("received 9999")
            << QByteArray("2026-11-25T14:51:42.348123Z") << QByteArray("9999-12-31T23:59:59Z")
            << u"between 1678 and 2262"_s;
    }
    void jsonlRejectsNumbersThatWouldWrap()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, reason);
        const ReadResult r = readBytes(CaptureFormat::JsonLines,
            kGoodJsonl + QByteArray(kGoodJsonl).replace(from, to) + kGoodJsonl);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].line, qint64(2));
        QVERIFY2(r.errors[0].message.contains(reason), qPrintable(r.errors[0].message));
    }

    // As for JSON Lines: numbers that would wrap and times out of range are named.
    void csvRejectsNumbersThatWouldWrap_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("seq -1") << QByteArray("s,-1,1,message,x,2026-11-25T14:51:42Z,1,1,9,\r\n")
                                << u"\"seq\""_s;
        QTest::newRow("bytes -5") << QByteArray("s,1,1,message,x,2026-11-25T14:51:42Z,1,1,-5,\r\n")
                                  << u"\"bytes\""_s;
        QTest::newRow("chunk 1e300")
            << QByteArray("s,1,1,message,x,2026-11-25T14:51:42Z,1,1e300,9,\r\n") << u"\"chunk\""_s;
        QTest::newRow("received 9999")
            << QByteArray("s,1,1,message,x,9999-12-31T23:59:59Z,1,1,9,\r\n")
            << u"between 1678 and 2262"_s;
    }
    void csvRejectsNumbersThatWouldWrap()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        const ReadResult r = readBytes(CaptureFormat::Csv, kCsvHeader + kGoodCsv + row + kGoodCsv);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].line, qint64(3));
        QVERIFY2(r.errors[0].message.contains(reason), qPrintable(r.errors[0].message));
    }

    // An over-long line is named and skipped, and the next line still loads.
    void jsonlOverlongLineIsNamedAndSkipped_data()
    {
        QTest::addColumn<qint64>("lineBytes");
        QTest::addColumn<qint64>("maxRead");
        QTest::newRow("within one block") << qint64(5000) << qint64(1 << 20);
        QTest::newRow("across blocks") << qint64(3 << 20) << qint64(1 << 20);
        QTest::newRow("in tiny reads") << qint64(5000) << qint64(7);
    }
    void jsonlOverlongLineIsNamedAndSkipped()
    {
        QFETCH(qint64, lineBytes);
        QFETCH(qint64, maxRead);
        PipeLikeDevice device(kGoodJsonl, lineBytes, 'x', "\n" + kGoodJsonl + kGoodJsonl, maxRead);
        ReadResult r;
        QString fatal;
        QVERIFY(readJsonl(
            &device, [&](CaptureRecord &&record) { r.records.append(std::move(record)); },
            [&](const CaptureReadError &e) { r.errors.append(e); }, &fatal, 1000));
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].line, qint64(2));
        QVERIFY2(r.errors[0].message.contains(QString::number(lineBytes)),
            qPrintable(r.errors[0].message));
    }

    // A line far past the limit is never held whole: memory stays bounded.
    void jsonlHugeLineKeepsMemoryBounded()
    {
        const qint64 huge = qint64(1) << 30; // 1 GiB, four times the limit
        PipeLikeDevice device(kGoodJsonl, huge, 'x', "\n" + kGoodJsonl, 1 << 20);
        const long before = peakRssKiB();
        const ReadResult r = readAll(CaptureFormat::JsonLines, &device);
        const long grownMiB = (peakRssKiB() - before) / 1024;
        QVERIFY(r.ok);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].line, qint64(2));
        // At most the limit, grown geometrically (and ASan's quarantine): well
        // under the line itself, which the old reader held whole.
        QVERIFY2(grownMiB < huge / (1 << 20) * 3 / 4,
            qPrintable(u"peak RSS grew by %1 MiB"_s.arg(grownMiB)));
    }

    // An unclosed quote costs one pass, not one per block: reading stays linear.
    void csvUnclosedQuoteIsLinear()
    {
        const qint64 size = 64 << 20; // the rescanning reader took 17.6 s
        PipeLikeDevice device(
            kCsvHeader + kGoodCsv + "s,2,\"open", size, 'q', QByteArray(), 1 << 20);
        QElapsedTimer timer;
        timer.start();
        const ReadResult r = readAll(CaptureFormat::Csv, &device);
        QVERIFY2(timer.elapsed() < 8000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].line, qint64(3));
        QVERIFY(r.errors[0].message.contains(u"never closed"_s));
    }

    // /dev/zero is no capture, and says so at once instead of reading forever.
    void csvFromDevZeroEndsWithAnError()
    {
        QFile zero(u"/dev/zero"_s);
        QVERIFY(zero.open(QIODevice::ReadOnly));
        QElapsedTimer timer;
        timer.start();
        const ReadResult r = readAll(CaptureFormat::Csv, &zero);
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY(!r.ok);
        QVERIFY2(r.fatal.contains(u"not a capture"_s), qPrintable(r.fatal));
        QVERIFY(r.records.isEmpty());
    }

    // Past the record limit the reader stops, naming the line: CSV cannot resync.
    void csvOverlongRecordStops()
    {
        PipeLikeDevice device(
            kCsvHeader + kGoodCsv + kGoodCsv + "s,3,\"", 10000, 'q', "\"\r\n" + kGoodCsv, 4096);
        ReadResult r;
        QString fatal;
        const bool ok = readCsv(
            &device, [&](CaptureRecord &&record) { r.records.append(std::move(record)); },
            [&](const CaptureReadError &e) { r.errors.append(e); }, &fatal, 1000);
        QVERIFY(!ok);
        QCOMPARE(r.records.size(), 2);
        QVERIFY2(fatal.contains(u"line 4"_s), qPrintable(fatal));
    }

    // The streaming readers give the same records whatever the
    // reads, and read a pipe to its end although atEnd() is true from the start.
    void readersAgreeWhateverTheReads_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << int(CaptureFormat::JsonLines);
        QTest::newRow("csv") << int(CaptureFormat::Csv);
        QTest::newRow("sse") << int(CaptureFormat::RawSse);
    }
    void readersAgreeWhateverTheReads()
    {
        QFETCH(int, format);
        QList<CaptureRecord> records;
        const QByteArrayList datas { "plain", "two\nlines", "say \"hi\"", "a,b", "=1", "", "\r",
            "caf\xC3\xA9", "\"", "x\r\ny" };
        quint64 seq = 0;
        for (const QByteArray &data : datas) {
            ++seq;
            records.append(eventRecord(QByteArray::number(seq), "message", data, seq));
        }
        const QByteArray bytes = write(CaptureFormat(format), records);
        const QByteArray whole
            = write(CaptureFormat(format), readBytes(CaptureFormat(format), bytes).records);
        for (const qint64 maxRead : { 1, 2, 3, 5, 7, 64 }) {
            PipeLikeDevice device(bytes, 0, 0, QByteArray(), maxRead);
            QVERIFY(device.atEnd());
            const ReadResult r = readAll(CaptureFormat(format), &device);
            QVERIFY(r.ok);
            QVERIFY(r.errors.isEmpty());
            QCOMPARE(write(CaptureFormat(format), r.records), whole);
        }
    }
};

QTEST_GUILESS_MAIN(CaptureHardeningTest)
#include "tst_capturehardening.moc"
