// Secrets never reach the CLI's stderr records (tst_cliio checks the metrics
// endpoint): a URL's user info and the values of Authorization, Cookie, Proxy-Authorization and
// headers marked secret stay out of the state, error and end records.
#include "CliProcess.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope::test;

class TestCliSecrets final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stderrRecordsCarryNoSecret();
};

void TestCliSecrets::stderrRecordsCarryNoSecret()
{
    // Port 9 (discard) on loopback: refused at once, so every state is reported.
    const CliRun run = CliRun::run(
        { u"--max-attempts"_s, u"1"_s, u"-H"_s, u"Authorization: Bearer S3cretToken"_s, u"-H"_s,
            u"Cookie: sid=S3cretCookie"_s, u"-H"_s, u"Proxy-Authorization: Basic S3cretProxy"_s,
            u"http://S3cretUser:S3cretP4ss@127.0.0.1:9/events"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("\"kind\":\"state\""), run.err.constData());
    QVERIFY2(!run.err.contains("S3cret"), run.err.constData());
    QVERIFY(!run.out.contains("S3cret"));
}

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "tst_clisecrets.moc"
