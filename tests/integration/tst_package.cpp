// The Debian package as a user gets it: CPack builds it from this build folder
// (the dev build's programs, stripped), dpkg-deb unpacks it into a temporary
// root (no system install), and what is inside must work and be complete.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class PackageTest final : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Result run(const QString &program, const QStringList &args, int timeoutMs = 30000)
    {
        QProcess process;
        process.start(program, args);
        if (!process.waitForStarted())
            return { -1, {}, "cannot start " + program.toUtf8() };
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return { -99, process.readAllStandardOutput(), process.readAllStandardError() };
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }

    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root;

    QString installed(const QString &path) const { return m_root + u'/' + path; }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString out = m_dir.filePath(u"out"_s);
        const Result cpack = run(QStringLiteral(SSESCOPE_CPACK),
            { u"-G"_s, u"DEB"_s, u"--config"_s, QStringLiteral(SSESCOPE_CPACK_CONFIG), u"-B"_s,
                out },
            120000);
        QVERIFY2(cpack.exitCode == 0, QByteArray(cpack.out + cpack.err).constData());
        const QStringList debs = QDir(out).entryList({ u"*.deb"_s }, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = QDir(out).filePath(debs.first());
        QCOMPARE(
            debs.first(), u"ssescope_%1_amd64.deb"_s.arg(QStringLiteral(SSESCOPE_PROJECT_VERSION)));
        m_root = m_dir.filePath(u"root"_s);
        const Result extract = run(u"dpkg-deb"_s, { u"-x"_s, m_deb, m_root });
        QVERIFY2(extract.exitCode == 0, extract.err.constData());
    }

    void controlFieldsAreRight()
    {
        const Result fields = run(u"dpkg-deb"_s, { u"-f"_s, m_deb, u"Package"_s, u"Version"_s });
        QCOMPARE(fields.exitCode, 0);
        QVERIFY(fields.out.contains("Package: ssescope\n"));
        QVERIFY(fields.out.contains("Version: " SSESCOPE_PROJECT_VERSION "\n"));
        // dpkg-shlibdeps' libraries, and nothing else: no -dev or tool packages.
        const Result depends = run(u"dpkg-deb"_s, { u"-f"_s, m_deb, u"Depends"_s });
        QCOMPARE(depends.exitCode, 0);
        const QString line = QString::fromUtf8(depends.out).trimmed();
        QStringList names;
        for (const QString &dependency : line.split(u',', Qt::SkipEmptyParts))
            names.append(dependency.trimmed().section(u' ', 0, 0));
        for (const char *needed :
            { "libc6", "libqt6core6", "libqt6network6", "libqt6widgets6", "libqt6charts6" })
            QVERIFY2(names.contains(QLatin1String(needed)), qPrintable(line));
        for (const QString &name : names) {
            QVERIFY2(name.startsWith(u"lib"_s), qPrintable(line));
            QVERIFY2(!name.endsWith(u"-dev"_s), qPrintable(line));
        }
    }

    void installedProgramsRun()
    {
        for (const QString &program :
            { u"ssescope-cli"_s, u"ssescope"_s, u"ssescope-demo-server"_s }) {
            const QString path = installed(u"usr/bin/"_s + program);
            QVERIFY2(QFileInfo(path).isExecutable(), qPrintable(path));
            const Result version = run(path, { u"--version"_s });
            QVERIFY2(version.exitCode == 0, version.err.constData());
            QCOMPARE(QString::fromUtf8(version.out).trimmed(),
                program + u' ' + QStringLiteral(SSESCOPE_PROJECT_VERSION));
        }
    }

    void desktopIntegrationIsInstalled()
    {
        const QString desktop
            = installed(u"usr/share/applications/io.github.ssescope.SseScope.desktop"_s);
        const QByteArray entry = readFile(desktop);
        QVERIFY2(entry.startsWith("[Desktop Entry]\n"), qPrintable(desktop));
        QVERIFY(entry.contains("\nExec=ssescope\n"));
        QVERIFY(entry.contains("\nIcon=ssescope\n"));
        const QByteArray icon
            = readFile(installed(u"usr/share/icons/hicolor/scalable/apps/ssescope.svg"_s));
        QVERIFY(icon.contains("<svg"));
        const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
        if (!validator.isEmpty()) {
            const Result valid = run(validator, { desktop });
            QVERIFY2(valid.exitCode == 0, QByteArray(valid.out + valid.err).constData());
        }
    }

    void metainfoValidates()
    {
        const QString metainfo
            = installed(u"usr/share/metainfo/io.github.ssescope.SseScope.metainfo.xml"_s);
        const QByteArray xml = readFile(metainfo);
        QVERIFY2(
            xml.contains("<launchable type=\"desktop-id\">io.github.ssescope.SseScope.desktop<"),
            qPrintable(metainfo));
        QVERIFY(xml.contains("<release version=\"" SSESCOPE_PROJECT_VERSION "\""));
        // --no-net: offline, as CI is.
        const Result valid = run(u"appstreamcli"_s, { u"validate"_s, u"--no-net"_s, metainfo });
        QVERIFY2(valid.exitCode == 0, QByteArray(valid.out + valid.err).constData());
    }

    void manPagesListEveryOption()
    {
        for (const QString &program :
            { u"ssescope-cli"_s, u"ssescope"_s, u"ssescope-demo-server"_s }) {
            const QByteArray page = readFile(installed(u"usr/share/man/man1/%1.1"_s.arg(program)));
            QVERIFY2(page.startsWith(".TH "), qPrintable(program));
            QVERIFY(page.contains("\\-\\-version"));
        }
        // The pages come from each program's --help: every option is in them.
        const QByteArray cli = readFile(installed(u"usr/share/man/man1/ssescope-cli.1"_s));
        const Result help = run(installed(u"usr/bin/ssescope-cli"_s), { u"--help"_s });
        const QRegularExpression option(u"\\s(--[a-z][a-z-]+)"_s);
        int options = 0;
        for (auto it = option.globalMatch(QString::fromUtf8(help.out)); it.hasNext();) {
            QString escaped = it.next().captured(1);
            escaped.replace(u'-', u"\\-"_s);
            QVERIFY2(cli.contains(escaped.toUtf8()), qPrintable(escaped));
            ++options;
        }
        QVERIFY(options > 20);
        QVERIFY(cli.contains("\\-\\-metrics"));
        QVERIFY(cli.contains(".SH COMPARE")); // ssescope-cli compare --help too
        const QByteArray window = readFile(installed(u"usr/share/man/man1/ssescope.1"_s));
        for (const char *flag : { "\\-\\-workspace", "\\-\\-latency", "\\-\\-compare" })
            QVERIFY(window.contains(flag));
    }
};

QTEST_GUILESS_MAIN(PackageTest)
#include "tst_package.moc"
