#pragma once

#include "app/cli/CliExpectOptions.h"
#include "core/sse/SseEvent.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <vector>

namespace ssescope {
class CaptureMeasurer;
}

namespace ssescope::cli {

// The run's assertions for CI, judged from core's per-stream figures
// (CaptureMeasurer: statistics and event watches), never measured here.
// Each expectation applies to each stream: one outcome per pair, pending
// until it passes or fails for good. An event or an event count passes as
// soon as it is seen and fails when its stream ends for good or the run does;
// p99 latency and no-gaps are judged only at the end (--within, or the run's
// end), when there is nothing more to see.
class CliExpectations final
{
    Q_DECLARE_TR_FUNCTIONS(CliExpectations)
public:
    enum class Verdict { Pending, Passed, Failed };
    struct Outcome
    {
        StreamId stream = 0;
        QString streamName;
        QString name; // "event tick", "min-events 10", ...
        Verdict verdict = Verdict::Pending;
        QString message; // what was expected and what was seen
        double seconds = 0; // into the run, when it was decided
    };
    struct StreamInfo
    {
        StreamId id = 0;
        QString name;
        bool ended = false; // closed or failed for good
    };

    explicit CliExpectations(ExpectationOptions options);

    // Before any event: the watches --expect-event reads.
    void addWatches(CaptureMeasurer &measurer);
    // Decides what can be decided now; final: everything (--within expired,
    // or the run ends). measurer is flushed.
    void judge(const CaptureMeasurer &measurer, const QList<StreamInfo> &streams, qint64 startNs,
        qint64 nowNs, bool final);

    bool anyFailed() const;
    bool allDecided() const;
    const std::vector<Outcome> &outcomes() const { return m_outcomes; }
    // A JUnit XML report, written atomically. False with *error set.
    bool writeJUnit(const QString &path, double runSeconds, QString *error) const;

private:
    enum class Kind { Event, MinEvents, MaxLatency, NoGaps };
    struct Expectation
    {
        Kind kind;
        QString name;
        size_t watch = 0; // Kind::Event: the measurer's watch
    };
    Outcome &outcomeFor(const StreamInfo &stream, size_t expectation);
    void judgeOne(const CaptureMeasurer &measurer, const Expectation &e, const StreamInfo &stream,
        Outcome &outcome, qint64 startNs, double seconds, bool final) const;

    ExpectationOptions m_options;
    std::vector<Expectation> m_expectations;
    std::vector<Outcome> m_outcomes; // stream by stream, in the order first judged
};

} // namespace ssescope::cli
