// ssescope-cli's assertions for CI (--expect-*, --within, --junit, exit 4),
// as a child process against the demo server, its id faults included.
#include "CliProcess.h"
#include "core/demo/DemoServerThread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <sys/stat.h>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

// A JUnit report read back: the counts it states and what it holds.
struct JUnit
{
    bool wellFormed = false;
    int statedTests = -1;
    int statedFailures = -1;
    int testcases = 0;
    int failures = 0;
    QHash<QString, QString> failureOf; // "stream/name" -> failure message, "" = passed

    static JUnit read(const QString &path)
    {
        JUnit j;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return j;
        QXmlStreamReader xml(&file);
        QString current;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QXmlStreamAttributes a = xml.attributes();
            if (xml.name() == u"testsuite"_s) {
                j.statedTests = a.value(u"tests"_s).toInt();
                j.statedFailures = a.value(u"failures"_s).toInt();
            } else if (xml.name() == u"testcase"_s) {
                ++j.testcases;
                current = a.value(u"classname"_s) + u'/' + a.value(u"name"_s);
                j.failureOf.insert(current, QString());
            } else if (xml.name() == u"failure"_s) {
                ++j.failures;
                j.failureOf.insert(current, a.value(u"message"_s).toString());
            }
        }
        j.wellFormed = !xml.hasError();
        return j;
    }
};

QString endReason(const CliRun &r)
{
    for (const QJsonObject &o : jsonLines(r.err)) {
        if (o.value(u"kind"_s) == u"end"_s)
            return o.value(u"reason"_s).toString();
    }
    return {};
}

} // namespace

class CliExpectTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    QTemporaryDir m_dir;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
    }

    // Every expectation met: the run ends at once, well before --within.
    void passesEarly()
    {
        QElapsedTimer clock;
        clock.start();
        const QString junit = m_dir.filePath(u"early.xml"_s);
        const CliRun r = CliRun::run({ u"c="_s + url(u"/clock?rate=20"_s), u"--expect-event"_s,
            u"tick=^20"_s, u"--expect-min-events"_s, u"5"_s, u"--within"_s, u"20"_s, u"--junit"_s,
            junit, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(endReason(r), u"expectations met"_s);
        const JUnit j = JUnit::read(junit);
        QVERIFY(j.wellFormed);
        QCOMPARE(j.testcases, 2);
        QCOMPARE(j.statedTests, 2);
        QCOMPARE(j.failures, 0);
        QCOMPARE(j.statedFailures, 0);
    }

    // A FIFO (or a device) is written through, never replaced by a file: a
    // --junit /dev/full once turned the device into a regular file.
    void junitIntoAFifoIsWrittenThrough()
    {
        const QString fifo = m_dir.filePath(u"report.fifo"_s);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess reader;
        reader.start(u"cat"_s, { fifo });
        QVERIFY(reader.waitForStarted());
        const CliRun r = CliRun::run({ u"c="_s + url(u"/clock?rate=20"_s), u"--expect-min-events"_s,
            u"2"_s, u"--within"_s, u"20"_s, u"--junit"_s, fifo, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(reader.waitForFinished(5000));
        QVERIFY2(reader.readAllStandardOutput().contains("<testsuites"), r.err.constData());
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &info), 0);
        QVERIFY(S_ISFIFO(info.st_mode));
    }

    // An event that never comes fails at --within, with exit 4.
    void missingEventFailsAtWithin()
    {
        QElapsedTimer clock;
        clock.start();
        const QString junit = m_dir.filePath(u"missing.xml"_s);
        const CliRun r = CliRun::run({ u"t="_s + url(u"/ticker?rate=20"_s), u"--expect-event"_s,
            u"never"_s, u"--expect-min-events"_s, u"3"_s, u"--within"_s, u"1.5"_s, u"--junit"_s,
            junit, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 4);
        QVERIFY(clock.elapsed() >= 1400);
        QCOMPARE(endReason(r), u"within"_s);
        const JUnit j = JUnit::read(junit);
        QVERIFY(j.wellFormed);
        QCOMPARE(j.testcases, 2);
        QCOMPARE(j.statedTests, 2);
        QCOMPARE(j.failures, 1);
        QCOMPARE(j.statedFailures, 1);
        QVERIFY2(j.failureOf.value(u"t/event never"_s).contains(u"none arrived"_s),
            qPrintable(j.failureOf.value(u"t/event never"_s)));
        QCOMPARE(j.failureOf.value(u"t/min-events 3"_s), QString());
    }

    // A stream that ended for good short of its count fails at once: the run
    // stops then, not at --within, though the other stream goes on.
    void endedStreamFailsEarly()
    {
        QElapsedTimer clock;
        clock.start();
        const CliRun r = CliRun::run({ u"short="_s + url(u"/ticker?rate=50&count=5"_s),
            u"long="_s + url(u"/ticker?rate=20"_s), u"--no-reconnect"_s, u"--expect-min-events"_s,
            u"10"_s, u"--within"_s, u"20"_s, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(endReason(r), u"expectation failed"_s);
        QVERIFY2(
            r.err.contains(R"("stream":"short","expectation":"min-events 10","result":"failed")"),
            r.err.constData());
    }

    // p99 latency is judged at --within: a loose bound passes, a stream
    // without latency fails with the reason.
    void latencyJudgedAtWithin()
    {
        const QString junit = m_dir.filePath(u"latency.xml"_s);
        const CliRun r = CliRun::run({ u"t="_s + url(u"/ticker?rate=50"_s), u"--latency"_s,
            u"json:/ts"_s, u"--expect-max-latency-ms"_s, u"1000"_s, u"--within"_s, u"1"_s,
            u"--junit"_s, junit, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(endReason(r), u"within"_s);
        QCOMPARE(JUnit::read(junit).failures, 0);
        const CliRun none
            = CliRun::run({ u"t="_s + url(u"/clock?rate=50"_s), u"--expect-max-latency-ms"_s,
                u"1000"_s, u"--within"_s, u"1"_s, u"--junit"_s, junit, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(none.exitCode, 4);
        const JUnit j = JUnit::read(junit);
        QCOMPARE(j.failures, 1);
        QVERIFY2(j.failureOf.value(u"t/max-latency-ms 1000"_s).contains(u"no latency"_s),
            qPrintable(j.failureOf.value(u"t/max-latency-ms 1000"_s)));
    }

    // A failed expectation and a failed stream: 4 outranks 1.
    void expectationOutranksStreamFailure()
    {
        const CliRun failedStream = CliRun::run({ u"bad="_s + url(u"/ticker?status=500"_s),
            u"--policy"_s, u"strict"_s, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(failedStream.exitCode, 1);
        const CliRun r = CliRun::run({ u"ok="_s + url(u"/ticker?rate=20"_s),
            u"bad="_s + url(u"/ticker?status=500"_s), u"--policy"_s, u"strict"_s,
            u"--expect-event"_s, u"never"_s, u"--within"_s, u"1"_s, u"-o"_s, u"/dev/null"_s });
        QVERIFY2(r.err.contains("\"state\":\"failed\""), r.err.constData());
        QCOMPARE(r.exitCode, 4);
    }

    // Ids skipped and repeated (skip_ids, repeat_ids), and a reconnection that
    // replays from 1 (ignore_last_event_id): --expect-no-gaps fails those, with
    // the counts in the JUnit report; a clean stream passes.
    void noGapsAgainstIdFaults()
    {
        const QString junit = m_dir.filePath(u"gaps.xml"_s);
        const QString capture = m_dir.filePath(u"gaps.jsonl"_s);
        const CliRun r
            = CliRun::run({ u"faulty="_s + url(u"/ticker?rate=100&skip_ids=5&repeat_ids=7"_s),
                u"replayed="_s
                    + url(u"/ticker?rate=100&retry=50&drop_after=10&ignore_last_event_id=1"_s),
                u"resumed="_s + url(u"/ticker?rate=100&retry=50&drop_after=10"_s),
                u"--expect-no-gaps"_s, u"--within"_s, u"1.5"_s, u"--junit"_s, junit, u"-o"_s,
                capture });
        QCOMPARE(r.exitCode, 4);
        const JUnit j = JUnit::read(junit);
        QVERIFY(j.wellFormed);
        QCOMPARE(j.testcases, 3);
        QCOMPARE(j.statedTests, 3);
        QCOMPARE(j.failures, 2);
        QCOMPARE(j.statedFailures, 2);
        const QRegularExpression counts(u"(\\d+) ids skipped \\(gaps\\), (\\d+) seen again"_s);
        const QRegularExpressionMatch faulty = counts.match(j.failureOf.value(u"faulty/no-gaps"_s));
        QVERIFY2(faulty.hasMatch(), qPrintable(j.failureOf.value(u"faulty/no-gaps"_s)));
        QVERIFY(faulty.captured(1).toInt() > 0);
        QVERIFY(faulty.captured(2).toInt() > 0);
        const QRegularExpressionMatch replayed
            = counts.match(j.failureOf.value(u"replayed/no-gaps"_s));
        QVERIFY2(replayed.hasMatch(), qPrintable(j.failureOf.value(u"replayed/no-gaps"_s)));
        QCOMPARE(replayed.captured(1).toInt(), 0);
        QVERIFY(replayed.captured(2).toInt() >= 10); // the first 10 again, at least once
        QCOMPARE(j.failureOf.value(u"resumed/no-gaps"_s), QString()); // Last-Event-ID: clean

        // `stats` over the capture reads the same gaps. A JSON Lines capture
        // keeps each event's last event ID, not whether it had an id field,
        // so an id sent twice in a row (repeat_ids) reads back like an event
        // without one: only live counting sees those duplicates.
        const CliRun stats = CliRun::run({ u"stats"_s, capture });
        QCOMPARE(stats.exitCode, 0);
        const QRegularExpression row(u"\\nfaulty .* (\\d+) +(\\d+)\\n"_s);
        const QRegularExpressionMatch statsRow = row.match(QString::fromUtf8(stats.out));
        QVERIFY2(statsRow.hasMatch(), stats.out.constData());
        QCOMPARE(statsRow.captured(1), faulty.captured(1));
        QCOMPARE(statsRow.captured(2), u"0"_s);
        const QRegularExpression replayedRow(u"\\nreplayed .* (\\d+) +(\\d+)\\n"_s);
        const QRegularExpressionMatch replayedStats
            = replayedRow.match(QString::fromUtf8(stats.out));
        QVERIFY2(replayedStats.hasMatch(), stats.out.constData());
        QCOMPARE(replayedStats.captured(2), replayed.captured(2)); // a replay reads back whole
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no --within") << QStringList { u"--expect-no-gaps"_s };
        QTest::newRow("--within alone") << QStringList { u"--within"_s, u"1"_s };
        QTest::newRow("empty type")
            << QStringList { u"--expect-event"_s, u"=x"_s, u"--within"_s, u"1"_s };
        QTest::newRow("bad pattern")
            << QStringList { u"--expect-event"_s, u"t=(x"_s, u"--within"_s, u"1"_s };
        QTest::newRow("zero --within")
            << QStringList { u"--expect-no-gaps"_s, u"--within"_s, u"0"_s };
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const CliRun r = CliRun::run(QStringList { url(u"/clock"_s) } + args);
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(CliExpectTest)
#include "tst_cliexpect.moc"
