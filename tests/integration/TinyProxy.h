#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace ssescope::test {

// Debian's tinyproxy as the forward proxy of a test, on 127.0.0.1 and an
// ephemeral port, with a config, log and pid file of its own in a temporary
// directory (Debian's own tinyproxy service on port 8888 is never used). It
// runs in the foreground (-d) and ends with the destructor, or with the test
// process (PR_SET_PDEATHSIG).
//
//     TinyProxy m_proxy { TinyProxy::Options { { tlsServerPort } } };
//     void initTestCase() { SSESCOPE_REQUIRE_TINYPROXY(m_proxy); }
//     config.proxy = m_proxy.url().toString();
//     QVERIFY(m_proxy.log().contains("CONNECT 127.0.0.1:" + port));
class TinyProxy final
{
public:
    static constexpr int ReadyTimeoutMs = 10000;

    struct Options
    {
        // The ports CONNECT may reach (tinyproxy's ConnectPort); none = any.
        QList<quint16> connectPorts;
        QString user; // with password: BasicAuth, so requests need credentials
        QString password;
    };

    explicit TinyProxy(const Options &options = {})
    {
        if (!isInstalled()) {
            m_why = QStringLiteral("tinyproxy is not installed (%1); packaging/install-deps.sh "
                                   "installs it")
                        .arg(tinyproxyPath());
            return;
        }
        if (!m_dir.isValid()) {
            m_why = QStringLiteral("no temporary directory for tinyproxy");
            return;
        }
        // The port is free when chosen and may be taken before tinyproxy binds
        // it: then tinyproxy exits, and another port is tried.
        for (int attempt = 0; attempt < 3 && !isAvailable(); ++attempt)
            start(options);
    }
    ~TinyProxy() { stop(); }
    Q_DISABLE_COPY_MOVE(TinyProxy)

    // SSESCOPE_REQUIRE_TINYPROXY=1 (CI): a missing tinyproxy is a failure, not a skip.
    static bool tinyproxyRequired()
    {
        return qEnvironmentVariable("SSESCOPE_REQUIRE_TINYPROXY") == u'1';
    }
    static QString tinyproxyPath()
    {
        const QString fromEnvironment = qEnvironmentVariable("TINYPROXY");
        return fromEnvironment.isEmpty() ? QStringLiteral("/usr/bin/tinyproxy") : fromEnvironment;
    }
    static bool isInstalled() { return QFileInfo(tinyproxyPath()).isExecutable(); }

    bool isAvailable() const { return m_port != 0; }
    QString whyUnavailable() const { return m_why; }
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT, or with user info when given.
    QUrl url(const QString &user = {}, const QString &password = {}) const
    {
        QUrl url(QStringLiteral("http://127.0.0.1"));
        url.setPort(m_port);
        url.setUserName(user);
        url.setPassword(password);
        return url;
    }
    // Everything tinyproxy logged so far (LogLevel Info: one "Request" or
    // "CONNECT" line per request it carried).
    QByteArray log() const
    {
        QFile file(m_dir.filePath(QStringLiteral("tinyproxy.log")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

    void start(const Options &options)
    {
        stop();
        const quint16 port = freePort();
        if (port == 0) {
            m_why = QStringLiteral("no free port on 127.0.0.1 for tinyproxy");
            return;
        }
        QByteArray config = "Port " + QByteArray::number(port)
            + "\nListen 127.0.0.1\nTimeout 30\nLogLevel Info\nMaxClients 100\n"
              "Allow 127.0.0.1\nDisableViaHeader Yes\n"
              "LogFile \""
            + m_dir.filePath(QStringLiteral("tinyproxy.log")).toLocal8Bit() + "\"\nPidFile \""
            + m_dir.filePath(QStringLiteral("tinyproxy.pid")).toLocal8Bit() + "\"\n";
        for (const quint16 connectPort : options.connectPorts)
            config += "ConnectPort " + QByteArray::number(connectPort) + '\n';
        if (!options.user.isEmpty())
            config += "BasicAuth " + options.user.toUtf8() + ' ' + options.password.toUtf8() + '\n';
        QFile file(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size()) {
            m_why = QStringLiteral("cannot write %1").arg(file.fileName());
            return;
        }
        file.close();

        const pid_t parent = ::getpid();
        m_process.setChildProcessModifier([parent] {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent) // died before prctl
                ::_exit(1);
        });
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(
            tinyproxyPath(), { QStringLiteral("-d"), QStringLiteral("-c"), file.fileName() });
        if (!m_process.waitForStarted(5000)) {
            m_why = QStringLiteral("tinyproxy did not start: %1").arg(m_process.errorString());
            return;
        }
        // Ready once it accepts a connection.
        const QDeadlineTimer deadline(ReadyTimeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (socket.waitForConnected(500)) {
                socket.disconnectFromHost();
                m_port = port;
                return;
            }
            QThread::msleep(50);
        }
        m_why = QStringLiteral("tinyproxy on port %1 was not ready within %2 s (%3): %4")
                    .arg(port)
                    .arg(ReadyTimeoutMs / 1000)
                    .arg(m_process.state() == QProcess::Running ? QStringLiteral("running")
                                                                : QStringLiteral("exited"),
                        QString::fromLocal8Bit(m_process.readAll() + log()).trimmed());
        stop();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_why;
};

} // namespace ssescope::test

// In initTestCase() (or a test function): skips when tinyproxy is not
// installed, fails when it is required (SSESCOPE_REQUIRE_TINYPROXY=1) or did
// not start.
#define SSESCOPE_REQUIRE_TINYPROXY(proxy)                                                          \
    do {                                                                                           \
        if (!(proxy).isAvailable()) {                                                              \
            if (ssescope::test::TinyProxy::isInstalled()                                           \
                || ssescope::test::TinyProxy::tinyproxyRequired())                                 \
                QFAIL(qPrintable((proxy).whyUnavailable()));                                       \
            QSKIP(qPrintable((proxy).whyUnavailable()));                                           \
        }                                                                                          \
    } while (false)
