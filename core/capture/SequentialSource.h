#pragma once

#include <QByteArray>
#include <QIODevice>

namespace ssescope {

// Makes a sequential device (a pipe, a FIFO, a socket) readable to its end
// by code that loops on atEnd(): a pipe says "at end" whenever nothing is
// buffered yet. Here atEnd() waits for data, and is true only at end of file.
class SequentialSource final : public QIODevice
{
    Q_OBJECT
public:
    explicit SequentialSource(QIODevice *source, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SequentialSource)

    bool isSequential() const override { return true; }
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    // Blocks until some data or the end; false at the end (or on an error).
    bool fill() const;

    QIODevice *m_source;
    mutable QByteArray m_pending;
    mutable qsizetype m_pendingAt = 0;
    mutable bool m_ended = false;
};

} // namespace ssescope
