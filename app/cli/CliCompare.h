#pragma once

#include "app/cli/CliOptions.h"
#include "core/net/StreamManager.h"
#include "core/pipeline/CaptureMeasurer.h"

#include <QObject>
#include <QTimer>

#include <vector>

namespace ssescope::cli {

// "ssescope-cli compare CAPTURE": each stream of a saved capture is a route,
// judged as of its last record. Prints the report; returns the exit code.
int runCompareCapture(const CompareOptions &options);

// "ssescope-cli compare NAME=URL ...": subscribes to every route through the
// core, measures what arrives (no event is written) and, when the duration
// ends, every stream has ended for good, or finish() is called (a signal),
// prints the report. Off the main run's path: its own manager and measurer.
class CliCompare final : public QObject
{
    Q_OBJECT
public:
    explicit CliCompare(CompareOptions options, QObject *parent = nullptr);
    ~CliCompare() override;
    Q_DISABLE_COPY_MOVE(CliCompare)

    void start();
    // Stops the streams, prints the report and emits finished() (queued).
    void finish();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleBatch(const EventBatchPtr &batch);
    void handleStatus(StreamId stream, const SubscriptionStatus &status);
    void handleStreamError(StreamId stream, const QString &message);

    CompareOptions m_options;
    StreamManager m_manager;
    CaptureMeasurer m_measurer;
    std::vector<StreamId> m_streams; // in the order given
    QHash<StreamId, SubscriptionState> m_states;
    QTimer m_durationTimer;
    bool m_finishing = false;
};

} // namespace ssescope::cli
