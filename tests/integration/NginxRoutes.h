#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace ssescope::test {

// Debian's nginx in front of the demo server, on the five routes of
// packaging/compare-proxy.sh: /unbuffered/, /buffered/, /accel/, /gzip/,
// /chunked/. Starts the script (SSESCOPE_SOURCE_DIR) with the demo server of
// the build tree (SSESCOPE_DEMO_SERVER) in a process group of its own, waits
// at most 20 s for its ready line, and ends the whole group on destruction, so
// no nginx outlives the test. CMake: ssescope_use_nginx_routes(target).
//
//     NginxRoutes m_routes; // a member: one proxy for the whole test class
//     void initTestCase() { SSESCOPE_REQUIRE_NGINX_ROUTES(m_routes); }
//     ... m_routes.route(u"buffered"_s, u"/ticker?rate=50"_s) ...
class NginxRoutes final
{
public:
    static constexpr int ReadyTimeoutMs = 20000;

    // extraArguments: more of compare-proxy.sh's options, e.g. --tls.
    explicit NginxRoutes(const QStringList &extraArguments = {})
    {
        if (!isInstalled()) {
            m_why = QStringLiteral("nginx is not installed (%1); packaging/install-deps.sh "
                                   "installs nginx-light")
                        .arg(nginxPath());
            return;
        }
        // Its own process group: the script, the demo server and nginx all
        // get the signal of the destructor, whatever state the script is in.
        // And SIGTERM to the script should the test die without destructors
        // (a crash, CTest's timeout): its trap still stops nginx.
        const pid_t parent = ::getpid();
        m_process.setChildProcessModifier([parent] {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent) // died before prctl
                ::_exit(1);
        });
        m_process.start(QStringLiteral(SSESCOPE_SOURCE_DIR "/packaging/compare-proxy.sh"),
            QStringList { QStringLiteral("--demo-server"), QStringLiteral(SSESCOPE_DEMO_SERVER) }
                + extraArguments);
        if (!m_process.waitForStarted(5000)) {
            m_why = QStringLiteral("packaging/compare-proxy.sh did not start: %1")
                        .arg(m_process.errorString());
            return;
        }
        const QDeadlineTimer deadline(ReadyTimeoutMs);
        QByteArray out;
        while (!deadline.hasExpired()) {
            if (m_process.canReadLine() || m_process.waitForReadyRead(200)) {
                out += m_process.readAll();
                const qsizetype at = out.indexOf("compare-proxy: ready ");
                const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
                if (end >= 0) {
                    // compare-proxy: ready http://127.0.0.1:PORT demo=http://127.0.0.1:PORT
                    const QList<QByteArray> fields = out.mid(at, end - at).split(' ');
                    m_base = QUrl(QString::fromLatin1(fields.value(2)));
                    for (const QByteArray &field : fields.mid(3)) {
                        if (field.startsWith("demo="))
                            m_demo = QUrl(QString::fromLatin1(field.mid(5)));
                        else if (field.startsWith("tls="))
                            m_tls = QUrl(QString::fromLatin1(field.mid(4)));
                        else if (field.startsWith("ca="))
                            m_caFile = QString::fromLocal8Bit(field.mid(3));
                    }
                    if (m_base.isValid() && m_base.port() > 0)
                        return;
                    m_why = QStringLiteral("packaging/compare-proxy.sh printed an unreadable "
                                           "ready line: %1")
                                .arg(QString::fromLatin1(out.mid(at, end - at)));
                    m_base.clear();
                    stop();
                    return;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        const QString stderrText
            = QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
        m_why = m_process.state() == QProcess::NotRunning
            ? QStringLiteral("packaging/compare-proxy.sh exited (%1) before it was ready: %2")
                  .arg(m_process.exitCode())
                  .arg(stderrText)
            : QStringLiteral("packaging/compare-proxy.sh was not ready within %1 s: %2")
                  .arg(ReadyTimeoutMs / 1000)
                  .arg(stderrText);
        stop();
    }
    ~NginxRoutes() { stop(); }
    Q_DISABLE_COPY_MOVE(NginxRoutes)

    // SSESCOPE_REQUIRE_NGINX=1 (CI): a missing nginx is a failure, not a skip.
    static bool nginxRequired() { return qEnvironmentVariable("SSESCOPE_REQUIRE_NGINX") == u'1'; }
    static QString nginxPath()
    {
        const QString fromEnvironment = qEnvironmentVariable("NGINX"); // as the script reads it
        return fromEnvironment.isEmpty() ? QStringLiteral("/usr/sbin/nginx") : fromEnvironment;
    }
    static bool isInstalled() { return QFileInfo(nginxPath()).isExecutable(); }

    bool isAvailable() const { return m_base.isValid() && !m_base.isEmpty(); }
    // A sentence saying why not (empty when available).
    QString whyUnavailable() const { return m_why; }

    // route(u"buffered"_s, u"/ticker?rate=20"_s): http://127.0.0.1:PORT/buffered/ticker?rate=20
    QUrl route(const QString &name, const QString &pathAndQuery) const
    {
        return m_base.resolved(QUrl(u'/' + name + pathAndQuery));
    }
    // The demo server itself, without nginx in between.
    QUrl direct(const QString &pathAndQuery) const { return m_demo.resolved(QUrl(pathAndQuery)); }
    QUrl proxyUrl() const { return m_base; }
    // With --tls: the https + http2 listener (unbuffered, straight to the demo
    // server), and the PEM file of the CA that signed its certificate.
    QUrl tls(const QString &pathAndQuery) const { return m_tls.resolved(QUrl(pathAndQuery)); }
    QString caFile() const { return m_caFile; }
    // The process group of the script, nginx and the demo server (0 when none).
    qint64 processGroup() const { return m_process.processId(); }

    // SIGTERM to the group: the script's trap stops nginx and the demo server
    // and removes its directory. SIGKILL to the group if that takes over 5 s.
    void stop()
    {
        const qint64 pid = m_process.processId();
        if (pid <= 0 || m_process.state() == QProcess::NotRunning)
            return;
        ::kill(-pid_t(pid), SIGTERM);
        if (!m_process.waitForFinished(5000)) {
            ::kill(-pid_t(pid), SIGKILL);
            m_process.waitForFinished(2000);
        }
    }

private:
    QProcess m_process;
    QUrl m_base;
    QUrl m_demo;
    QUrl m_tls;
    QString m_caFile;
    QString m_why;
};

} // namespace ssescope::test

// In initTestCase() (or a test function): skips when nginx is not installed,
// fails when it is required (SSESCOPE_REQUIRE_NGINX=1) or did not start.
#define SSESCOPE_REQUIRE_NGINX_ROUTES(routes)                                                      \
    do {                                                                                           \
        if (!(routes).isAvailable()) {                                                             \
            if (ssescope::test::NginxRoutes::isInstalled()                                         \
                || ssescope::test::NginxRoutes::nginxRequired())                                   \
                QFAIL(qPrintable((routes).whyUnavailable()));                                      \
            QSKIP(qPrintable((routes).whyUnavailable()));                                          \
        }                                                                                          \
    } while (false)
