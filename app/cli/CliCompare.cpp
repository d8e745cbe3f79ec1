#include "CliCompare.h"

#include "app/cli/CliCompareReport.h"
#include "app/cli/CliOutput.h"
#include "core/common/Clock.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryFile>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

// The capture is read twice (its streams must be known before the first
// event is compared), so standard input or a pipe is spooled to a file first.
bool openSeekable(const QString &path, QFile *file, QTemporaryFile *spool)
{
    if (path != u"-") {
        file->setFileName(path);
        if (file->open(QIODevice::ReadOnly) && !file->isSequential())
            return true;
        if (!file->isOpen()) {
            printError(QCoreApplication::translate("CliCompare", "cannot read %1: %2")
                           .arg(path, file->errorString()));
            return false;
        }
    } else if (!file->open(STDIN_FILENO, QIODevice::ReadOnly)) {
        printError(QCoreApplication::translate("CliCompare", "cannot read standard input: %1")
                       .arg(file->errorString()));
        return false;
    }
    if (!spool->open()) {
        printError(QCoreApplication::translate("CliCompare", "cannot spool %1: %2")
                       .arg(path, spool->errorString()));
        return false;
    }
    QByteArray block;
    for (;;) {
        block = file->read(1 << 20);
        if (block.isEmpty())
            break;
        if (spool->write(block) != block.size()) {
            printError(QCoreApplication::translate("CliCompare", "cannot spool %1: %2")
                           .arg(path, spool->errorString()));
            return false;
        }
    }
    return spool->seek(0);
}

} // namespace

int runCompareCapture(const CompareOptions &options)
{
    QFile file;
    QTemporaryFile spool;
    if (!openSeekable(options.capture, &file, &spool))
        return ExitIo;
    QIODevice *input = spool.isOpen() ? static_cast<QIODevice *>(&spool) : &file;
    const auto readFailed = [&](const QString &reason) {
        printError(QCoreApplication::translate("CliCompare", "cannot read %1: %2")
                       .arg(options.capture, reason));
        return ExitIo;
    };

    // Pass 1: the routes, in the order their streams first appear.
    QHash<QByteArray, StreamId> streams;
    std::vector<RouteSpec> specs;
    QString fatal;
    if (!readCapture(
            *options.format, input,
            [&](CaptureRecord &&r) {
                if (streams.contains(r.stream))
                    return;
                const StreamId id = StreamId(specs.size() + 1);
                streams.insert(r.stream, id);
                specs.push_back(RouteSpec { id, QString::fromUtf8(r.stream), false, 0 });
            },
            [](const CaptureReadError &) {}, &fatal))
        return readFailed(fatal);
    if (specs.empty()) {
        // An empty file or standard input: a report of no routes would read as success.
        printError(QCoreApplication::translate("CliCompare", "%1 holds no stream to compare")
                       .arg(options.capture == u"-"
                               ? QCoreApplication::translate("CliCompare", "standard input")
                               : options.capture));
        return ExitIo;
    }
    if (!input->seek(0))
        return readFailed(input->errorString());

    // Pass 2: measured as the live comparison is, through CaptureMeasurer.
    CaptureMeasurer measurer;
    measurer.startComparison(std::move(specs));
    int corrupt = 0;
    if (!readCapture(
            *options.format, input,
            [&](CaptureRecord &&r) { measurer.measureRecord(streams.value(r.stream), r.view()); },
            [&](const CaptureReadError &e) {
                ++corrupt;
                printError(QCoreApplication::translate("CliCompare", "%1:%2: %3 (skipped)")
                               .arg(options.capture)
                               .arg(e.line)
                               .arg(e.message));
            },
            &fatal))
        return readFailed(fatal);
    const RouteComparison &comparison = *measurer.comparison();
    // A capture has no clock of its own: "now" is its newest record.
    const int code = writeCompareReport(
        judgeRoutes(comparison.allFigures(comparison.lastActivityNs())), options.csv);
    return code != ExitOk ? code : (corrupt ? ExitIo : ExitOk);
}

CliCompare::CliCompare(CompareOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_manager(this)
    , m_durationTimer(this)
{
    connect(&m_manager, &StreamManager::eventsReceived, this, &CliCompare::handleBatch);
    connect(&m_manager, &StreamManager::statusChanged, this, &CliCompare::handleStatus);
    connect(&m_manager, &StreamManager::streamError, this, &CliCompare::handleStreamError);
    m_durationTimer.setSingleShot(true);
    // A coarse timer may fire 5% early: the stall threshold needs the full duration.
    m_durationTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_durationTimer, &QTimer::timeout, this, &CliCompare::finish);
}

CliCompare::~CliCompare()
{
    m_manager.stopAll();
}

void CliCompare::start()
{
    // Every route's stall clock starts now, when it is requested.
    const qint64 requestedNs = steadyNowNs();
    std::vector<RouteSpec> specs;
    for (SubscriptionConfig config : std::as_const(m_options.subscriptions)) {
        // Measured on the network thread, as the main run's streams are.
        config.latency = m_options.latency;
        const StreamId id = m_manager.addSubscription(config);
        m_streams.push_back(id);
        m_states.insert(id, SubscriptionState::Connecting);
        specs.push_back(RouteSpec { id, config.name, config.allowCompression, requestedNs });
    }
    m_measurer.startComparison(std::move(specs));
    // CliOptions keeps the duration above 0 and within a timer's range.
    m_durationTimer.start(
        std::chrono::milliseconds(qMax<qint64>(1, qint64(m_options.durationS * 1000))));
}

void CliCompare::handleBatch(const EventBatchPtr &batch)
{
    batch->forEachEvent([this](const SseEventView &event, std::optional<double> latencyMs,
                            const QByteArray *) { m_measurer.measure(event, latencyMs); });
    for (const SseComment &comment : batch->comments)
        m_measurer.measureComment(comment.stream, comment.arrivalSteadyNs);
    m_measurer.flush();
}

void CliCompare::handleStatus(StreamId stream, const SubscriptionStatus &status)
{
    m_measurer.applyStatus(stream, status, steadyNowNs());
    m_states.insert(stream, status.state);
    if (m_finishing)
        return;
    // Nothing more can arrive: the report need not wait for the duration.
    for (const SubscriptionState state : std::as_const(m_states)) {
        if (!isFinal(state))
            return;
    }
    finish();
}

void CliCompare::handleStreamError(StreamId stream, const QString &message)
{
    printError(m_manager.config(stream).name + u": "_s + message);
}

void CliCompare::finish()
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_durationTimer.stop();
    // The routes are judged as of now; stopping them is no state to report.
    const qint64 now = steadyNowNs();
    disconnect(&m_manager, &StreamManager::statusChanged, this, &CliCompare::handleStatus);
    disconnect(&m_manager, &StreamManager::streamError, this, &CliCompare::handleStreamError);
    m_manager.stopAll();
    m_manager.flush(); // events still in flight count too
    const RouteComparison &comparison = *m_measurer.comparison();
    const int code = writeCompareReport(judgeRoutes(comparison.allFigures(now)), m_options.csv);
    QMetaObject::invokeMethod(
        this, [this, code] { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

} // namespace ssescope::cli
