// The CLI's writer on its own: frames, the last event ID, comments, write errors.
#include "app/cli/CliEventWriter.h"
#include "core/pipeline/CapturePipeline.h"
#include "core/sse/Utf8.h"
#include <atomic>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

constexpr StreamId kStream = 1;
// flush() gives up on an output after 1 s by default; these write 512 MB,
// which a sanitizer build takes longer than that for.
constexpr int kNoDeadline = 120000;

struct Writer
{
    cli::CliOutput output;
    std::unique_ptr<cli::CliEventWriter> events;
    std::atomic<int> stopRequests = 0; // bumped on the writer thread

    bool open(const QString &path, bool comments = false)
    {
        if (!output.openPath(path))
            return false;
        cli::CliEventWriter::Settings settings;
        settings.comments = comments;
        events = std::make_unique<cli::CliEventWriter>(settings, &output);
        events->setStopRequest([this] { ++stopRequests; });
        events->configure([this] { events->addStream(kStream, "s"); });
        return true;
    }
    void event(quint64 seq, QByteArrayView id, QByteArrayView data)
    {
        SseEventView view;
        view.stream = kStream;
        view.streamSeq = seq;
        view.id = id;
        view.type = "message";
        view.data = data;
        view.arrivalSteadyNs = qint64(seq);
        view.arrivalWallNs = 1'700'000'000'000'000'000 + qint64(seq);
        view.chunkIndex = seq;
        view.wireBytes = quint32(data.size() + 7);
        events->consumeEvent(view, std::nullopt);
    }
};

QList<QJsonObject> readJsonLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> objects;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

} // namespace

class CliEventWriterTest final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void measuresExactlyWhatThePipelineMeasures()
    {
        // One measuring path: the CLI's frames and CapturePipeline drive
        // the same CaptureMeasurer, so the figures and the pairs agree, and the
        // latency written is the one the subscription computed.
        const QString path = m_dir.filePath(u"measured.jsonl"_s);
        cli::CliOutput output;
        QVERIFY(output.openPath(path));
        cli::CliEventWriter::Settings settings;
        settings.keepStats = true;
        cli::CliEventWriter events(settings, &output);
        events.configure([&] {
            events.addStream(1, "a");
            events.addStream(2, "b");
            events.addPair(1, 2);
        });
        CapturePipeline pipeline;
        pipeline.addRoutePair(1, 2);
        for (quint64 seq = 1; seq <= 300; ++seq) {
            for (StreamId stream : { StreamId(1), StreamId(2) }) {
                const QByteArray id = QByteArray::number(seq);
                SseEventView view;
                view.stream = stream;
                view.streamSeq = seq;
                view.id = id;
                view.type = "message";
                view.data = "x";
                view.arrivalSteadyNs = qint64(seq) * 7'000'000 + (stream == 2 ? 3'000'000 : 0);
                view.arrivalWallNs = 1'700'000'000'000'000'000 + view.arrivalSteadyNs;
                view.chunkIndex = seq / 4;
                view.wireBytes = 10;
                const std::optional<double> latency
                    = seq % 3 ? std::optional<double>(double(seq) / 10) : std::nullopt;
                events.consumeEvent(view, latency);
                pipeline.ingestRecord(stream, view, latency);
            }
            if (seq % 50 == 0)
                events.endOfRead();
        }
        events.endOfRead();
        QVERIFY(events.flush(kNoDeadline));
        QVERIFY(output.finish());
        const qint64 now = qint64(300) * 7'000'000 + 1'000'000'000;
        events.withStats(
            [&](CaptureStats *stats, const QList<cli::CliEventWriter::PairStats> &pairs) {
                QVERIFY(stats);
                for (StreamId stream : { StreamId(1), StreamId(2) }) {
                    const StatsTotals &cliTotals = stats->find(stream)->totals();
                    const StatsTotals &pipelineTotals = pipeline.stats().find(stream)->totals();
                    QCOMPARE(cliTotals.events, pipelineTotals.events);
                    QCOMPARE(cliTotals.chunks, pipelineTotals.chunks);
                    QCOMPARE(cliTotals.bytes, pipelineTotals.bytes);
                    QCOMPARE(stats->find(stream)->window(60, now).latencyMs.count,
                        pipeline.stats().find(stream)->window(60, now).latencyMs.count);
                    QCOMPARE(stats->find(stream)->window(60, now).latencyMs.p50,
                        pipeline.stats().find(stream)->window(60, now).latencyMs.p50);
                }
                QCOMPARE(pairs.size(), 1);
                QCOMPARE(pairs.front().matcher->matched(), quint64(300));
                QCOMPARE(pairs.front().matcher->matched(), pipeline.routes().front()->matched());
                QCOMPARE(pairs.front().delays->window(60, now).latencyMs.p50,
                    pipeline.routeDelays(0).window(60, now).latencyMs.p50);
            });
        const QList<QJsonObject> records = readJsonLines(path);
        QCOMPARE(records.size(), 600);
        QCOMPARE(records[0].value(u"latency_ms"_s).toDouble(), 0.1);
        QVERIFY(records[4].value(u"latency_ms"_s).isNull()); // seq 3
    }

    void longPersistentIdIsNotCopiedPerEvent()
    {
        // A 256 KiB id and 2,000 events in one read must not cost an id per
        // event: that was 2,000 copies of the id in one frame (512 MB).
        Writer w;
        QVERIFY(w.open(u"/dev/null"_s));
        const QByteArray id(256 * 1024, 'i');
        for (quint64 seq = 1; seq <= 2000; ++seq)
            w.event(seq, id, "data");
        const qsizetype held = w.events->frameBytes();
        QVERIFY2(held < 8 * 1024 * 1024, qPrintable(QString::number(held)));
        w.events->endOfRead();
        QVERIFY(w.events->flush(kNoDeadline));
        QCOMPARE(w.events->written(), 2000);
    }

    void idsAreRightWhereTheyChangeWithinAndAcrossFrames()
    {
        // The ID travels only when it changes, so memory follows the wire.
        const QString path = m_dir.filePath(u"ids.jsonl"_s);
        Writer w;
        QVERIFY(w.open(path));
        const QByteArrayList ids { "a", "a", "b", "b", "", "", "c", "c", "c", "d" };
        quint64 seq = 0;
        for (const QByteArray &id : ids) {
            w.event(++seq, id, "x");
            if (seq == 4 || seq == 7 || seq == 8)
                w.events->endOfRead(); // a new frame
        }
        w.events->endOfRead();
        QVERIFY(w.events->flush(kNoDeadline));
        QVERIFY(w.output.finish());
        const QList<QJsonObject> records = readJsonLines(path);
        QCOMPARE(records.size(), ids.size());
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(records[i].value(u"id"_s).toString().toUtf8(), ids[i]);
    }

    void framesShrinkAfterABurstOfHugeEvents()
    {
        // A frame grown for an 8 MiB event must give the memory back.
        Writer w;
        QVERIFY(w.open(u"/dev/null"_s));
        const QByteArray huge(8 * 1024 * 1024, 'h');
        for (quint64 seq = 1; seq <= 8; ++seq) {
            w.event(seq, "1", huge);
            w.events->endOfRead();
        }
        w.event(9, "1", "small");
        w.events->endOfRead();
        QVERIFY(w.events->flush(kNoDeadline));
        QCOMPARE(w.events->written(), 9);
        const qsizetype held = w.events->frameBytes();
        // Eight frames of at most 2 MiB each, against 8 x 16 MiB grown.
        QVERIFY2(held <= 8 * 2 * 1024 * 1024, qPrintable(QString::number(held)));
    }

    void commentsAreRepairedLikeEvents()
    {
        // JSON Lines must stay valid UTF-8 whatever bytes came in (raw 0xFF).
        const QString path = m_dir.filePath(u"comments.jsonl"_s);
        Writer w;
        QVERIFY(w.open(path, true));
        const QByteArray text = "bad \xff\xfe \xe2\x82 end";
        w.events->consumeComment(kStream, text, ChunkStamp { 1, 2, 3 });
        w.events->endOfRead();
        QVERIFY(w.events->flush(kNoDeadline));
        QVERIFY(w.output.finish());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray line = file.readAll();
        QVERIFY(utf8::isAscii(line) || QString::fromUtf8(line).toUtf8() == line);
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        QCOMPARE(record.value(u"kind"_s).toString(), u"comment"_s);
        QCOMPARE(record.value(u"text"_s).toString(), QString::fromUtf8(utf8::sanitized(text)));
        QVERIFY(record.value(u"text"_s).toString().contains(QChar(0xFFFD)));
    }

    void writeErrorsStopTheRunAndAreReported()
    {
        // A full disk must be an error, not exit 0 and a 0-byte file.
        Writer w;
        QVERIFY(w.open(u"/dev/full"_s));
        for (quint64 seq = 1; seq <= 5; ++seq)
            w.event(seq, QByteArray::number(seq), "data");
        w.events->endOfRead();
        QTRY_VERIFY(w.events->outputFailed());
        QCOMPARE(w.stopRequests.load(), 1);
        QVERIFY(!w.events->flush(kNoDeadline));
        QVERIFY2(
            w.events->errorString().contains(u"No space"_s), qPrintable(w.events->errorString()));
        QCOMPARE(w.events->unwritten(), 5);
    }
};

QTEST_GUILESS_MAIN(CliEventWriterTest)
#include "tst_clieventwriter.moc"
