// CaptureReplay: how a saved capture is laid out to be served again. The
// same capture in each of the three formats gives the same reads, texts and
// resume points; ids are sent where they change; an id set twice cannot be
// resumed from; a foreign event stream without timing goes out event by event.
#include "core/capture/CaptureIO.h"
#include "core/demo/CaptureReplay.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace ssescope;
using namespace ssescope::demo;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMs = 1'000'000;

QByteArray record(const QByteArray &stream, quint64 seq, const QByteArray &id,
    const QByteArray &type, const QByteArray &data, qint64 monoNs, quint64 chunk)
{
    // Plain literals: moc misreads raw strings holding \" and skips the class.
    return "{\"kind\":\"event\",\"stream\":\"" + stream + "\",\"seq\":" + QByteArray::number(seq)
        + ",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":\"" + data
        + "\",\"received\":\"2026-01-01T00:00:00.000001Z\",\"mono_ns\":"
        + QByteArray::number(monoNs) + ",\"chunk\":" + QByteArray::number(chunk)
        + ",\"bytes\":30,\"latency_ms\":null}\n";
}

// "s": a read of one event at 0 ms, one of two at 40 ms (the second without
// an id of its own, so it keeps "2"), one at 90 ms with two lines of data
// and the default type; "t", starting 10 ms after "s", has the id "x" twice.
QByteArray jsonlCapture()
{
    const qint64 base = 7'000 * kMs;
    return record("s", 1, "1", "tick", "a", base, 1)
        + record("s", 2, "2", "tick", "b", base + 40 * kMs, 2)
        + record("s", 3, "2", "tick", "c", base + 40 * kMs, 2)
        + record("t", 1, "x", "message", "t1", base + 10 * kMs, 1)
        + record("s", 4, "4", "message", "line1\\nline2", base + 90 * kMs, 3)
        + record("t", 2, "y", "message", "t2", base + 20 * kMs, 2)
        + record("t", 3, "x", "message", "t3", base + 30 * kMs, 3);
}

} // namespace

class CaptureReplayLayoutTest final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, CaptureFormat format)
    {
        QByteArray jsonl = jsonlCapture();
        QBuffer in(&jsonl);
        in.open(QIODevice::ReadOnly);
        QFile out(m_dir.filePath(name));
        if (!out.open(QIODevice::WriteOnly))
            return {};
        const ConvertResult converted
            = convertCapture(CaptureFormat::JsonLines, &in, format, &out, [](const auto &) {});
        return converted.written == 7 ? out.fileName() : QString();
    }

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << u"c.jsonl"_s << int(CaptureFormat::JsonLines);
        QTest::newRow("csv") << u"c.csv"_s << int(CaptureFormat::Csv);
        QTest::newRow("sse") << u"c.sse"_s << int(CaptureFormat::RawSse);
    }

    void formats()
    {
        QFETCH(QString, name);
        QFETCH(int, format);
        const QString path = write(name, CaptureFormat(format));
        QVERIFY(!path.isEmpty());
        QString error;
        const auto replay = CaptureReplay::load(path, &error);
        QVERIFY2(replay, qPrintable(error));
        QCOMPARE(replay->events(), 7);
        QCOMPARE(replay->skippedRecords(), 0);
        QCOMPARE(replay->streams().size(), std::size_t(2));

        const CaptureReplay::Stream &s = replay->streams()[0];
        QCOMPARE(s.name, u"s"_s);
        QCOMPARE(s.path, QByteArray("/s"));
        QCOMPARE(s.writes.size(), std::size_t(3));
        QCOMPARE(s.writes[0].offsetNs, 0);
        QCOMPARE(s.writes[1].offsetNs, 40 * kMs);
        QCOMPARE(s.writes[1].firstEvent, 1);
        QCOMPARE(s.writes[1].endEvent, 3);
        QCOMPARE(s.writes[2].offsetNs, 90 * kMs);
        QCOMPARE(s.events[0], QByteArray("id: 1\nevent: tick\ndata: a\n\n"));
        QCOMPARE(s.events[2], QByteArray("event: tick\ndata: c\n\n")); // the id did not change
        QCOMPARE(s.events[3], QByteArray("id: 4\ndata: line1\ndata: line2\n\n"));
        QCOMPARE(s.resumeAfter("2"), 2); // after the event that set it
        QCOMPARE(s.resumeAfter("4"), 4); // the end
        QCOMPARE(s.resumeAfter("nope"), 0);
        QVERIFY(s.idsUnique());
        QCOMPARE(s.endId, QByteArray("4")); // set by the last event: it marks the end
        QVERIFY(s.endMarker.isEmpty());
        QVERIFY(s.hasEnded("4"));
        QVERIFY(!s.hasEnded("2"));

        const CaptureReplay::Stream &t = replay->streams()[1];
        QCOMPARE(t.writes[0].offsetNs, 10 * kMs); // its lead on the capture's start
        QCOMPARE(t.resumeAfter("y"), 2);
        QCOMPARE(t.resumeAfter("x"), 0); // set twice: from the start
        QVERIFY(!t.idsUnique());
        // The end's id was set twice: an id alone after the last event marks it.
        QCOMPARE(t.endId, QByteArray("x"));
        QCOMPARE(t.endMarker, QByteArray("ssescope-replay-end"));
        QVERIFY(t.hasEnded("x"));
        QVERIFY(t.hasEnded("ssescope-replay-end"));
        QVERIFY(!t.hasEnded("y"));
        QVERIFY(!t.hasEnded({}));
        QCOMPARE(replay->streamForPath("/t"), &t);
        QCOMPARE(replay->streamForPath("/%74"), &t); // any spelling of the encoding
        QCOMPARE(replay->streamForPath("/u"), nullptr);
    }

    // "", "." and ".." cannot be paths of their own ("/" is the index, and
    // clients resolve "/." and "/.." to it): each gets /stream-N, and a
    // stream that already has that name keeps it.
    void namesWithoutAPathGetAStandIn()
    {
        QFile file(m_dir.filePath(u"dots.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(record("", 1, "1", "message", "a", 1 * kMs, 1)
            + record("..", 1, "1", "message", "b", 2 * kMs, 1)
            + record(".", 1, "1", "message", "c", 3 * kMs, 1)
            + record("stream-3", 1, "1", "message", "d", 4 * kMs, 1)
            + record("a/b", 1, "1", "message", "e", 5 * kMs, 1));
        file.close();
        QString error;
        const auto replay = CaptureReplay::load(file.fileName(), &error);
        QVERIFY2(replay, qPrintable(error));
        QList<QByteArray> paths;
        for (const CaptureReplay::Stream &stream : replay->streams())
            paths.append(stream.path);
        QCOMPARE(paths,
            (QList<QByteArray> {
                "/stream-1", "/stream-2", "/stream-3-unnamed", "/stream-3", "/a%2Fb" }));
        for (const CaptureReplay::Stream &stream : replay->streams())
            QCOMPARE(replay->streamForPath(stream.path), &stream);
        QCOMPARE(replay->streamForPath("/"), nullptr);
        QCOMPARE(replay->streamForPath("/.."), nullptr);
        QCOMPARE(replay->streamForPath("/a%2fb"), &replay->streams()[4]);
    }

    // Another server's event stream, with no ssescope comments: one stream
    // ("raw"), no timing, each event its own write at once.
    void foreignEventStream()
    {
        QFile file(m_dir.filePath(u"foreign.sse"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id: 1\ndata: one\n\n: a comment\ndata: two\n\n");
        file.close();
        QString error;
        const auto replay = CaptureReplay::load(file.fileName(), &error);
        QVERIFY2(replay, qPrintable(error));
        QCOMPARE(replay->streams().size(), std::size_t(1));
        const CaptureReplay::Stream &raw = replay->streams()[0];
        QCOMPARE(raw.name, u"raw"_s);
        QCOMPARE(raw.writes.size(), std::size_t(2));
        QCOMPARE(raw.writes[1].offsetNs, 0);
        QCOMPARE(raw.events[1], QByteArray("data: two\n\n")); // keeps the id "1"
    }
};

QTEST_GUILESS_MAIN(CaptureReplayLayoutTest)
#include "tst_capturereplaylayout.moc"
