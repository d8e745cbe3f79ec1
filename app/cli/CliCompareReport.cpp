#include "CliCompareReport.h"

#include "app/cli/CliOptions.h"
#include "core/capture/OutputTarget.h"
#include "app/cli/CliOutput.h"
#include "app/cli/TableCell.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The figures use -1 (or a count of 0) for "nothing measured": a dash.
double orNan(double value)
{
    return value < 0 ? kNan : value;
}

double quantileOrNan(const Quantiles &q, double value)
{
    return q.count ? value : kNan;
}

bool writeStdout(const QByteArray &text)
{
    // SIGPIPE is ignored: a reader that went away is an error to report.
    if (std::fwrite(text.constData(), 1, size_t(text.size()), stdout) == size_t(text.size())
        && std::fflush(stdout) == 0)
        return true;
    printError(QCoreApplication::translate("CliCompare", "cannot write standard output: %1")
                   .arg(QString::fromLocal8Bit(std::strerror(errno))));
    return false;
}

// Names and sentences come from the command line, from a capture file or
// from a server (its status line): a newline would break the table, an
// escape sequence would drive the terminal. Written as visible escapes.
QString terminalText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = c.category() == QChar::Other_Control || u == 0x2028 || u == 0x2029
            || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069); // bidi overrides
        if (!control)
            out += c;
        else if (u == u'\n')
            out += u"\\n"_s;
        else if (u == u'\r')
            out += u"\\r"_s;
        else if (u == u'\t')
            out += u"\\t"_s;
        else
            out += (u < 0x100 ? u"\\x%1"_s.arg(uint(u), 2, 16, QChar(u'0'))
                              : u"\\u%1"_s.arg(uint(u), 4, 16, QChar(u'0')));
    }
    return out;
}

} // namespace

QByteArray compareReportText(const std::vector<RouteReport> &reports)
{
    QByteArray out;
    for (const RouteReport &report : reports)
        out += terminalText(verdictLine(report)).toUtf8() + '\n';
    out += '\n';

    // The name column fits the longest name, within reason.
    qsizetype nameWidth = 5;
    for (const RouteReport &report : reports)
        nameWidth = std::max(nameWidth, terminalText(report.figures.name).size());
    nameWidth = std::min<qsizetype>(nameWidth, 32);
    out += QString(u"route"_s).leftJustified(nameWidth, u' ').toUtf8()
        + "  verdict         events    reads  ev/read  max/read  B/read  ev/burst  period  lat p50 "
          " "
          "lat p99  delay p50  delay p99  response\n";
    for (const RouteReport &report : reports) {
        const RouteFigures &f = report.figures;
        out += terminalText(f.name).leftJustified(nameWidth, u' ', true).toUtf8() + "  "
            + verdictWord(report.verdict.kind).toUtf8().leftJustified(12, ' ')
            + tableCell(f.events, 9) + tableCell(f.reads, 9)
            + tableCell(f.reads ? f.eventsPerRead : kNan, 9, 1)
            + tableCell(f.reads ? f.maxEventsPerRead : kNan, 10, 0)
            + tableCell(f.reads ? f.bytesPerReadP50 : kNan, 8, 0)
            + tableCell(f.bursts ? f.eventsPerBurst : kNan, 10, 1)
            + tableCell(orNan(f.burstGapP50Ms), 8, 0)
            + tableCell(quantileOrNan(f.latencyMs, f.latencyMs.p50), 9, 1)
            + tableCell(quantileOrNan(f.latencyMs, f.latencyMs.p99), 9, 1)
            + tableCell(quantileOrNan(f.delayMs, f.delayMs.p50), 11, 1)
            + tableCell(quantileOrNan(f.delayMs, f.delayMs.p99), 11, 1)
            + tableCell(orNan(f.responseAfterMs), 10, 0) + '\n';
    }
    out += QCoreApplication::translate("CliCompare",
        "Times in ms; quantiles from histograms accurate to 6.25%. Per read: events and bytes "
        "(median) that arrived in one network read; a burst = reads within 2 ms of each other; "
        "period = median time from one burst to the next; "
        "lat = from send times in the events; delay = behind the fastest route for the same "
        "event (by id, else data); response = request to response headers.\n")
               .toUtf8();
    return out;
}

int writeCompareReport(const std::vector<RouteReport> &reports, const QString &csvPath)
{
    if (csvPath == u"-")
        return writeStdout(comparisonCsv(reports)) ? ExitOk : ExitIo;
    if (!writeStdout(compareReportText(reports)))
        return ExitIo;
    if (csvPath.isEmpty())
        return ExitOk;
    const QByteArray csv = comparisonCsv(reports);
    if (outputKind(csvPath) == OutputKind::Refused) {
        printError(outputRefusal(csvPath));
        return ExitIo;
    }
    if (outputKind(csvPath)
        == OutputKind::WriteThrough) { // a FIFO, /dev/stderr: never replaced by another file
        CliOutput direct;
        if (direct.openPath(csvPath) && direct.write(csv) == csv.size() && direct.finish())
            return ExitOk;
        printError(QCoreApplication::translate("CliCompare", "cannot write %1: %2")
                       .arg(csvPath, direct.errorString()));
        return ExitIo;
    }
    // Whole or not at all: a half-written figures file would mislead.
    QSaveFile file(csvPath);
    QString reason;
    if (file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size()
        && commitSaveFile(file, &reason))
        return ExitOk;
    printError(QCoreApplication::translate("CliCompare", "cannot write %1: %2")
                   .arg(csvPath, reason.isEmpty() ? file.errorString() : reason));
    return ExitIo;
}

} // namespace ssescope::cli
