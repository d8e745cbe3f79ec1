#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QUrl>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ssescope::test {

// ssescope-cli as a child process (SSESCOPE_CLI is its path).
struct CliRun
{
    int exitCode = -1; // -99: still running at the time limit; -2: crashed
    QByteArray out;
    QByteArray err;

    static CliRun run(
        const QStringList &args, const QByteArray &stdinText = {}, int timeoutMs = 20000)
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
            return CliRun { -99, process.readAllStandardOutput(), process.readAllStandardError() };
        }
        return CliRun { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }
};

inline QList<QJsonObject> jsonLines(const QByteArray &text)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

// The metrics URL a child ssescope-cli announces on stderr (within 10 s).
inline QUrl metricsUrl(QProcess &process)
{
    QByteArray err;
    QUrl found;
    QElapsedTimer timer;
    timer.start();
    while (found.isEmpty() && timer.elapsed() < 10000) {
        process.waitForReadyRead(50);
        err += process.readAllStandardError();
        for (const QJsonObject &o : jsonLines(err)) {
            if (o.value(QStringLiteral("kind")) == QStringLiteral("metrics"))
                found = QUrl(o.value(QStringLiteral("url")).toString());
        }
    }
    return found;
}

// A pipe for a child's standard output. With keepReader, nobody ever reads
// it (a stopped reader, `| sleep 120`); without, its reader is gone (SIGPIPE).
class OutputPipe final
{
public:
    explicit OutputPipe(bool keepReader)
    {
        if (::pipe2(m_fds, O_CLOEXEC) != 0)
            return;
        ::fcntl(m_fds[1], F_SETPIPE_SZ, 4096); // one page, the smallest: full at once
        if (!keepReader) {
            ::close(m_fds[0]);
            m_fds[0] = -1;
        }
    }
    ~OutputPipe()
    {
        for (int fd : m_fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    Q_DISABLE_COPY_MOVE(OutputPipe)

    bool isValid() const { return m_fds[1] >= 0; }
    // Makes it the process's standard output.
    void attach(QProcess &process) const
    {
        process.setStandardOutputFile(QProcess::nullDevice());
        const int fd = m_fds[1];
        process.setChildProcessModifier([fd] { ::dup2(fd, STDOUT_FILENO); });
    }
    // Bytes waiting in the pipe.
    int pending() const
    {
        int n = 0;
        return m_fds[0] >= 0 && ::ioctl(m_fds[0], FIONREAD, &n) == 0 ? n : -1;
    }

private:
    int m_fds[2] = { -1, -1 };
};

// One GET, with a bounded wait; the raw HTTP response.
inline QByteArray httpGet(const QString &host, quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(2000))
        response += socket.readAll();
    return response;
}

} // namespace ssescope::test
