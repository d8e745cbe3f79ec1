// ssescope-cli end to end, as a child process against the demo server.
#include "core/demo/DemoServerThread.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QList<QJsonObject> outJson() const { return parse(out); }
    QList<QJsonObject> errJson() const { return parse(err); }
    static QList<QJsonObject> parse(const QByteArray &text)
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : text.split('\n')) {
            if (!line.isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
    QStringList states(const QString &stream) const
    {
        QStringList found;
        for (const QJsonObject &o : errJson()) {
            if (o.value(u"kind"_s) == u"state"_s && o.value(u"stream"_s).toString() == stream)
                found.append(o.value(u"state"_s).toString());
        }
        return found;
    }
};

} // namespace

class CliTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;
    QTemporaryDir m_dir;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }

    Run run(const QStringList &args, const QByteArray &stdinText = {}, int timeoutMs = 20000)
    {
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI), args);
        if (!process.waitForStarted())
            return {};
        if (!stdinText.isEmpty())
            process.write(stdinText);
        process.closeWriteChannel();
        process.waitForFinished(timeoutMs);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            return Run { -99, process.readAllStandardOutput(), process.readAllStandardError() };
        }
        return Run { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
    }

    void jsonLinesOutputAndNoReconnectEndsNormally()
    {
        const Run r = run({ u"t="_s + url(u"/ticker?rate=0&count=5"_s), u"--no-reconnect"_s,
            u"--latency"_s, u"json:/ts"_s });
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> events = r.outJson();
        QCOMPARE(events.size(), 5);
        for (int i = 0; i < 5; ++i) {
            const QJsonObject &e = events[i];
            QCOMPARE(e.value(u"kind"_s).toString(), u"event"_s);
            QCOMPARE(e.value(u"stream"_s).toString(), u"t"_s);
            QCOMPARE(e.value(u"seq"_s).toInt(), i + 1);
            QCOMPARE(e.value(u"id"_s).toString(), QString::number(i + 1));
            QCOMPARE(e.value(u"type"_s).toString(), u"message"_s);
            QVERIFY(e.value(u"data"_s).toString().startsWith(u"{\"seq\":"_s));
            QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$"_s)
                        .match(e.value(u"received"_s).toString())
                        .hasMatch());
            QVERIFY(e.value(u"mono_ns"_s).toDouble() > 0);
            QVERIFY(e.value(u"chunk"_s).toInt() >= 1);
            QVERIFY(e.value(u"bytes"_s).toInt() > 50);
            QVERIFY(e.value(u"latency_ms"_s).isDouble());
            QVERIFY(e.value(u"latency_ms"_s).toDouble() < 5000);
        }
        QCOMPARE(r.states(u"t"_s), (QStringList { u"connecting"_s, u"open"_s, u"closed"_s }));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("404 fails") << QStringList { u"/ticker?status=404"_s } << 1 << u"HTTP 404"_s;
        QTest::newRow("204 counts as failed")
            << QStringList { u"/ticker?status=204"_s } << 1 << u"204 No Content"_s;
        QTest::newRow("wrong content type")
            << QStringList { u"/ticker?ct=text/plain"_s } << 1 << u"text/plain"_s;
        QTest::newRow("strict 503") << QStringList { u"/ticker?status=503"_s, u"--policy"_s,
            u"strict"_s } << 1 << u"HTTP 503"_s;
        QTest::newRow("gave up") << QStringList { u"/ticker?status=503"_s, u"--max-attempts"_s,
            u"2"_s, u"--retry"_s, u"10"_s }
                                 << 1 << u"Gave up after 2"_s;
        // The end record says why the run ended: finish(reason) keeps its reason.
        QTest::newRow("max events") << QStringList { u"/ticker?rate=0"_s, u"--max-events"_s,
            u"7"_s } << 0 << u"{\"kind\":\"end\",\"reason\":\"max events\",\"exit_code\":0}"_s;
        QTest::newRow("duration") << QStringList { u"/clock"_s, u"--duration"_s,
            u"0.5"_s } << 0 << u"{\"kind\":\"end\",\"reason\":\"duration\",\"exit_code\":0}"_s;
        QTest::newRow("usage: no url") << QStringList {} << 2 << u"at least one stream URL"_s;
        QTest::newRow("usage: bad url") << QStringList { u"ftp://x/y"_s } << 2 << u"Only http"_s;
        QTest::newRow("usage: bad option")
            << QStringList { u"/clock"_s, u"--frobnicate"_s } << 2 << u"frobnicate"_s;
        QTest::newRow("usage: bad latency")
            << QStringList { u"/clock"_s, u"--latency"_s, u"json:ts"_s } << 2 << u"JSON Pointer"_s;
        QTest::newRow("unreadable body file") << QStringList { u"/clock"_s, u"--data-file"_s,
            u"/nonexistent/body.json"_s } << 2 << u"cannot read --data-file"_s;
        QTest::newRow("unwritable output")
            << QStringList { u"/clock"_s, u"-o"_s, u"/nonexistent/dir/out.jsonl"_s } << 3
            << u"cannot write"_s;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        if (!args.isEmpty() && args.first().startsWith(u'/'))
            args.first() = url(args.first());
        const Run r = run(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
        if (code == 0 || code == 1) // the run's last line says why it ended
            QVERIFY2(r.err.trimmed().split('\n').last().startsWith("{\"kind\":\"end\""),
                r.err.constData());
        if (QByteArray(QTest::currentDataTag()) == "max events")
            QCOMPARE(r.outJson().size(), 7);
    }

    void exitsWhenEveryStreamIsClosed()
    {
        const Run r = run({ u"a="_s + url(u"/ticker?rate=0&count=3"_s),
            u"b="_s + url(u"/ticker?rate=0&count=4"_s), u"--no-reconnect"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outJson().size(), 7);
    }

    void csvAndSseFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("csv") << u"csv"_s
                             << QByteArray("stream,seq,id,type,data,received,mono_ns,chunk,bytes,"
                                           "latency_ms\r\ns,1,1,tick,");
        QTest::newRow("sse") << u"sse"_s << QByteArray(": ssescope stream=s seq=1 received=");
    }
    void csvAndSseFormats()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, start);
        const Run r = run({ u"s="_s + url(u"/clock?rate=0&count=2"_s), u"--no-reconnect"_s,
            u"--format"_s, format });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(start), r.out.constData());
    }

    void commentsAreRecorded()
    {
        const Run r = run({ u"h="_s + url(u"/ticker?rate=1&heartbeat=50"_s), u"--comments"_s,
            u"--duration"_s, u"0.6"_s });
        QCOMPARE(r.exitCode, 0);
        int comments = 0;
        for (const QJsonObject &o : r.outJson()) {
            if (o.value(u"kind"_s) == u"comment"_s) {
                ++comments;
                QCOMPARE(o.value(u"text"_s).toString(), u" heartbeat"_s);
                QCOMPARE(o.value(u"stream"_s).toString(), u"h"_s);
                QVERIFY(o.contains(u"received"_s));
            }
        }
        QVERIFY(comments >= 5);
    }

    void restartOnStdinResumesWithLastEventId()
    {
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { u"r="_s + url(u"/ticker?rate=200&count=400"_s), u"--no-reconnect"_s });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.bytesAvailable() > 0, 5000);
        process.write("restart\n");
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
        const Run r { process.exitCode(), process.readAllStandardOutput(),
            process.readAllStandardError() };
        const QStringList states = r.states(u"r"_s);
        QCOMPARE(states.count(u"open"_s), 2);
        // The sequence numbers of the ids run on without a gap or a repeat.
        QByteArray all = r.out;
        QStringList ids;
        for (const QJsonObject &o : Run::parse(all))
            ids.append(o.value(u"id"_s).toString());
        QVERIFY(!ids.isEmpty());
        for (int i = 1; i < ids.size(); ++i)
            QCOMPARE(ids[i].toInt(), ids[i - 1].toInt() + 1);
        QCOMPARE(ids.last(), u"400"_s);
    }

    void quitOnStdinAndClosedStdinKeepsRunning()
    {
        Run r = run({ url(u"/clock?rate=10"_s) }, "quit\n");
        QCOMPARE(r.exitCode, 0);
        // With stdin at its end from the start, the run goes on until --duration.
        QElapsedTimer timer;
        timer.start();
        r = run({ url(u"/clock?rate=10"_s), u"--duration"_s, u"1"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(timer.elapsed() >= 900);
        QVERIFY(r.outJson().size() >= 5);
    }

    void sigtermFlushesAndExitsCleanly()
    {
        const QString file = m_dir.filePath(u"sigterm.jsonl"_s);
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI), { url(u"/ticker?rate=500"_s), u"-o"_s, file });
        QVERIFY(process.waitForStarted());
        // Waits for the events it expects instead of sleeping 700 ms.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile partial(file);
                return partial.open(QIODevice::ReadOnly) && partial.readAll().count('\n') > 50;
            }(),
            10000);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QFile out(file);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray text = out.readAll();
        QVERIFY(text.endsWith('\n'));
        const QList<QJsonObject> events = Run::parse(text);
        QVERIFY(events.size() > 50);
        for (const QJsonObject &e : events)
            QCOMPARE(e.value(u"kind"_s).toString(), u"event"_s); // every line whole
    }

    // Why each connection ended, as core decided, on the state record it led to.
    void stateRecordsSayHowTheStreamEnded_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("end");
        QTest::newRow("clean") << QStringList() << u"count=3"_s << u"clean"_s;
        QTest::newRow("no terminal")
            << QStringList { u"--terminal"_s, u"[DONE]"_s } << u"count=3"_s << u"no-terminal"_s;
        QTest::newRow("terminal came")
            << QStringList { u"--terminal"_s, u"[DONE]"_s } << u"count=3&done=1"_s << u"clean"_s;
        QTest::newRow("error event") << QStringList() << u"error_after=1"_s << u"error-event"_s;
        QTest::newRow("error event off")
            << QStringList { u"--error-event"_s, QString(), u"--error-json-type"_s, QString() }
            << u"error_after=1"_s << u"clean"_s;
        QTest::newRow("reset") << QStringList() << u"rst_after=2"_s << u"reset"_s;
    }
    void stateRecordsSayHowTheStreamEnded()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, query);
        QFETCH(QString, end);
        const Run r
            = run(QStringList { u"--no-reconnect"_s, u"s="_s + url(u"/ticker?rate=100&"_s + query) }
                + options);
        QStringList ends;
        for (const QJsonObject &o : r.errJson()) {
            if (o.value(u"kind"_s) == u"state"_s && o.contains(u"end"_s))
                ends << o.value(u"end"_s).toString();
        }
        QCOMPARE(ends, QStringList { end });
    }

    void metricsEndpointIsScrapeable()
    {
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { u"m="_s + url(u"/ticker?rate=50"_s), u"--metrics"_s, u"127.0.0.1:0"_s, u"--latency"_s,
                u"json:/ts"_s, u"-o"_s, u"/dev/null"_s });
        QVERIFY(process.waitForStarted());
        QString metricsUrl;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                process.waitForReadyRead(50);
                const QByteArray err = process.peek(1 << 20);
                for (const QJsonObject &o : Run::parse(process.readAllStandardError())) {
                    if (o.value(u"kind"_s) == u"metrics"_s)
                        metricsUrl = o.value(u"url"_s).toString();
                }
                Q_UNUSED(err);
                return !metricsUrl.isEmpty();
            }(),
            5000);
        const QUrl u(metricsUrl);
        QCOMPARE(u.host(), u"127.0.0.1"_s);
        // Scrapes until the 1 s window holds a full second of the
        // 50 events/s stream, instead of sleeping 2.2 s and expecting it.
        const QRegularExpression rate(
            u"ssescope_events_per_second\\{[^}]*window=\"1s\"\\} (\\S+)"_s);
        const auto scrape = [&u] {
            QTcpSocket socket;
            socket.connectToHost(u.host(), quint16(u.port()));
            if (!socket.waitForConnected(2000))
                return QByteArray();
            socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            QByteArray text;
            while (socket.waitForReadyRead(2000))
                text += socket.readAll();
            return text;
        };
        QByteArray response;
        double perSecond = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                response = scrape();
                perSecond = rate.match(QString::fromUtf8(response)).captured(1).toDouble();
                return perSecond >= 35 && perSecond <= 65;
            }(),
            15000);
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.left(200).constData());
        QVERIFY(response.contains("Content-Type: text/plain; version=0.0.4"));
        QVERIFY(response.contains("# TYPE ssescope_events_total counter\n"));
        QVERIFY(response.contains("# TYPE ssescope_connected_seconds_total counter\n"));
        const QByteArray labels = "stream=\"m\",url=\"" + url(u"/ticker?rate=50"_s).toUtf8() + "\"";
        QVERIFY2(response.contains(QByteArray("ssescope_stream_up{" + labels + "} 1\n")),
            response.constData());
        QVERIFY(response.contains(QByteArray("ssescope_events_total{" + labels + "} ")));
        QVERIFY(response.contains("# TYPE ssescope_stream_ends_total counter\n"));
        QVERIFY(response.contains(
            QByteArray("ssescope_stream_ends_total{" + labels + ",end=\"reset\"} 0\n")));
        QVERIFY(response.contains(
            QByteArray("ssescope_events_per_second{" + labels + ",window=\"1s\"} ")));
        QVERIFY(response.contains(QByteArray(
            "ssescope_latency_seconds{" + labels + ",window=\"60s\",quantile=\"0.99\"} ")));
        // The rate over the last full second is about the stream's 50 events/s.
        QVERIFY2(perSecond >= 35 && perSecond <= 65, qPrintable(QString::number(perSecond)));
    }

    void pairedRoutesShowTheDelayOfTheSlowOne()
    {
        const Run r = run({ u"direct="_s + url(u"/ticker?rate=40"_s),
            u"slow="_s + url(u"/ticker?rate=40&drip=1"_s), u"--pair"_s, u"direct,slow"_s,
            u"--duration"_s, u"2.2"_s, u"--stats=2"_s, u"-o"_s, u"/dev/null"_s });
        QCOMPARE(r.exitCode, 0);
        // The pair row: its events are matches, its latency columns the slow route's delay.
        const QRegularExpression row(u"\\ndirect>slow +pair( +\\S+){6} +(\\S+) +\\S+ +(\\d+) "_s);
        const QRegularExpressionMatch match = row.match(QString::fromUtf8(r.err));
        QVERIFY2(match.hasMatch(), r.err.constData());
        QVERIFY(match.captured(3).toInt() > 3);
        QVERIFY2(match.captured(2).toDouble() > 20.0,
            qPrintable(match.captured(2))); // drip: one byte a millisecond
        QCOMPARE(run({ url(u"/clock"_s), u"--pair"_s, u"a,b"_s }).exitCode, 2);
    }

    void insecureIsNeededForASelfSignedServer()
    {
        demo::DemoServerThread tlsServer;
        QFile certificateFile(QFINDTESTDATA("../data/tls/localhost-cert.pem"));
        QFile keyFile(QFINDTESTDATA("../data/tls/localhost-key.pem"));
        QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        tlsServer.setTls(
            QSslCertificate(&certificateFile, QSsl::Pem), QSslKey(&keyFile, QSsl::Ec, QSsl::Pem));
        QVERIFY(tlsServer.start());
        const QString url = tlsServer.url(u"/ticker?rate=0&count=3"_s).toString();
        Run r = run({ url, u"--no-reconnect"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("TLS handshake"), r.err.constData());
        QCOMPARE(r.outJson().size(), 0);
        r = run({ url, u"--no-reconnect"_s, u"--insecure"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.outJson().size(), 3);
    }

    void statsAndConvertSubcommands()
    {
        const QString jsonl = m_dir.filePath(u"capture.jsonl"_s);
        Run r = run({ u"s="_s + url(u"/bursty?burst=5&period=100&count=20"_s), u"--no-reconnect"_s,
            u"-o"_s, jsonl });
        QCOMPARE(r.exitCode, 0);
        r = run({ u"stats"_s, jsonl });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(u"\ns +20 +\\d+"_s).match(QString::fromUtf8(r.out)).hasMatch(),
            r.out.constData());
        const QString csv = m_dir.filePath(u"capture.csv"_s);
        const QString sse = m_dir.filePath(u"capture.sse"_s);
        const QString back = m_dir.filePath(u"back.jsonl"_s);
        QCOMPARE(run({ u"convert"_s, jsonl, csv }).exitCode, 0);
        QCOMPARE(run({ u"convert"_s, csv, sse }).exitCode, 0);
        QCOMPARE(run({ u"convert"_s, sse, back }).exitCode, 0);
        QFile a(jsonl), b(back);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll());
        // A corrupt line is named, the rest converts, and the exit code says so.
        QFile broken(m_dir.filePath(u"broken.jsonl"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        a.seek(0);
        const QList<QByteArray> lines = a.readAll().split('\n');
        broken.write(lines[0] + "\n{oops\n" + lines[1] + '\n');
        broken.close();
        r = run({ u"convert"_s, broken.fileName(), m_dir.filePath(u"fixed.csv"_s) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("broken.jsonl:2:"), r.err.constData());
        QFile fixed(m_dir.filePath(u"fixed.csv"_s));
        QVERIFY(fixed.open(QIODevice::ReadOnly));
        QCOMPARE(fixed.readAll().count("\r\n"), 3); // header and two events
        QCOMPARE(run({ u"stats"_s, m_dir.filePath(u"missing.jsonl"_s) }).exitCode, 3);
        QCOMPARE(run({ u"convert"_s, jsonl, m_dir.filePath(u"x.unknown"_s) }).exitCode, 2);
    }

    // A latency of a year (a sender's clock far off) and a huge count are
    // wider than their columns: they still stand apart from their neighbours.
    void statsColumnsNeverRunTogether()
    {
        QFile capture(m_dir.filePath(u"skewed.jsonl"_s));
        QVERIFY(capture.open(QIODevice::WriteOnly));
        for (int i = 0; i < 3; ++i) {
            capture.write(QByteArray(R"({"kind":"event","stream":"s","seq":)")
                + QByteArray::number(i + 1)
                + R"(,"id":"","type":"message","data":"x","received":"2026-01-01T00:00:00.000001Z","mono_ns":)"
                + QByteArray::number(1'000'000'000LL * (i + 1))
                + R"(,"chunk":1,"bytes":12345678901,"latency_ms":31629968075.9})" + '\n');
        }
        capture.close();
        const Run r = run({ u"stats"_s, capture.fileName() });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.size() >= 2);
        const qsizetype columns
            = lines[0].simplified().split(' ').size() - 7; // "gap p50" and six more are two words
        QVERIFY2(lines[1].simplified().split(' ').size() == columns,
            QByteArray(r.out + r.err).constData());
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
