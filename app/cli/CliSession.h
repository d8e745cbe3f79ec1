#pragma once

#include "core/capture/CaptureFormat.h"
#include "app/cli/CliEventWriter.h"
#include "app/cli/CliExpectations.h"
#include "app/cli/CliOptions.h"
#include "app/cli/CliOutput.h"
#include "core/latency/LatencyExtractor.h"
#include "core/session/CaptureSession.h"
#include "core/stats/CaptureStats.h"

#include <QHash>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace ssescope {
class MetricsServer;
}

namespace ssescope::cli {

// One run of ssescope-cli: drives the capture session the dashboard drives
// too (core/session/CaptureSession: the streams, their names and states),
// has CliEventWriter write every event as it is parsed instead of storing
// it, reports states and errors on stderr as JSON Lines, serves metrics,
// takes commands on stdin, and ends by itself.
class CliSession final : public QObject
{
    Q_OBJECT
public:
    explicit CliSession(RunOptions options, QObject *parent = nullptr);
    ~CliSession() override;
    Q_DISABLE_COPY_MOVE(CliSession)

    // False if it cannot start (output not writable, metrics port taken);
    // the reason is on stderr and exitCode() says why.
    bool start();
    int exitCode() const { return m_exitCode; }

    // Ends the run: SIGINT/SIGTERM, "quit", limits. Remaining events are
    // written while the output takes them; promptly, for at most a second.
    // The reason ends stderr: {"kind":"end","reason":...,"exit_code":N}.
    void finish(const QString &reason, bool promptly = false);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleBatch(const EventBatchPtr &batch);
    void handleStatus(StreamId stream, const SubscriptionStatus &status);
    QByteArray streamName(StreamId stream) const; // UTF-8, as written
    StreamId streamNamed(const QString &name) const;
    void handleStreamError(StreamId stream, const QString &message);
    void handleLatencyDetected(StreamId stream, const LatencyDetection &detection);
    void handleStdin();
    void printStats();
    void printStatsTable(CaptureStats &all, const QList<CliEventWriter::PairStats> &pairs);
    void writeStderrJson(const QByteArray &line);
    void writeStderrError(const QString &message);
    void reportOutputFailure();
    QByteArray metricsText();
    // --expect-*: judges what can be judged; final at --within or the end.
    void judgeExpectations(bool final);
    void reportExpectations();
    QByteArray tokenTable(const CaptureStats &all) const;

    RunOptions m_options;
    CaptureSession m_session;
    CliOutput m_output;
    std::unique_ptr<CliEventWriter> m_events;
    std::unique_ptr<QSocketNotifier> m_stdinNotifier;
    QByteArray m_stdinBuffer;
    QTimer m_durationTimer;
    QTimer m_statsTimer;
    std::unique_ptr<CliExpectations> m_expectations;
    QTimer m_expectTimer; // judges expectations while the run goes on
    QTimer m_withinTimer;
    qint64 m_startNs = 0;
    QHash<StreamId, qint64> m_endedNs; // streams closed or failed for good, since when
    MetricsServer *m_metrics = nullptr;
    bool m_finishing = false;
    QString m_finishReason; // said on stderr as the run's last line
    bool m_anyFailed = false;
    bool m_outputFailureReported = false;
    int m_exitCode = ExitOk;
    QHash<StreamId, quint64> m_endsSeen; // connection ends already written, per stream
};

} // namespace ssescope::cli
