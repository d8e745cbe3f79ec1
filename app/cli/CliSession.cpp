#include "CliSession.h"

#include "app/cli/CliTokenTable.h"
#include "app/cli/TableCell.h"
#include "core/stats/RateSeries.h"
#include "core/common/Clock.h"
#include "core/common/JsonWriter.h"
#include "core/common/TimeValue.h"
#include "core/metrics/MetricsServer.h"
#include "core/metrics/PrometheusText.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

CliSession::CliSession(RunOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_session(EventStoreLimits {}, this)
    , m_output(this)
{
    connect(&m_session, &CaptureSession::batchReceived, this, &CliSession::handleBatch);
    connect(&m_session, &CaptureSession::streamStateChanged, this, &CliSession::handleStatus);
    connect(&m_session, &CaptureSession::streamErrorReported, this, &CliSession::handleStreamError);
    connect(&m_session, &CaptureSession::streamLatencyDetected, this,
        &CliSession::handleLatencyDetected);
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, [this] { finish(u"duration"_s, true); });
    connect(&m_statsTimer, &QTimer::timeout, this, &CliSession::printStats);
    m_withinTimer.setSingleShot(true);
    // The final judgement comes in finish(), once every event received is
    // measured: the report and the capture then hold the same events.
    connect(&m_withinTimer, &QTimer::timeout, this, [this] { finish(u"within"_s, true); });
    connect(&m_expectTimer, &QTimer::timeout, this, [this] { judgeExpectations(false); });
}

CliSession::~CliSession()
{
    // Streams first: their consumer, m_events, is destroyed before m_session.
    m_session.stopAll();
}

bool CliSession::start()
{
    if (!m_output.openPath(m_options.output)) {
        writeStderrError(QCoreApplication::translate("CliSession", "cannot write %1: %2")
                             .arg(m_options.output, m_output.errorString()));
        m_exitCode = ExitIo;
        return false;
    }
    CliEventWriter::Settings settings;
    settings.format = m_options.format;
    settings.columns = m_options.columns;
    settings.comments = m_options.comments;
    settings.maxEvents = m_options.maxEvents;
    settings.keepStats = m_options.statsIntervalS > 0 || !m_options.metricsAddress.isEmpty()
        || m_options.expect.any();
    settings.wholeRun = m_options.expect.any(); // p99 latency over the whole run
    m_events = std::make_unique<CliEventWriter>(settings, &m_output);
    m_events->setStopRequest([this] {
        QMetaObject::invokeMethod(
            this,
            [this] {
                const bool failed = m_events->outputFailed();
                if (failed)
                    reportOutputFailure();
                finish(failed ? u"output failed"_s : u"max events"_s);
            },
            Qt::QueuedConnection);
    });
    // Events are written as they come, not stored: the session's store stays empty.
    m_session.setDirectConsumer(m_events.get());
    if (!m_options.metricsAddress.isEmpty()) {
        m_metrics = new MetricsServer([this] { return metricsText(); }, this);
        if (!m_metrics->listen(m_options.metricsAddress, m_options.metricsPublic)) {
            writeStderrError(m_metrics->errorString());
            m_exitCode = ExitUsage;
            return false;
        }
        writeStderrJson(JsonObjectWriter()
                            .string("kind", "metrics")
                            .string("url", m_metrics->url().toUtf8())
                            .take());
    }

    m_events->configure([this] {
        for (SubscriptionConfig config : std::as_const(m_options.subscriptions)) {
            // Measured on the network thread, as the dashboard's subscriptions are.
            config.latency = m_options.latency;
            const StreamId id = m_session.addStream(config);
            m_events->addStream(id, config.name.toUtf8());
            m_events->setTokenStream(id, config.tokens);
        }
        for (const auto &[a, b] : std::as_const(m_options.pairs))
            m_events->addPair(streamNamed(a), streamNamed(b));
    });
    if (m_options.expect.any()) {
        m_expectations = std::make_unique<CliExpectations>(m_options.expect);
        // Streams have not delivered yet: the writer thread waits for configure().
        m_events->withMeasurer([this](CaptureMeasurer *measurer) {
            if (measurer)
                m_expectations->addWatches(*measurer);
        });
    }

    // Commands on stdin. Its end (a closed pipe, /dev/null under cron or a
    // service manager) is not a command: the run goes on.
    m_stdinNotifier = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
    connect(m_stdinNotifier.get(), &QSocketNotifier::activated, this, &CliSession::handleStdin);

    // CliOptions keeps both within a timer's range.
    if (m_options.durationS > 0)
        m_durationTimer.start(std::chrono::milliseconds(qint64(m_options.durationS * 1000)));
    if (m_options.statsIntervalS > 0)
        m_statsTimer.start(std::chrono::milliseconds(qint64(m_options.statsIntervalS * 1000)));
    m_startNs = steadyNowNs();
    if (m_expectations) {
        m_withinTimer.start(std::chrono::milliseconds(qint64(m_options.expect.withinS * 1000)));
        m_expectTimer.start(std::chrono::milliseconds(50));
    }
    return true;
}

void CliSession::handleStdin()
{
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        m_stdinNotifier->setEnabled(false);
        return;
    }
    m_stdinBuffer.append(buffer, n);
    qsizetype lf;
    while ((lf = m_stdinBuffer.indexOf('\n')) >= 0) {
        const QByteArray command = m_stdinBuffer.left(lf).trimmed();
        m_stdinBuffer.remove(0, lf + 1);
        if (command == "restart") {
            m_session.restartAll();
        } else if (command == "quit") {
            finish(u"quit"_s, true);
            return;
        } else if (!command.isEmpty()) {
            writeStderrError(QCoreApplication::translate(
                "CliSession", "unknown command \"%1\": use restart or quit")
                                 .arg(QString::fromUtf8(command)));
        }
    }
}

void CliSession::handleBatch(const EventBatchPtr &batch)
{
    // Events go straight to CliEventWriter; batches bring the counters.
    m_events->applyCounters(batch->counters);
}

QByteArray CliSession::streamName(StreamId stream) const
{
    return m_session.streamName(stream).toUtf8();
}

// CliOptions makes names unique and checks that --pair names given streams.
StreamId CliSession::streamNamed(const QString &name) const
{
    for (StreamId stream : m_session.streams()) {
        if (m_session.streamName(stream) == name)
            return stream;
    }
    return 0;
}

void CliSession::handleStatus(StreamId stream, const SubscriptionStatus &status)
{
    JsonObjectWriter line;
    line.string("kind", "state")
        .string("stream", streamName(stream))
        .string("state", stateName(status.state).toUtf8());
    if (status.httpStatus)
        line.number("http_status", status.httpStatus);
    if (!status.protocol.isEmpty())
        line.string("protocol", status.protocol);
    if (status.state == SubscriptionState::Waiting)
        line.number("retry_in_ms", status.retryInMs).number("attempt", status.attempt);
    // The end of a connection, on the record of the state it led to: core
    // counts every end, so a new one shows as a higher total.
    quint64 ends = 0;
    for (const quint64 count : status.ends)
        ends += count;
    if (ends > m_endsSeen.value(stream)) {
        m_endsSeen.insert(stream, ends);
        line.string("end", streamEndName(status.end).toUtf8());
        if (!status.diagnosis.isEmpty())
            line.string("diagnosis", status.diagnosis.toUtf8());
    }
    writeStderrJson(line.string("message", status.message.toUtf8()).take());

    // The spec "fails" the connection on any status but 200, 204 included.
    const bool failed = status.state == SubscriptionState::Failed
        || (status.state == SubscriptionState::Closed && status.httpStatus == 204);
    if (failed) {
        m_anyFailed = true;
        handleStreamError(stream, status.message);
    }
    if (isFinal(status.state) && !m_endedNs.contains(stream))
        m_endedNs.insert(stream, steadyNowNs());
    if (m_finishing)
        return;
    for (StreamId other : m_session.streams()) {
        if (!isFinal(m_session.status(other).state))
            return;
    }
    finish(u"all streams ended"_s);
}

// Only with --latency auto: what the stream's latency is read from, once.
void CliSession::handleLatencyDetected(StreamId stream, const LatencyDetection &detection)
{
    JsonObjectWriter line;
    line.string("kind", "latency").string("stream", streamName(stream));
    if (detection.state == LatencyDetection::State::Found) {
        line.string("source", detection.config.toSpec().toUtf8())
            .string("unit", detection.config.toJson().value(u"unit"_s).toString().toUtf8());
    } else {
        line.string("source", "none");
    }
    writeStderrJson(line.take());
}

void CliSession::handleStreamError(StreamId stream, const QString &message)
{
    writeStderrJson(JsonObjectWriter()
                        .string("kind", "error")
                        .string("stream", streamName(stream))
                        .string("message", message.toUtf8())
                        .take());
}

void CliSession::finish(const QString &reason, bool promptly)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_finishReason = reason;
    m_durationTimer.stop();
    m_statsTimer.stop();
    m_withinTimer.stop();
    m_expectTimer.stop();
    if (m_stdinNotifier)
        m_stdinNotifier->setEnabled(false);
    // The writer lets go of the network thread first: it may be waiting for a
    // frame that an output nobody reads would never free.
    if (m_events)
        m_events->stopAccepting();
    // Once stopped, no stream writes any more; what is buffered goes out,
    // unless the output accepts nothing for a while.
    m_session.stopAll();
    m_session.flush();
    // A signal, --duration or quit ends the run within 2 s whatever the
    // output's reader does; otherwise only a reader that takes nothing for
    // a second is given up on.
    const bool written = !m_events || m_events->flush(1000, promptly ? 1000 : -1);
    const bool closed = m_output.finish();
    if (!written || !closed) {
        reportOutputFailure();
        m_exitCode = ExitIo;
    }
    if (m_options.statsIntervalS > 0)
        printStats();
    if (m_exitCode == ExitOk && m_anyFailed)
        m_exitCode = ExitStreamFailed;
    if (m_expectations) {
        judgeExpectations(true); // everything is measured now
        reportExpectations();
    }
    // Queued, so that a caller inside a signal handler chain unwinds first.
    // The last line, after the streams' final states (queued before this):
    // why the run ended, which the exit code alone does not say.
    QMetaObject::invokeMethod(
        this,
        [this] {
            writeStderrJson(JsonObjectWriter()
                                .string("kind", "end")
                                .string("reason", m_finishReason.toUtf8())
                                .number("exit_code", m_exitCode)
                                .take());
            Q_EMIT finished(m_exitCode);
        },
        Qt::QueuedConnection);
}

void CliSession::printStats()
{
    m_events->withStats([this](CaptureStats *stats, const QList<CliEventWriter::PairStats> &pairs) {
        if (stats)
            printStatsTable(*stats, pairs);
    });
}

void CliSession::printStatsTable(CaptureStats &all, const QList<CliEventWriter::PairStats> &pairs)
{
    const qint64 now = steadyNowNs();
    // ev/s is the window's figure (core RateSeries): 10 s, or 60 s for a
    // stream whose bursts come more than 2 s apart, marked '*', so a stream
    // behind a buffering proxy reads its average, never 0 between bursts.
    QByteArray out
        = "stream               state          ev/s  ev/s 10s     MB/s  ev/chunk  gap "
          "p50  gap p99  lat p50  lat p99    events reconn errors  up s    gaps    dups\n";
    const auto row = [&](const QByteArray &name, const QByteArray &state,
                         const StreamStats &stats) {
        const RateReading rate = currentRate(stats, now);
        const WindowStats ten = stats.window(10, now);
        const StatsTotals &t = stats.totals();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        out += name.left(20).leftJustified(20, ' ') + ' ' + state.leftJustified(10, ' ')
            + tableCell(rate.eventsPerSecond, 11, 1) + (rate.windowNs > kRateWindowNs ? '*' : ' ')
            + tableCell(ten.eventsPerSecond, 9, 1) + tableCell(ten.bytesPerSecond / 1e6, 9, 3)
            + tableCell(ten.eventsPerChunk, 10, 2)
            + tableCell(ten.interArrivalMs.count ? ten.interArrivalMs.p50 : nan, 9, 1)
            + tableCell(ten.interArrivalMs.count ? ten.interArrivalMs.p99 : nan, 9, 1)
            + tableCell(ten.latencyMs.count ? ten.latencyMs.p50 : nan, 9, 1)
            + tableCell(ten.latencyMs.count ? ten.latencyMs.p99 : nan, 9, 1)
            + tableCell(t.events, 10) + tableCell(t.reconnections, 7) + tableCell(t.errors, 7)
            + tableCell(double(t.uptimeNs) / 1e9, 6, 0) + idCells(t) + '\n';
    };
    for (StreamId stream : m_session.streams())
        row(streamName(stream), stateName(m_session.status(stream).state).toLatin1(),
            all.stream(stream));
    if (m_session.streams().size() > 1)
        row("(all)", "", all.total());
    // A route pair: its "events" are matches, its "latency" B's delay after A.
    for (const CliEventWriter::PairStats &pair : pairs)
        row(streamName(pair.a) + '>' + streamName(pair.b), "pair", *pair.delays);
    out += tokenTable(all);
    std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
    std::fflush(stderr);
}

QByteArray CliSession::tokenTable(const CaptureStats &all) const
{
    QList<QPair<StreamId, QByteArray>> streams;
    for (StreamId stream : m_session.streams())
        streams.append({ stream, streamName(stream) });
    return cli::tokenTable(all, streams);
}

QByteArray CliSession::metricsText()
{
    QByteArray text;
    m_events->withStats([&](CaptureStats *stats, const QList<CliEventWriter::PairStats> &pairs) {
        QList<RouteMetricsInput> routes;
        for (const CliEventWriter::PairStats &pair : pairs) {
            routes.append(
                RouteMetricsInput { m_session.streamName(pair.a), m_session.streamName(pair.b),
                    pair.matcher->matched(), pair.matcher->forgotten(), pair.delays });
        }
        QList<StreamMetricsInput> inputs;
        for (StreamId stream : m_session.streams()) {
            inputs.append(StreamMetricsInput { m_session.streamName(stream),
                // Never the password: scrapes are stored and shown widely.
                displayUrl(m_session.config(stream).url), m_session.status(stream).state,
                stats ? stats->find(stream) : nullptr, stats ? stats->findTokens(stream) : nullptr,
                m_session.status(stream).ends });
        }
        text = renderPrometheusText(inputs, steadyNowNs(), routes);
    });
    return text;
}

void CliSession::reportOutputFailure()
{
    if (m_outputFailureReported)
        return;
    m_outputFailureReported = true;
    m_exitCode = ExitIo;
    QString message = QCoreApplication::translate("CliSession", "cannot write %1: %2")
                          .arg(m_options.output.isEmpty() || m_options.output == u"-"
                                  ? QCoreApplication::translate("CliSession", "standard output")
                                  : m_options.output,
                              m_events && m_events->outputFailed() ? m_events->errorString()
                                                                   : m_output.errorString());
    if (m_events && m_events->unwritten() > 0)
        message += u"; %1 events received were not written"_s.arg(m_events->unwritten());
    writeStderrError(message);
}

void CliSession::writeStderrError(const QString &message)
{
    writeStderrJson(
        JsonObjectWriter().string("kind", "error").string("message", message.toUtf8()).take());
}

void CliSession::writeStderrJson(const QByteArray &line)
{
    const QByteArray text = line + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
}

void CliSession::judgeExpectations(bool final)
{
    if (!m_expectations)
        return;
    const qint64 now = steadyNowNs();
    QList<CliExpectations::StreamInfo> streams;
    for (StreamId stream : m_session.streams()) {
        // Its last events may still be on their way to the writer thread:
        // an ended stream is over half a second after its final state.
        const auto ended = m_endedNs.constFind(stream);
        streams.append({ stream, m_session.streamName(stream),
            ended != m_endedNs.cend() && now - *ended > 500'000'000 });
    }
    m_events->withMeasurer([&](CaptureMeasurer *measurer) {
        if (measurer)
            m_expectations->judge(*measurer, streams, m_startNs, now, final);
    });
    if (m_finishing || final)
        return;
    if (m_expectations->anyFailed())
        finish(u"expectation failed"_s, true);
    else if (m_expectations->allDecided())
        finish(u"expectations met"_s, true);
}

// One line per outcome on stderr, the JUnit report, and exit code 4 when
// one failed: it outranks a failed stream (1), not an I/O error (3).
void CliSession::reportExpectations()
{
    for (const CliExpectations::Outcome &o : m_expectations->outcomes()) {
        const char *verdict = o.verdict == CliExpectations::Verdict::Passed ? "passed" : "failed";
        writeStderrJson(JsonObjectWriter()
                            .string("kind", "expectation")
                            .string("stream", o.streamName.toUtf8())
                            .string("expectation", o.name.toUtf8())
                            .string("result", verdict)
                            .string("message", o.message.toUtf8())
                            .take());
    }
    if (!m_options.expect.junit.isEmpty()) {
        QString error;
        if (!m_expectations->writeJUnit(
                m_options.expect.junit, double(steadyNowNs() - m_startNs) / 1e9, &error)) {
            writeStderrError(QCoreApplication::translate("CliSession", "cannot write %1: %2")
                                 .arg(m_options.expect.junit, error));
            m_exitCode = ExitIo;
        }
    }
    if (m_expectations->anyFailed() && m_exitCode != ExitIo)
        m_exitCode = ExitExpectation;
}

} // namespace ssescope::cli
