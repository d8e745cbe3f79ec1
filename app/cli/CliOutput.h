#pragma once

#include <QIODevice>

#include <atomic>

namespace ssescope::cli {

// The live CLI's output: standard output or a file, written with plain
// write(2) so that every error is seen, and so that a write blocked on a
// reader that never reads can be abandoned: once abandon() is called, an
// interrupted or later write fails instead of blocking (see CliEventWriter).
class CliOutput final : public QIODevice
{
    Q_OBJECT
public:
    explicit CliOutput(QObject *parent = nullptr);
    ~CliOutput() override;
    Q_DISABLE_COPY_MOVE(CliOutput)

    // Empty or "-" = standard output. False with errorString() set.
    bool openPath(const QString &path);
    // Closes a file and reports what close(2) says (NFS and quotas report late).
    bool finish();
    void abandon() { m_abandoned.store(true); }
    // Bytes the output took so far, from any thread: whether it makes progress.
    qint64 bytesWritten() const { return m_bytesWritten.load(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    int m_fd = -1;
    bool m_ownsFd = false;
    std::atomic<bool> m_abandoned { false };
    std::atomic<qint64> m_bytesWritten { 0 };
};

// "ssescope-cli: MESSAGE" on stderr, for the subcommands' errors.
void printError(const QString &message);

} // namespace ssescope::cli
