// Every program answers --version and --help like any command-line program:
// with no display at all (no QT_QPA_PLATFORM, DISPLAY or WAYLAND_DISPLAY).
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;

class ProgramVersionsTest final : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Result runHeadless(const QString &program, const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, args);
        if (!process.waitForStarted() || !process.waitForFinished(15000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }

private Q_SLOTS:
    void versionAndHelpNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("ssescope") << QStringLiteral(SSESCOPE_DASHBOARD) << QByteArray("ssescope");
        QTest::newRow("ssescope-cli") << QStringLiteral(SSESCOPE_CLI) << QByteArray("ssescope-cli");
        QTest::newRow("ssescope-demo-server")
            << QStringLiteral(SSESCOPE_DEMO_SERVER) << QByteArray("ssescope-demo-server");
    }

    void versionAndHelpNeedNoDisplay()
    {
        QFETCH(QString, program);
        QFETCH(QByteArray, name);

        const Result version = runHeadless(program, { u"--version"_s });
        QVERIFY2(version.exitCode == 0, version.err.constData());
        // The project's version, from CMake's project(VERSION), after the program's name.
        const QByteArray expected = name + ' ' + SSESCOPE_PROJECT_VERSION;
        QVERIFY2(version.out.contains(expected), version.out.constData());
        QVERIFY2(!version.err.contains("cannot open the window"), version.err.constData());

        const Result help = runHeadless(program, { u"--help"_s });
        QVERIFY2(help.exitCode == 0, help.err.constData());
        QVERIFY2(help.out.toLower().startsWith("usage: "), help.out.constData());
        QVERIFY2(help.out.left(help.out.indexOf('\n')).contains(name), help.out.constData());
        QVERIFY(help.out.contains("--version"));
        QVERIFY(help.out.count('\n') >= 3);
    }

    void aBadOptionStillFailsWithoutADisplay()
    {
        const Result r = runHeadless(QStringLiteral(SSESCOPE_DASHBOARD), { u"--no-such-option"_s });
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.exitCode != -1);
    }
};

QTEST_GUILESS_MAIN(ProgramVersionsTest)
#include "tst_programversions.moc"
