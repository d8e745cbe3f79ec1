// Export, import and export again must give the same bytes, in every format.
#include "core/capture/CaptureIO.h"
#include "core/capture/JsonlCodec.h"
#include "core/sse/SseParser.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kWall = 1795618302348123000LL;

SseEvent makeEvent(StreamId stream, quint64 seq, QByteArray id, QByteArray type, QByteArray data)
{
    SseEvent e;
    e.stream = stream;
    e.streamSeq = seq;
    e.id = std::move(id);
    e.type = std::move(type);
    e.data = std::move(data);
    e.arrivalSteadyNs = 5'000'000'000LL + qint64(seq) * 1'000'123;
    e.arrivalWallNs = kWall + qint64(seq) * 1'000'000;
    e.chunkIndex = seq / 3;
    e.wireBytes = quint32(e.data.size() + 12);
    return e;
}

void fillTrickyStore(EventStore &store)
{
    store.setStreamName(1, u"ticker"_s);
    store.setStreamName(2, u"odd, \"name\" é"_s);
    const QList<QByteArray> datas = {
        "{\"seq\":1,\"ts\":1795618302348.125}",
        "two\nlines",
        "",
        "\n",
        "comma, and \"quotes\"",
        "=SUM(A1:A9)",
        "+1",
        "-2",
        "@cmd",
        "'already",
        "\ttab first",
        "caf\xC3\xA9 \xE2\x82\xAC",
        " leading space",
        "trailing space ",
        "back\\slash",
        "control \x01 char",
        "data: looks like a field",
        ": looks like a comment",
    };
    quint64 seq = 0;
    for (const QByteArray &data : datas) {
        ++seq;
        const StreamId stream = seq % 2 ? 1 : 2;
        const QByteArray type = seq % 3 ? QByteArray("message") : QByteArray("update");
        const QByteArray id = seq == 4 ? QByteArray() : QByteArray::number(seq);
        std::optional<double> latency;
        if (seq % 4 == 1)
            latency = 12.5;
        else if (seq % 4 == 2)
            latency = -3.25;
        store.append(makeEvent(stream, seq, id, type, data), latency);
    }
}

QByteArray exportAll(const EventStore &store, CaptureFormat format, const ExportFilter &filter = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const ExportResult result = exportStore(store, format, &buffer, filter);
    return result.error.isEmpty() ? buffer.data() : QByteArray("ERROR ") + result.error.toUtf8();
}

ImportResult importAll(const QByteArray &bytes, CaptureFormat format, EventStore &store)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return importCapture(format, &buffer, store);
}

} // namespace

class CaptureFormatsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripIsIdentical_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << int(CaptureFormat::JsonLines);
        QTest::newRow("csv") << int(CaptureFormat::Csv);
        QTest::newRow("sse") << int(CaptureFormat::RawSse);
    }
    void roundTripIsIdentical()
    {
        QFETCH(int, format);
        EventStore original;
        fillTrickyStore(original);
        const QByteArray first = exportAll(original, CaptureFormat(format));
        EventStore imported;
        const ImportResult result = importAll(first, CaptureFormat(format), imported);
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).message));
        QCOMPARE(result.events, original.size());
        QCOMPARE(exportAll(imported, CaptureFormat(format)), first);
        for (qint64 row = 0; row < original.size(); ++row) {
            const StoredEventView a = original.at(row);
            const StoredEventView b = imported.at(row);
            QCOMPARE(b.data, a.data);
            QCOMPARE(b.id, a.id);
            QCOMPARE(b.type, a.type);
            QCOMPARE(b.arrivalWallNs / 1000, a.arrivalWallNs / 1000);
            QCOMPARE(b.arrivalSteadyNs, a.arrivalSteadyNs);
            QCOMPARE(b.latencyMs.has_value(), a.latencyMs.has_value());
            QCOMPARE(imported.streamName(b.stream), original.streamName(a.stream));
        }
    }

    // Qt's JSON parser drops a U+FEFF that starts a string: an id or data
    // beginning with one lost it through JSON Lines (fuzz_capture found the
    // id; the data was a known loss). It is written as \ufeff, which Qt keeps.
    void jsonLinesKeepsALeadingBom()
    {
        EventStore store;
        store.setStreamName(1, u"s"_s);
        store.append(makeEvent(1, 1,
            "\xEF\xBB\xBF"
            "a:",
            "tick",
            "\xEF\xBB\xBF"
            "data"));
        store.append(makeEvent(1, 2, "b\xEF\xBB\xBF", "tick",
            "mid\xEF\xBB\xBF"
            "dle"));
        const QByteArray text = exportAll(store, CaptureFormat::JsonLines);
        QVERIFY2(text.contains("\"id\":\"\\ufeffa:\""), text.constData());
        EventStore imported;
        const ImportResult result = importAll(text, CaptureFormat::JsonLines, imported);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(imported.size(), qint64(2));
        for (qint64 row = 0; row < 2; ++row) {
            QCOMPARE(imported.at(row).id, store.at(row).id);
            QCOMPARE(imported.at(row).data, store.at(row).data);
        }
    }

    void jsonLinesFieldsAreExact()
    {
        EventStore store;
        store.setStreamName(1, u"s"_s);
        store.append(makeEvent(1, 7, "41", "tick", "a\"b\nc"), 1.5);
        store.append(makeEvent(1, 8, "", "message", "x"));
        QCOMPARE(exportAll(store, CaptureFormat::JsonLines),
            QByteArray(
                "{\"kind\":\"event\",\"stream\":\"s\",\"seq\":7,\"id\":\"41\",\"type\":\"tick\","
                "\"data\":\"a\\\"b\\nc\",\"received\":\"2026-11-25T14:51:42.355123Z\","
                "\"mono_ns\":5007000861,\"chunk\":2,\"bytes\":17,\"latency_ms\":1.500}\n"
                "{\"kind\":\"event\",\"stream\":\"s\",\"seq\":8,\"id\":\"\",\"type\":\"message\","
                "\"data\":\"x\",\"received\":\"2026-11-25T14:51:42.356123Z\","
                "\"mono_ns\":5008000984,\"chunk\":2,\"bytes\":13,\"latency_ms\":null}\n"));
    }

    void jsonEscapingAgreesWithAJsonParser()
    {
        // Every length around the 16-byte blocks, every kind of byte that needs escaping.
        QRandomGenerator random(11);
        const QByteArray alphabet = QByteArray("abc \"\\/\n\r\t\x01\x1f\x7f") + "\xC3\xA9";
        for (int length = 0; length < 80; ++length) {
            for (int round = 0; round < 20; ++round) {
                QByteArray text;
                for (int i = 0; i < length; ++i)
                    text += alphabet.at(random.bounded(int(alphabet.size()) - 2));
                if (length % 7 == 3)
                    text += "\xC3\xA9";
                QByteArray json;
                appendJsonString(json, text);
                const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]");
                QVERIFY2(doc.isArray(), json.constData());
                QCOMPARE(doc.array().at(0).toString().toUtf8(), text);
            }
        }
    }

    void jsonObjectWriterEscapesEveryValue()
    {
        // One writer for every layer: CliSession's stderr records come from it too.
        const QByteArray line = JsonObjectWriter()
                                    .string("kind", "error")
                                    .string("message", "say \"hi\"\n\x01")
                                    .number("code", -3)
                                    .take();
        QCOMPARE(line,
            QByteArray(
                "{\"kind\":\"error\",\"message\":\"say \\\"hi\\\"\\n\\u0001\",\"code\":-3}"));
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QCOMPARE(o.value(u"message"_s).toString(), u"say \"hi\"\n\x01"_s);
        QCOMPARE(JsonObjectWriter().take(), QByteArray("{}"));
    }

    void csvQuotingAndFormulaNeutralising_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("cell");
        QTest::newRow("plain") << QByteArray("hello") << QByteArray("hello");
        QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
        QTest::newRow("equals") << QByteArray("=1+2") << QByteArray("'=1+2");
        QTest::newRow("plus") << QByteArray("+1") << QByteArray("'+1");
        QTest::newRow("minus") << QByteArray("-1") << QByteArray("'-1");
        QTest::newRow("at") << QByteArray("@SUM(1)") << QByteArray("'@SUM(1)");
        QTest::newRow("tab") << QByteArray("\tx") << QByteArray("'\tx");
        QTest::newRow("apostrophe") << QByteArray("'x") << QByteArray("''x");
        QTest::newRow("formula with comma") << QByteArray("=HYPERLINK(\"a\",\"b\")")
                                            << QByteArray("\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
        QTest::newRow("utf-8") << QByteArray("caf\xC3\xA9") << QByteArray("caf\xC3\xA9");
    }
    void csvQuotingAndFormulaNeutralising()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, cell);
        EventStore store;
        store.setStreamName(1, u"s"_s);
        store.append(makeEvent(1, 1, "1", "message", data));
        const QByteArray csv = exportAll(store, CaptureFormat::Csv);
        QVERIFY(
            csv.startsWith("stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms\r\n"));
        QVERIFY2(csv.contains(QByteArray(",message," + cell + ",2026-")), csv.constData());
        QVERIFY(csv.endsWith("\r\n"));
        EventStore back;
        importAll(csv, CaptureFormat::Csv, back);
        QCOMPARE(back.at(0).data, QByteArrayView(data));
    }

    void rawCaptureIsPlainSse()
    {
        EventStore store;
        fillTrickyStore(store);
        const QByteArray raw = exportAll(store, CaptureFormat::RawSse);
        struct Sink final : SseParserSink
        {
            SseEventList events;
            void handleEvent(SseEvent &&e) override { events.push_back(std::move(e)); }
            void handleComment(QByteArrayView, const ChunkStamp &) override { }
            void handleRetry(qint64) override { }
            void handleParseError(SseParseError, qsizetype) override { }
        } sink;
        SseParser parser(1, &sink);
        parser.feed(raw, ChunkStamp {});
        QCOMPARE(qint64(sink.events.size()), store.size());
        for (qint64 row = 0; row < store.size(); ++row) {
            QCOMPARE(QByteArrayView(sink.events[size_t(row)].data), store.at(row).data);
            QCOMPARE(QByteArrayView(sink.events[size_t(row)].id), store.at(row).id);
            QCOMPARE(QByteArrayView(sink.events[size_t(row)].type), store.at(row).type);
        }
    }

    void foreignRawCaptureImports()
    {
        EventStore store;
        const ImportResult result = importAll(
            ": hi\nid: 1\ndata: a\n\ndata: b\n\ndata: cut", CaptureFormat::RawSse, store);
        QCOMPARE(result.events, qint64(2));
        QCOMPARE(store.streamName(store.at(0).stream), u"raw"_s);
        QCOMPARE(store.at(1).id, QByteArrayView("1"));
    }

    void corruptRecordsNameTheirLine_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("badLine");
        QTest::addColumn<qint64>("loaded");
        QTest::addColumn<QString>("reason");
        const QByteArray good = "{\"kind\":\"event\",\"stream\":\"s\",\"seq\":1,\"id\":\"\","
                                "\"type\":\"message\",\"data\":\"x\","
                                "\"received\":\"2026-11-25T14:51:42.348123Z\",\"mono_ns\":1,"
                                "\"chunk\":1,\"bytes\":9,\"latency_ms\":null}\n";
        QTest::newRow("jsonl broken json")
            << int(CaptureFormat::JsonLines) << QByteArray(good + "{\"kind\":\n" + good)
            << qint64(2) << qint64(2) << u"not valid JSON"_s;
        QTest::newRow("jsonl missing field")
            << int(CaptureFormat::JsonLines)
            << QByteArray(good + good + QByteArray(good).replace("\"seq\":1,", "")) << qint64(3)
            << qint64(2) << u"\"seq\""_s;
        QTest::newRow("jsonl bad time")
            << int(CaptureFormat::JsonLines)
            << QByteArray(QByteArray(good).replace("2026-11-25T", "tomorrow ") + good) << qint64(1)
            << qint64(1) << u"RFC 3339"_s;
        QTest::newRow("jsonl not an object")
            << int(CaptureFormat::JsonLines) << QByteArray(good + "[1,2]\n") << qint64(2)
            << qint64(1) << u"not a JSON object"_s;
        const QByteArray header
            = "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms\r\n";
        const QByteArray row = "s,1,1,message,x,2026-11-25T14:51:42.348123Z,1,1,9,\r\n";
        QTest::newRow("csv short row")
            << int(CaptureFormat::Csv) << QByteArray(header + row + "s,2,oops\r\n" + row)
            << qint64(3) << qint64(2) << u"columns"_s;
        QTest::newRow("csv bad number")
            << int(CaptureFormat::Csv)
            << QByteArray(
                   header + "s,two,1,message,\"multi\nline\",2026-11-25T14:51:42Z,1,1,9,\r\n" + row)
            << qint64(2) << qint64(1) << u"\"seq\""_s;
        QTest::newRow("csv unclosed quote")
            << int(CaptureFormat::Csv) << QByteArray(header + row + "s,1,\"open") << qint64(3)
            << qint64(1) << u"never closed"_s;
        QTest::newRow("sse bad metadata")
            << int(CaptureFormat::RawSse)
            << QByteArray("data: a\n\n: ssescope stream=s seq=x "
                          "received=2026-11-25T14:51:42Z\ndata: b\n\n")
            << qint64(3) << qint64(2) << u"bad seq"_s;
    }
    void corruptRecordsNameTheirLine()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, badLine);
        QFETCH(qint64, loaded);
        QFETCH(QString, reason);
        EventStore store;
        const ImportResult result = importAll(bytes, CaptureFormat(format), store);
        QCOMPARE(result.events, loaded);
        QCOMPARE(store.size(), loaded);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().line, badLine);
        QVERIFY2(result.errors.first().message.contains(reason),
            qPrintable(result.errors.first().message));
    }

    void unreadableCaptureIsAFatalError()
    {
        QFile missing(u"/nonexistent/capture.jsonl"_s);
        QVERIFY(!missing.open(QIODevice::ReadOnly));
        EventStore store;
        const ImportResult result = importCapture(CaptureFormat::JsonLines, &missing, store);
        QVERIFY(!result.fatalError.isEmpty());
        QCOMPARE(result.events, qint64(0));
    }

    void filteredExport_data()
    {
        QTest::addColumn<QStringList>("streams");
        QTest::addColumn<QByteArrayList>("types");
        QTest::addColumn<qint64>("fromSeq"); // time range, by the seq that has that wall time
        QTest::addColumn<qint64>("toSeq");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("everything")
            << QStringList() << QByteArrayList() << qint64(-1) << qint64(-1) << QString() << 18;
        QTest::newRow("one stream") << QStringList { u"ticker"_s } << QByteArrayList() << qint64(-1)
                                    << qint64(-1) << QString() << 9;
        QTest::newRow("one type") << QStringList() << QByteArrayList { "update" } << qint64(-1)
                                  << qint64(-1) << QString() << 6;
        QTest::newRow("time range")
            << QStringList() << QByteArrayList() << qint64(3) << qint64(8) << QString() << 5;
        QTest::newRow("text, any case") << QStringList() << QByteArrayList() << qint64(-1)
                                        << qint64(-1) << u"LOOKS LIKE"_s << 2;
        QTest::newRow("all together") << QStringList { u"ticker"_s } << QByteArrayList { "message" }
                                      << qint64(1) << qint64(10) << u"e"_s << 2;
    }
    void filteredExport()
    {
        QFETCH(QStringList, streams);
        QFETCH(QByteArrayList, types);
        QFETCH(qint64, fromSeq);
        QFETCH(qint64, toSeq);
        QFETCH(QString, text);
        QFETCH(int, expected);
        EventStore store;
        fillTrickyStore(store);
        ExportFilter filter;
        filter.streams = streams;
        filter.types = types;
        if (fromSeq >= 0)
            filter.fromWallNs = kWall + fromSeq * 1'000'000;
        if (toSeq >= 0)
            filter.toWallNs = kWall + toSeq * 1'000'000;
        filter.text = text;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const ExportResult result = exportStore(store, CaptureFormat::JsonLines, &buffer, filter);
        QCOMPARE(result.written, qint64(expected));
        QCOMPARE(int(buffer.data().count('\n')), expected);
    }

    void exportReportsProgressAndCancels()
    {
        EventStore store;
        for (int i = 1; i <= 20000; ++i)
            store.append(makeEvent(1, quint64(i), QByteArray::number(i), "message", "x"));
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QList<qint64> seen;
        ExportResult result
            = exportStore(store, CaptureFormat::Csv, &buffer, {}, [&](qint64 done, qint64 total) {
                  seen.append(done);
                  return total == 20000;
              });
        QVERIFY(seen.size() >= 5);
        QCOMPARE(seen.last(), qint64(20000));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        buffer.close();
        buffer.open(QIODevice::WriteOnly | QIODevice::Truncate);
        result = exportStore(store, CaptureFormat::Csv, &buffer, {},
            [](qint64 done, qint64) { return done < 8000; });
        QVERIFY(result.cancelled);
        QVERIFY(result.written < 20000);
    }

    void exportToAFullDeviceIsAnError()
    {
        EventStore store;
        store.append(makeEvent(1, 1, "1", "message", "x"));
        QFile full(u"/dev/full"_s);
        QVERIFY(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const ExportResult result = exportStore(store, CaptureFormat::JsonLines, &full);
        QVERIFY(!result.error.isEmpty());
    }

    void commentsRoundTripThroughTheCodecs_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << int(CaptureFormat::JsonLines);
        QTest::newRow("sse") << int(CaptureFormat::RawSse);
    }
    void commentsRoundTripThroughTheCodecs()
    {
        QFETCH(int, format);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto writer = CaptureWriter::create(CaptureFormat(format), &out);
        CaptureRecordView comment;
        comment.kind = CaptureRecordView::Kind::Comment;
        comment.stream = "s";
        comment.data = "heartbeat 1";
        comment.receivedWallNs = kWall;
        comment.monoNs = 42;
        writer->write(comment);
        writer->flush();
        QBuffer in;
        in.setData(out.data());
        in.open(QIODevice::ReadOnly);
        QList<CaptureRecord> records;
        readCapture(
            CaptureFormat(format), &in, [&](CaptureRecord &&r) { records.append(std::move(r)); },
            [](const CaptureReadError &) {}, nullptr);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].kind, CaptureRecordView::Kind::Comment);
        QCOMPARE(records[0].data, QByteArray("heartbeat 1"));
        QCOMPARE(records[0].monoNs, qint64(42));
        QCOMPARE(records[0].receivedWallNs, kWall);
    }
};

QTEST_GUILESS_MAIN(CaptureFormatsTest)
#include "tst_captureformats.moc"
