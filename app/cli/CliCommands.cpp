#include "CliCommands.h"

#include "core/capture/CaptureIO.h"
#include "core/capture/OutputTarget.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliTokenTable.h"
#include "app/cli/TableCell.h"
#include "core/pipeline/CaptureMeasurer.h"

#include <QCoreApplication>
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

void reportReadError(const QString &file, const CaptureReadError &error)
{
    printError(QCoreApplication::translate("CliCommands", "%1:%2: %3 (skipped)")
                   .arg(file)
                   .arg(error.line)
                   .arg(error.message));
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

bool openInput(QFile &file, const QString &path)
{
    file.setFileName(path);
    const bool ok = path == u"-" ? file.open(STDIN_FILENO, QIODevice::ReadOnly)
                                 : file.open(QIODevice::ReadOnly);
    if (!ok)
        printError(QCoreApplication::translate("CliCommands", "cannot read %1: %2")
                       .arg(path, file.errorString()));
    return ok;
}

} // namespace

int runStats(const StatsOptions &options)
{
    QFile file;
    if (!openInput(file, options.input))
        return ExitIo;
    // Measured as a live capture is (CaptureMeasurer), with whole-capture histograms.
    CaptureMeasurer measurer(true);
    std::map<QByteArray, StreamId> streams; // by name, as the table lists them
    int corrupt = 0;
    QString fatal;
    const bool ok = readCapture(
        *options.format, &file,
        [&](CaptureRecord &&r) {
            const auto [entry, added] = streams.try_emplace(r.stream, StreamId(streams.size() + 1));
            if (added && options.tokens.isEnabled())
                measurer.setTokenStream(entry->second, options.tokens);
            measurer.measureRecord(entry->second, r.view());
        },
        [&](const CaptureReadError &e) {
            ++corrupt;
            reportReadError(options.input, e);
        },
        &fatal);
    if (!ok) {
        printError(QCoreApplication::translate("CliCommands", "cannot read %1: %2")
                       .arg(options.input, fatal));
        return ExitIo;
    }
    QByteArray out = "stream               events      bytes   seconds    ev/s  ev/chunk  "
                     "max/chunk  gap p50  gap p99  gap max"
                     "  lat p50  lat p90  lat p99  lat max  comments    gaps    dups\n";
    const auto row = [&](const QByteArray &name, const StreamStats &s) {
        const StatsTotals &t = s.totals();
        const LifetimeStats &l = *s.lifetime();
        const double seconds = double(t.lastNs - t.firstNs) / 1e9;
        const auto q = [](const LogHistogram &h, double quantile) {
            return h.count() ? h.quantile(quantile) / 1e3
                             : std::numeric_limits<double>::quiet_NaN();
        };
        out += name.left(20).leftJustified(20, ' ') + tableCell(t.events, 7)
            + tableCell(t.bytes, 11) + tableCell(seconds, 10, 2)
            + tableCell(seconds > 0 ? double(t.events) / seconds : std::nan(""), 8, 1)
            + tableCell(t.chunks ? double(t.events) / double(t.chunks) : std::nan(""), 10, 2)
            + tableCell(l.maxEventsPerChunk, 11) + tableCell(q(l.interArrivalUs, 0.5), 9, 1)
            + tableCell(q(l.interArrivalUs, 0.99), 9, 1) + tableCell(q(l.interArrivalUs, 1.0), 9, 1)
            + tableCell(q(l.latencyUs, 0.5), 9, 1) + tableCell(q(l.latencyUs, 0.9), 9, 1)
            + tableCell(q(l.latencyUs, 0.99), 9, 1) + tableCell(q(l.latencyUs, 1.0), 9, 1)
            + tableCell(t.comments, 10) + idCells(t) + '\n';
    };
    for (const auto &[name, stream] : streams)
        row(name, *measurer.stats().find(stream));
    if (streams.size() > 1)
        row("(all)", measurer.stats().total());
    out += "Times in ms; quantiles from histograms accurate to 6.25%. gap = time between events of "
           "a stream.\n"
           "gaps, dups = event ids skipped and seen again, where ids count up (- where they do "
           "not).\n";
    QList<QPair<StreamId, QByteArray>> tokenStreams;
    for (const auto &[name, stream] : streams)
        tokenStreams.append({ stream, name });
    out += tokenTable(measurer.stats(), tokenStreams);
    // SIGPIPE is ignored: a reader that went away is an error to report.
    if (std::fwrite(out.constData(), 1, size_t(out.size()), stdout) != size_t(out.size())
        || std::fflush(stdout) != 0) {
        printError(QCoreApplication::translate("CliCommands", "cannot write standard output: %1")
                       .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return ExitIo;
    }
    return corrupt ? ExitIo : ExitOk;
}

int runConvert(const ConvertOptions &options)
{
    // Opening the output would truncate the input before it is read.
    if (sameFile(options.input, options.output)) {
        printError(QCoreApplication::translate(
            "CliCommands", "%1 and %2 are the same file: convert into another one")
                       .arg(options.input, options.output));
        return ExitUsage;
    }
    QFile in;
    if (!openInput(in, options.input))
        return ExitIo;
    CliOutput direct;
    QSaveFile whole;
    const OutputKind kind = outputKind(options.output);
    if (kind == OutputKind::Refused) {
        printError(outputRefusal(options.output));
        return ExitIo;
    }
    const bool inPlace = kind == OutputKind::WriteThrough;
    whole.setFileName(options.output);
    QIODevice *out = inPlace ? static_cast<QIODevice *>(&direct) : &whole;
    if (!(inPlace ? direct.openPath(options.output) : whole.open(QIODevice::WriteOnly))) {
        printError(QCoreApplication::translate("CliCommands", "cannot write %1: %2")
                       .arg(options.output, out->errorString()));
        return ExitIo;
    }
    int corrupt = 0;
    const ConvertResult converted = convertCapture(
        *options.from, &in, *options.to, out,
        [&](const CaptureReadError &e) {
            ++corrupt;
            reportReadError(options.input, e);
        },
        WriterOptions { options.columns, nullptr });
    const bool written = converted.readOk && converted.writeError.isEmpty();
    QString commitError;
    const bool committed
        = inPlace ? direct.finish() : (written && commitSaveFile(whole, &commitError));
    if (!written || !committed) {
        if (!inPlace)
            whole.cancelWriting();
        if (!converted.readOk)
            printError(QCoreApplication::translate("CliCommands", "cannot read %1: %2")
                           .arg(options.input, converted.readError));
        else
            printError(QCoreApplication::translate("CliCommands", "cannot write %1: %2")
                           .arg(options.output,
                               !converted.writeError.isEmpty() ? converted.writeError
                                   : !commitError.isEmpty()    ? commitError
                                                               : out->errorString()));
        return ExitIo;
    }
    return corrupt ? ExitIo : ExitOk;
}

} // namespace ssescope::cli
