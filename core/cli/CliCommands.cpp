#include "CliCommands.h"

#include "cli/CliOutput.h"
#include "stats/LogHistogram.h"

#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

void printError(const QString &message)
{
    const QByteArray text = "ssescope-cli: " + message.toUtf8() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
}

void reportReadError(const QString &file, const CaptureReadError &error)
{
    printError(u"%1:%2: %3 (skipped)"_s.arg(file).arg(error.line).arg(error.message));
}

// Whether both name one file, through symlinks and hard links alike.
bool sameFile(const QString &a, const QString &b)
{
    if (a == u"-" || b == u"-")
        return false;
    struct stat sa
    {
    };
    struct stat sb
    {
    };
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0
        && ::stat(QFile::encodeName(b).constData(), &sb) == 0 && sa.st_dev == sb.st_dev
        && sa.st_ino == sb.st_ino;
}

// A new or regular file is replaced whole, only once all of it is written;
// standard output, devices and FIFOs are written in place.
bool writesInPlace(const QString &path)
{
    // /dev/stdout and the like may resolve to a regular file; never swap
    // another file in for them.
    if (path == u"-" || path.startsWith(u"/dev/"_s) || path.startsWith(u"/proc/"_s))
        return true;
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && !S_ISREG(st.st_mode);
}

bool openInput(QFile &file, const QString &path)
{
    file.setFileName(path);
    const bool ok = path == u"-" ? file.open(STDIN_FILENO, QIODevice::ReadOnly)
                                 : file.open(QIODevice::ReadOnly);
    if (!ok)
        printError(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return ok;
}

struct Summary
{
    quint64 events = 0;
    quint64 bytes = 0;
    quint64 comments = 0;
    quint64 chunks = 0;
    quint64 maxEventsPerChunk = 0;
    quint64 eventsInChunk = 0;
    quint64 lastChunk = 0;
    bool haveChunk = false;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    qint64 previousNs = -1;
    LogHistogram gapsUs;
    LogHistogram latencyUs;
    quint64 latencyMissing = 0;

    void add(const CaptureRecord &r)
    {
        if (events == 0 || r.monoNs < firstNs)
            firstNs = r.monoNs;
        lastNs = std::max(lastNs, r.monoNs);
        ++events;
        bytes += r.bytes;
        if (!haveChunk || r.chunk != lastChunk) {
            ++chunks;
            lastChunk = r.chunk;
            haveChunk = true;
            eventsInChunk = 0;
        }
        maxEventsPerChunk = std::max(maxEventsPerChunk, ++eventsInChunk);
        if (previousNs >= 0)
            gapsUs.add(double(std::max<qint64>(0, r.monoNs - previousNs)) / 1e3);
        previousNs = r.monoNs;
        if (r.latencyMs)
            latencyUs.add(*r.latencyMs * 1e3);
        else
            ++latencyMissing;
    }
};

QByteArray cell(double value, int width, int decimals = 1)
{
    if (std::isnan(value))
        return QByteArray(width - 1, ' ') + '-';
    return QByteArray::number(value, 'f', decimals).rightJustified(width, ' ');
}

} // namespace

int runStats(const StatsOptions &options)
{
    QFile file;
    if (!openInput(file, options.input))
        return ExitIo;
    std::map<QByteArray, Summary> streams;
    Summary total;
    int corrupt = 0;
    QString fatal;
    const bool ok = readCapture(
        *options.format, &file,
        [&](CaptureRecord &&r) {
            Summary &s = streams[r.stream];
            if (r.kind == CaptureRecordView::Kind::Comment) {
                ++s.comments;
                ++total.comments;
                return;
            }
            s.add(r);
            total.add(r);
        },
        [&](const CaptureReadError &e) {
            ++corrupt;
            reportReadError(options.input, e);
        },
        &fatal);
    if (!ok) {
        printError(u"cannot read %1: %2"_s.arg(options.input, fatal));
        return ExitIo;
    }
    QByteArray out = "stream               events      bytes   seconds    ev/s  ev/chunk  "
                     "max/chunk  gap p50  gap p99  gap max"
                     "  lat p50  lat p90  lat p99  lat max  comments\n";
    const auto row = [&](const QByteArray &name, const Summary &s) {
        const double seconds = double(s.lastNs - s.firstNs) / 1e9;
        const auto q = [](const LogHistogram &h, double quantile) {
            return h.count() ? h.quantile(quantile) / 1e3
                             : std::numeric_limits<double>::quiet_NaN();
        };
        out += name.left(20).leftJustified(20, ' ')
            + QByteArray::number(s.events).rightJustified(7, ' ')
            + QByteArray::number(s.bytes).rightJustified(11, ' ') + cell(seconds, 10, 2)
            + cell(seconds > 0 ? double(s.events) / seconds : std::nan(""), 8)
            + cell(s.chunks ? double(s.events) / double(s.chunks) : std::nan(""), 10, 2)
            + QByteArray::number(s.maxEventsPerChunk).rightJustified(11, ' ')
            + cell(q(s.gapsUs, 0.5), 9) + cell(q(s.gapsUs, 0.99), 9) + cell(q(s.gapsUs, 1.0), 9)
            + cell(q(s.latencyUs, 0.5), 9) + cell(q(s.latencyUs, 0.9), 9)
            + cell(q(s.latencyUs, 0.99), 9) + cell(q(s.latencyUs, 1.0), 9)
            + QByteArray::number(s.comments).rightJustified(10, ' ') + '\n';
    };
    for (const auto &[name, summary] : streams)
        row(name, summary);
    if (streams.size() > 1)
        row("(all)", total);
    out += "Times in ms; quantiles from histograms accurate to 6.25%. gap = time between events of "
           "a stream.\n";
    // SIGPIPE is ignored: a reader that went away is an error to report.
    if (std::fwrite(out.constData(), 1, size_t(out.size()), stdout) != size_t(out.size())
        || std::fflush(stdout) != 0) {
        printError(u"cannot write standard output: %1"_s.arg(
            QString::fromLocal8Bit(std::strerror(errno))));
        return ExitIo;
    }
    return corrupt ? ExitIo : ExitOk;
}

int runConvert(const ConvertOptions &options)
{
    // Opening the output would truncate the input before it is read.
    if (sameFile(options.input, options.output)) {
        printError(u"%1 and %2 are the same file: convert into another one"_s.arg(
            options.input, options.output));
        return ExitUsage;
    }
    QFile in;
    if (!openInput(in, options.input))
        return ExitIo;
    CliOutput direct;
    QSaveFile whole;
    const bool inPlace = writesInPlace(options.output);
    whole.setFileName(options.output);
    QIODevice *out = inPlace ? static_cast<QIODevice *>(&direct) : &whole;
    if (!(inPlace ? direct.openPath(options.output) : whole.open(QIODevice::WriteOnly))) {
        printError(u"cannot write %1: %2"_s.arg(options.output, out->errorString()));
        return ExitIo;
    }
    auto writer = CaptureWriter::create(*options.to, out);
    int corrupt = 0;
    QString fatal;
    const bool ok = readCapture(
        *options.from, &in,
        [&](CaptureRecord &&r) {
            if (!writer->hasError())
                writer->write(r.view());
        },
        [&](const CaptureReadError &e) {
            ++corrupt;
            reportReadError(options.input, e);
        },
        &fatal);
    const bool written = writer->flush() && ok;
    const bool committed = inPlace ? direct.finish() : (written ? whole.commit() : false);
    if (!written || !committed) {
        if (!inPlace)
            whole.cancelWriting();
        if (!ok)
            printError(u"cannot read %1: %2"_s.arg(options.input, fatal));
        else
            printError(u"cannot write %1: %2"_s.arg(
                options.output, writer->hasError() ? writer->errorString() : out->errorString()));
        return ExitIo;
    }
    return corrupt ? ExitIo : ExitOk;
}

} // namespace ssescope::cli
