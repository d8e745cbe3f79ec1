#pragma once

#include <QFile>
#include <QSaveFile>
#include <QString>

namespace ssescope {

// Where an export, a saved capture or a converted file goes decides how it
// is written: a new or regular file is replaced whole,
// only once all of it is written (QSaveFile); standard output ("-"), a
// device or a FIFO is written through and never replaced by a regular file;
// a folder is refused with a sentence. The CLI and the window share this.
enum class OutputKind {
    Replace, // new or regular file: write a temporary file, then rename it
    WriteThrough, // "-", /dev/*, /proc/*, a device, FIFO or socket
    Refused, // a folder: see outputRefusal()
};

OutputKind outputKind(const QString &path);
// Why a Refused path cannot be written to; empty for the others.
QString outputRefusal(const QString &path);

// Opens a device or FIFO for writing through: a FIFO with no reader fails at
// once ("no program is reading from this pipe") instead of blocking the
// caller until one comes. False with *error set.
bool openWriteThrough(QFile &file, const QString &path, QString *error);

// Captures, exports and workspaces can hold private URLs, bodies and events:
// a regular file this tool writes is owner-only (0600). A device or FIFO
// keeps its mode. fd is the open file's descriptor.
void restrictToOwner(int fd);

// Puts a QSaveFile's temporary file in place (owner-only), checking what QSaveFile::commit()
// does not: the flush of its write buffer (an output smaller than the buffer is
// first written here, so a full disk says so here and nowhere else) and the
// sync to disk. On any failure nothing is renamed, the temporary file is
// removed and *error says why (for example "No space left on device").
bool commitSaveFile(QSaveFile &file, QString *error);

// The window's (and tests') output file: a QSaveFile for a regular file, the
// path itself opened for writing for a device or FIFO. Standard output is the
// CLI's own (CliOutput) and not opened here.
class OutputFile final
{
public:
    explicit OutputFile(const QString &path);
    ~OutputFile();
    Q_DISABLE_COPY_MOVE(OutputFile)

    OutputKind kind() const { return m_kind; }
    // False with errorString() set: refused, or cannot be opened. A FIFO
    // with no reader is said so at once instead of blocking until one comes.
    bool open();
    QIODevice *device();
    // Everything is written: the regular file takes its place, a device is
    // flushed and closed. False with errorString() when any write failed
    // (ENOSPC from /dev/full, EPIPE from a reader that went away, EROFS…).
    bool commit();
    // Nothing takes the place of a regular file; a device is closed.
    void cancel();
    QString errorString() const { return m_error; }

private:
    QString m_path;
    OutputKind m_kind;
    QSaveFile m_whole;
    QFile m_through;
    QString m_error;
};

} // namespace ssescope
