// ssescope-cli's input and output: errors seen and reported, pipes read to
// their end, a capture never destroyed, secrets never shown.
#include "CliProcess.h"
#include "core/capture/CaptureLoader.h"
#include "core/capture/ExportJob.h"
#include "core/demo/DemoServerThread.h"
#include "core/pipeline/CapturePipeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class CliIoTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    QTemporaryDir m_dir;
    QString m_capture; // 40 events, JSON Lines
    QByteArray m_captureBytes;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_capture = path(u"capture.jsonl"_s);
        const CliRun r = CliRun::run({ u"t="_s + url(u"/ticker?rate=0&count=40"_s),
            u"--no-reconnect"_s, u"-o"_s, m_capture });
        QCOMPARE(r.exitCode, 0);
        m_captureBytes = readAll(m_capture);
        QCOMPARE(m_captureBytes.count('\n'), 40);
    }

    void writtenFilesAreOwnerOnly_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("existed");
        QTest::newRow("record, new file") << u"record"_s << false;
        QTest::newRow("record over a 0644 file") << u"record"_s << true;
        QTest::newRow("convert, new file") << u"convert"_s << false;
        QTest::newRow("convert over a 0644 file") << u"convert"_s << true;
    }

    void writtenFilesAreOwnerOnly()
    {
        // Captures hold private URLs, bodies and events: owner-only, whatever
        // mode the file had and whatever the umask.
        QFETCH(QString, command);
        QFETCH(bool, existed);
        const QString out = path(u"owner-"_s + command + (existed ? u"-old"_s : u"-new"_s)
            + (command == u"record" ? u".jsonl"_s : u".csv"_s));
        QFile::remove(out);
        if (existed) {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old\n");
            f.close();
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        }
        const CliRun r = command == u"record"
            ? CliRun::run({ url(u"/ticker?rate=0&count=3"_s), u"--no-reconnect"_s, u"-o"_s, out })
            : CliRun::run({ u"convert"_s, m_capture, out });
        QCOMPARE(r.exitCode, 0);
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(out).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QVERIFY(readAll(out) != "old\n");
    }

    void liveWriteErrorsExitWithTheReason()
    {
        // A full disk must not give exit 0 and a 0-byte file.
        const CliRun r = CliRun::run(
            { url(u"/ticker?rate=0"_s), u"-o"_s, u"/dev/full"_s, u"--max-events"_s, u"5"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(
            r.err.contains("cannot write /dev/full: No space left on device"), r.err.constData());
    }

    void convertWriteErrorsExitWithTheReason_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("reason");
        QTest::newRow("full device") << u"/dev/full"_s << u"No space left on device"_s;
        QTest::newRow("no such directory")
            << path(u"missing/out.csv"_s) << u"No such file or directory"_s;
        // The rule shared with the window (core OutputTarget).
        QTest::newRow("folder") << QDir::tempPath() << u"is a folder: choose a file name in it"_s;
    }

    void convertWriteErrorsExitWithTheReason()
    {
        // `convert small.jsonl full/out.csv` must not exit 0.
        QFETCH(QString, output);
        QFETCH(QString, reason);
        const CliRun r = CliRun::run({ u"convert"_s, m_capture, output, u"--to"_s, u"csv"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(reason.toUtf8()), r.err.constData());
    }

    void aSmallConvertOntoAFullDiskExitsWithTheReason_data()
    {
        QTest::addColumn<QString>("to");
        QTest::newRow("csv") << u"csv"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
        QTest::newRow("sse") << u"sse"_s;
    }

    void aSmallConvertOntoAFullDiskExitsWithTheReason()
    {
        // Three events: smaller than any write buffer, so the only write to
        // the file is the final flush. Onto a full disk that must not exit 0
        // and leave an empty file in place of the one that was there. The
        // full disk, without root: no file of the child may grow (EFBIG).
        QFETCH(QString, to);
        const QString small = path(u"small.jsonl"_s);
        {
            QFile f(small);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QList<QByteArray> lines = m_captureBytes.split('\n');
            f.write(lines.mid(0, 3).join('\n') + '\n');
        }
        const QString out = path(u"small-out."_s + to);
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("kept\n");
        }
        QProcess process;
        process.setChildProcessModifier([] {
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit none {};
            ::getrlimit(RLIMIT_FSIZE, &none);
            none.rlim_cur = 0;
            ::setrlimit(RLIMIT_FSIZE, &none);
        });
        process.start(QStringLiteral(SSESCOPE_CLI), { u"convert"_s, small, out, u"--to"_s, to });
        QVERIFY(process.waitForFinished(20000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitCode(), 3);
        QVERIFY2(err.contains(QByteArray("cannot write " + out.toUtf8() + ": File too large")),
            err.constData());
        QCOMPARE(readAll(out), QByteArray("kept\n"));

        // A real full file system where one can be mounted (root, or a
        // container allowing it): "No space left on device".
        const QString mountPoint = path(u"full-fs"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        const QByteArray mp = QFile::encodeName(mountPoint);
        if (::mount("tmpfs", mp.constData(), "tmpfs", 0, "size=16k") != 0)
            QSKIP("no tmpfs can be mounted here (not root): checked with a file size limit only");
        {
            QFile fill(mountPoint + u"/fill"_s);
            QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(4096, 'x');
            for (int i = 0; i < 64 && fill.write(block) == block.size(); ++i) { }
        }
        const QString onFull = mountPoint + u"/out."_s + to;
        const CliRun r = CliRun::run({ u"convert"_s, small, onFull, u"--to"_s, to });
        const bool exists = QFile::exists(onFull);
        ::umount2(mp.constData(), MNT_DETACH);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("No space left on device"), r.err.constData());
        QVERIFY(!exists);
    }

    void theWindowsExportWritesWhatConvertWrites_data()
    {
        QTest::addColumn<CaptureFormat>("format");
        QTest::newRow("jsonl") << CaptureFormat::JsonLines;
        QTest::newRow("csv") << CaptureFormat::Csv;
        QTest::newRow("sse") << CaptureFormat::RawSse;
        QTest::newRow("har") << CaptureFormat::Har;
    }

    void theWindowsExportWritesWhatConvertWrites()
    {
        // One capture I/O path: a capture opened in the window (CaptureLoader
        // into the pipeline, as the session does) and exported whole
        // (ExportJob) is, byte for byte, what `convert` makes of it.
        QFETCH(CaptureFormat, format);
        const QString name = captureFormatName(format);
        CapturePipeline pipeline;
        CaptureLoader loader;
        connect(&loader, &CaptureLoader::batchRead, &loader,
            [&](const std::shared_ptr<EventBatch> &batch, const QHash<StreamId, QString> &names) {
                for (auto it = names.cbegin(); it != names.cend(); ++it)
                    pipeline.setStreamName(it.key(), it.value());
                pipeline.ingest(*batch);
                loader.batchConsumed();
            });
        QSignalSpy loaded(&loader, &CaptureLoader::finished);
        loader.start(m_capture, CaptureFormat::JsonLines, 1);
        QVERIFY(loaded.wait(10000));
        QVERIFY(loaded.first().at(0).toBool());
        QCOMPARE(pipeline.store().size(), 40);

        std::vector<quint64> everything;
        for (qint64 row = 0; row < pipeline.store().size(); ++row)
            everything.push_back(pipeline.store().firstSeq() + quint64(row));
        const QString exported = path(u"window."_s + name);
        ExportJob job(pipeline.store(), everything, format, exported);
        QSignalSpy finished(&job, &ExportJob::finished);
        job.start();
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

        const QString converted = path(u"cli."_s + name);
        const CliRun r = CliRun::run({ u"convert"_s, m_capture, converted, u"--to"_s, name });
        QCOMPARE(r.exitCode, 0);
        const QByteArray bytes = readAll(converted);
        if (format == CaptureFormat::Har)
            QCOMPARE(bytes.count("\"data\":"), 40);
        else
            QCOMPARE(bytes.count(format == CaptureFormat::RawSse ? "\n\n" : "\n"),
                format == CaptureFormat::Csv ? 41 : 40);
        QCOMPARE(readAll(exported), bytes);
    }

    void convertWritesHar()
    {
        const QString har = path(u"capture.har"_s);
        QCOMPARE(CliRun::run({ u"convert"_s, m_capture, har }).exitCode, 0);
        const QJsonObject log = QJsonDocument::fromJson(readAll(har)).object()[u"log"_s].toObject();
        QCOMPARE(log[u"version"_s].toString(), u"1.2"_s);
        const QJsonArray entries = log[u"entries"_s].toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry[u"request"_s].toObject()[u"url"_s].toString(), u"urn:ssescope:stream:t"_s);
        const QJsonObject content = entry[u"response"_s].toObject()[u"content"_s].toObject();
        QCOMPARE(content[u"mimeType"_s].toString(), u"text/event-stream"_s);
        QCOMPARE(content[u"_sseEvents"_s].toArray().size(), 40);
        // Written, not read; and not a live run's output (it is one document).
        const CliRun back = CliRun::run({ u"convert"_s, har, path(u"back.jsonl"_s) });
        QCOMPARE(back.exitCode, 2);
        QVERIFY(back.err.contains("HAR is written, not read"));
        const CliRun live = CliRun::run({ url(u"/ticker?count=1"_s), u"-o"_s, har });
        QCOMPARE(live.exitCode, 2);
        QVERIFY(live.err.contains("convert run.jsonl run.har"));
    }

    void csvCarriesJsonColumnsAndStatesTheProtocol()
    {
        const QString csv = path(u"columns.csv"_s);
        const CliRun r
            = CliRun::run({ u"t="_s + url(u"/ticker?rate=0&count=5"_s), u"--no-reconnect"_s,
                u"-o"_s, csv, u"--column"_s, u"sym=/symbol"_s, u"--column"_s, u"n=/seq"_s });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = readAll(csv).split('\n');
        QVERIFY2(lines.first().endsWith(",latency_ms,sym,n\r"), lines.first().constData());
        QVERIFY2(lines.at(1).endsWith(",ACME,1\r"), lines.at(1).constData());
        bool protocol = false;
        for (const QJsonObject &record : jsonLines(r.err)) {
            if (record[u"kind"_s].toString() == u"state"_s
                && record[u"state"_s].toString() == u"open"_s)
                protocol = record[u"protocol"_s].toString() == u"HTTP/1.1"_s;
        }
        QVERIFY2(protocol, r.err.constData());
        // convert too; a column needs CSV output.
        const QString converted = path(u"converted.csv"_s);
        QCOMPARE(CliRun::run({ u"convert"_s, m_capture, converted, u"--column"_s, u"n=/seq"_s })
                     .exitCode,
            0);
        QVERIFY(readAll(converted).startsWith(
            "stream,seq,id,type,data,received,mono_ns,chunk,bytes,latency_ms,n\r\n"));
        const CliRun wrong = CliRun::run(
            { u"convert"_s, m_capture, path(u"x.jsonl"_s), u"--column"_s, u"n=/seq"_s });
        QCOMPARE(wrong.exitCode, 2);
        QCOMPARE(
            CliRun::run({ u"convert"_s, m_capture, converted, u"--column"_s, u"n"_s }).exitCode, 2);
    }

    void convertReplacesAnExistingFile()
    {
        // Written through QSaveFile, so a failed run cannot leave half a file: it still
        // replaces what was there, and a failed run leaves it alone.
        const QString out = path(u"kept.csv"_s);
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("before\n");
        file.close();
        QCOMPARE(CliRun::run({ u"convert"_s, path(u"missing.jsonl"_s), out }).exitCode, 3);
        QCOMPARE(readAll(out), QByteArray("before\n"));
        QCOMPARE(CliRun::run({ u"convert"_s, m_capture, out }).exitCode, 0);
        QCOMPARE(readAll(out).count("\r\n"), 41);
    }

    void statsAndConvertReadStandardInput()
    {
        // A pipe says "at end" before anything arrives: `cat cap.jsonl | stats -` must read it all.
        const CliRun stats
            = CliRun::run({ u"stats"_s, u"-"_s, u"--format"_s, u"jsonl"_s }, m_captureBytes);
        QCOMPARE(stats.exitCode, 0);
        QVERIFY2(QRegularExpression(u"\\nt +40 "_s).match(QString::fromUtf8(stats.out)).hasMatch(),
            stats.out.constData());
        const CliRun convert = CliRun::run({ u"convert"_s, u"-"_s, u"-"_s }, m_captureBytes);
        QCOMPARE(convert.exitCode, 0);
        QCOMPARE(convert.out, m_captureBytes);
    }

    void statsReadsAFifo()
    {
        // A FIFO is read to its end too, not taken for empty.
        const QString fifo = path(u"capture.fifo"_s);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess process;
        process.start(
            QStringLiteral(SSESCOPE_CLI), { u"stats"_s, fifo, u"--format"_s, u"jsonl"_s });
        QVERIFY(process.waitForStarted());
        {
            QFile writer(fifo);
            QVERIFY(writer.open(QIODevice::WriteOnly)); // once the CLI opened it
            // In two parts, the second late: a reader that stops at the
            // first empty moment misses it.
            const qsizetype half = m_captureBytes.indexOf('\n', m_captureBytes.size() / 2) + 1;
            QCOMPARE(writer.write(m_captureBytes.left(half)), half);
            QVERIFY(writer.flush());
            QTest::qWait(200);
            QVERIFY(writer.write(m_captureBytes.mid(half)) > 0);
        }
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(QRegularExpression(u"\\nt +40 "_s).match(QString::fromUtf8(out)).hasMatch(),
            out.constData());
    }

    void convertRefusesToWriteOverItsInput_data()
    {
        QTest::addColumn<QString>("alias"); // how the output names the input
        QTest::newRow("same name") << u"same.jsonl"_s;
        QTest::newRow("symlink") << u"link.jsonl"_s;
        QTest::newRow("hard link") << u"hard.jsonl"_s;
        QTest::newRow("other spelling") << u"./same.jsonl"_s;
    }

    void convertRefusesToWriteOverItsInput()
    {
        // Opening the output truncates it: `convert a.jsonl a.jsonl` would leave 0 bytes.
        QFETCH(QString, alias);
        const QString input = path(u"same.jsonl"_s);
        QFile::remove(input);
        QFile::remove(path(u"link.jsonl"_s));
        QFile::remove(path(u"hard.jsonl"_s));
        QVERIFY(QFile::copy(m_capture, input));
        QVERIFY(QFile::link(input, path(u"link.jsonl"_s)));
        QVERIFY(::link(QFile::encodeName(input).constData(),
                    QFile::encodeName(path(u"hard.jsonl"_s)).constData())
            == 0);
        const CliRun r = CliRun::run({ u"convert"_s, input, m_dir.path() + u'/' + alias });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("are the same file"), r.err.constData());
        QCOMPARE(readAll(input), m_captureBytes);
    }

    void convertAndStatsReportABrokenPipe_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("convert") << QStringList { u"convert"_s, m_capture, u"-"_s };
        QTest::newRow("stats") << QStringList { u"stats"_s, m_capture };
    }

    void convertAndStatsReportABrokenPipe()
    {
        // `convert ... - | head` must say why it stopped, not die of SIGPIPE silently.
        QFETCH(QStringList, args);
        OutputPipe pipe(false);
        QVERIFY(pipe.isValid());
        QProcess process;
        pipe.attach(process);
        process.start(QStringLiteral(SSESCOPE_CLI), args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 3);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("Broken pipe"), err.constData());
    }

    void aLongPersistentIdCostsItsBytesOnce()
    {
        // `id: ` + 1 MiB, then 2,000 events, must not cost 2,000 copies of the
        // ID, one in every event's frame record.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QByteArray body
            = "id: " + QByteArray(512 * 1024, 'i') + "\n\n" + QByteArray("data\n\n").repeated(2000);
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &body] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                              "Connection: close\r\n\r\n"
                    + body);
                socket->disconnectFromHost();
            });
        });
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { u"http://127.0.0.1:%1/"_s.arg(server.serverPort()), u"--no-reconnect"_s, u"-o"_s,
                u"/dev/null"_s, u"--stats=1000"_s });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 120000);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardError().contains(" 2000 ")); // the final table
        // The largest child so far; the others are small runs.
        rusage usage {};
        QCOMPARE(::getrusage(RUSAGE_CHILDREN, &usage), 0);
        QVERIFY2(usage.ru_maxrss < 400 * 1024, qPrintable(QString::number(usage.ru_maxrss)));
    }

    void userInfoNeverShows()
    {
        // A URL's user info never shows, not even in the metrics url label.
        QUrl stream = m_server.url(u"/ticker?rate=20"_s);
        stream.setUserName(u"s3cretuser"_s);
        stream.setPassword(u"s3cret"_s);
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { u"m="_s + stream.toString(), u"--metrics"_s, u"127.0.0.1:0"_s, u"--stats=0.2"_s,
                u"-o"_s, u"/dev/null"_s });
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QUrl metrics;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                process.waitForReadyRead(20);
                err += process.readAllStandardError();
                for (const QJsonObject &o : jsonLines(err)) {
                    if (o.value(u"kind"_s) == u"metrics"_s)
                        metrics = QUrl(o.value(u"url"_s).toString());
                }
                return metrics.isValid() && err.contains("\"state\":\"open\"");
            }(),
            10000);
        const QByteArray scrape
            = httpGet(metrics.host(), quint16(metrics.port()), metrics.path().toUtf8());
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        err += process.readAllStandardError();
        QVERIFY2(scrape.contains("ssescope_events_total{stream=\"m\",url=\"http://127.0.0.1:"),
            scrape.constData());
        QVERIFY(!scrape.contains("s3cret"));
        QVERIFY2(!err.contains("s3cret"), err.constData());
    }
};

QTEST_GUILESS_MAIN(CliIoTest)
#include "tst_cliio.moc"
