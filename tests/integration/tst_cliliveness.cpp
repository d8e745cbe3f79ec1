// ssescope-cli must never freeze: whatever its output's reader does, a
// signal or --duration ends the run, and /metrics keeps answering.
#include "CliProcess.h"
#include "core/demo/DemoServerThread.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUrl>

#include <csignal>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

class CliLivenessTest final : public QObject
{
    Q_OBJECT

private:
    demo::DemoServerThread m_server;

    QString url(const QString &pathAndQuery) const { return m_server.url(pathAndQuery).toString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void signalEndsARunWhoseOutputNobodyReads()
    {
        // `ssescope-cli --metrics ... URL | sleep 120` froze:
        // the writer held a lock in write(1), /metrics and SIGTERM hung on it.
        OutputPipe pipe(true);
        QVERIFY(pipe.isValid());
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        pipe.attach(process);
        process.start(QStringLiteral(SSESCOPE_CLI),
            { url(u"/ticker?rate=0&size=1000"_s), u"--metrics"_s, u"127.0.0.1:0"_s });
        QVERIFY(process.waitForStarted());
        const QUrl metrics = metricsUrl(process);
        QVERIFY(metrics.isValid());
        // One page of pipe: once anything is in it, the next large write waits.
        QTRY_VERIFY_WITH_TIMEOUT(pipe.pending() > 0, 10000);
        QTest::qWait(300); // the writer is now stuck in write(2), with frames queued

        const QByteArray scrape
            = httpGet(metrics.host(), quint16(metrics.port()), metrics.path().toUtf8());
        QVERIFY2(scrape.startsWith("HTTP/1.1 200 OK"), scrape.left(100).constData());
        QVERIFY(scrape.contains("ssescope_events_total"));

        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(process.processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 2000);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 3);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("cannot write standard output") && err.contains("not written"),
            err.constData());
    }

    void durationEndsARunWhoseOutputNobodyReads()
    {
        // --duration was ignored with a blocked output.
        OutputPipe pipe(true);
        QVERIFY(pipe.isValid());
        QProcess process;
        pipe.attach(process);
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(SSESCOPE_CLI),
            { url(u"/ticker?rate=0&size=1000"_s), u"--duration"_s, u"1"_s });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 3000);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(pipe.pending() > 0);
        QCOMPARE(process.exitCode(), 3);
        QVERIFY(process.readAllStandardError().contains("not written"));
    }

    void aSlowReaderStillGetsEverything()
    {
        // The deadline is for an output that takes nothing: a reader that
        // keeps reading gets every event, the last ones after the signal too.
        QProcess process;
        process.start(QStringLiteral(SSESCOPE_CLI),
            { url(u"/ticker?rate=0&count=3000&size=200"_s), u"--no-reconnect"_s });
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < 30000) {
            process.waitForReadyRead(20);
            out += process.read(64 * 1024); // slower than the CLI writes
        }
        QCOMPARE(process.state(), QProcess::NotRunning);
        out += process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(out.count('\n'), 3000);
    }
};

QTEST_GUILESS_MAIN(CliLivenessTest)
#include "tst_cliliveness.moc"
