#include "CliExpectations.h"

#include "core/capture/OutputTarget.h"
#include "core/pipeline/CaptureMeasurer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 0);
}

} // namespace

CliExpectations::CliExpectations(ExpectationOptions options)
    : m_options(std::move(options))
{
    for (const ExpectationOptions::Event &e : std::as_const(m_options.events))
        m_expectations.push_back({ Kind::Event, u"event "_s + e.spec });
    if (m_options.minEvents)
        m_expectations.push_back({ Kind::MinEvents, u"min-events %1"_s.arg(*m_options.minEvents) });
    if (m_options.maxLatencyP99Ms)
        m_expectations.push_back(
            { Kind::MaxLatency, u"max-latency-ms %1"_s.arg(*m_options.maxLatencyP99Ms) });
    if (m_options.noGaps)
        m_expectations.push_back({ Kind::NoGaps, u"no-gaps"_s });
}

void CliExpectations::addWatches(CaptureMeasurer &measurer)
{
    size_t event = 0;
    for (Expectation &e : m_expectations) {
        if (e.kind != Kind::Event)
            continue;
        const ExpectationOptions::Event &spec = m_options.events[qsizetype(event++)];
        e.watch = measurer.addEventWatch(spec.type, spec.dataPattern);
    }
}

CliExpectations::Outcome &CliExpectations::outcomeFor(const StreamInfo &stream, size_t expectation)
{
    const QString &name = m_expectations[expectation].name;
    for (Outcome &o : m_outcomes) {
        if (o.stream == stream.id && o.name == name)
            return o;
    }
    Outcome o;
    o.stream = stream.id;
    o.streamName = stream.name;
    o.name = name;
    m_outcomes.push_back(o);
    return m_outcomes.back();
}

void CliExpectations::judge(const CaptureMeasurer &measurer, const QList<StreamInfo> &streams,
    qint64 startNs, qint64 nowNs, bool final)
{
    const double seconds = double(nowNs - startNs) / 1e9;
    for (const StreamInfo &stream : streams) {
        for (size_t i = 0; i < m_expectations.size(); ++i) {
            Outcome &outcome = outcomeFor(stream, i);
            if (outcome.verdict == Verdict::Pending)
                judgeOne(measurer, m_expectations[i], stream, outcome, startNs, seconds, final);
        }
    }
}

void CliExpectations::judgeOne(const CaptureMeasurer &measurer, const Expectation &e,
    const StreamInfo &stream, Outcome &outcome, qint64 startNs, double seconds, bool final) const
{
    const StreamStats *stats = measurer.stats().find(stream.id);
    const StatsTotals totals = stats ? stats->totals() : StatsTotals {};
    // A stream that ended for good has nothing more to show.
    const bool over = final || stream.ended;
    const QString end = final
        ? tr("by the end of the run, after %1 s").arg(QString::number(seconds, 'f', 1))
        : tr("before the stream ended, after %1 s").arg(QString::number(seconds, 'f', 1));
    const auto decide = [&](Verdict verdict, const QString &message) {
        outcome.verdict = verdict;
        outcome.message = message;
        outcome.seconds = seconds;
    };
    switch (e.kind) {
    case Kind::Event: {
        const EventWatch &watch = measurer.eventWatch(e.watch);
        const EventWatch::Seen seen = watch.seen(stream.id);
        if (seen.count > 0) {
            // Decided when it arrived, not when it was noticed.
            const double at = std::max(0.0, double(seen.firstSteadyNs - startNs) / 1e9);
            decide(Verdict::Passed,
                tr("expected %1: it arrived %2 ms into the run").arg(e.name, ms(at * 1e3)));
            outcome.seconds = at;
        } else if (over)
            decide(Verdict::Failed,
                tr("expected %1: none arrived %2 (%3 events in all)")
                    .arg(e.name, end)
                    .arg(totals.events));
        return;
    }
    case Kind::MinEvents:
        if (totals.events >= *m_options.minEvents)
            decide(Verdict::Passed,
                tr("expected at least %1 events: %2 arrived")
                    .arg(*m_options.minEvents)
                    .arg(totals.events));
        else if (over)
            decide(Verdict::Failed,
                tr("expected at least %1 events: %2 arrived %3")
                    .arg(*m_options.minEvents)
                    .arg(totals.events)
                    .arg(end));
        return;
    case Kind::MaxLatency: {
        if (!final)
            return;
        const LifetimeStats *lifetime = stats ? stats->lifetime() : nullptr;
        if (!lifetime || lifetime->latencyUs.count() == 0) {
            decide(Verdict::Failed,
                tr("expected a p99 latency of at most %1 ms: no latency was measured (see "
                   "--latency)")
                    .arg(ms(*m_options.maxLatencyP99Ms)));
            return;
        }
        const double p99 = lifetime->latencyUs.quantile(0.99) / 1e3;
        decide(p99 <= *m_options.maxLatencyP99Ms ? Verdict::Passed : Verdict::Failed,
            tr("expected a p99 latency of at most %1 ms: it was %2 ms over %3 events")
                .arg(ms(*m_options.maxLatencyP99Ms), ms(p99))
                .arg(lifetime->latencyUs.count()));
        return;
    }
    case Kind::NoGaps:
        if (!final)
            return;
        if (!totals.idsCounted) {
            decide(Verdict::Failed,
                tr("expected no id gaps: the stream's ids never counted up (1, 2, 3...), so "
                   "none could be counted (%1 events)")
                    .arg(totals.events));
            return;
        }
        decide(totals.idGaps == 0 && totals.idDuplicates == 0 ? Verdict::Passed : Verdict::Failed,
            tr("expected no id gaps: %1 ids skipped (gaps), %2 seen again (dups) in %3 events")
                .arg(totals.idGaps)
                .arg(totals.idDuplicates)
                .arg(totals.events));
        return;
    }
}

bool CliExpectations::anyFailed() const
{
    return std::any_of(m_outcomes.cbegin(), m_outcomes.cend(),
        [](const Outcome &o) { return o.verdict == Verdict::Failed; });
}

bool CliExpectations::allDecided() const
{
    return !m_outcomes.empty()
        && std::none_of(m_outcomes.cbegin(), m_outcomes.cend(),
            [](const Outcome &o) { return o.verdict == Verdict::Pending; });
}

bool CliExpectations::writeJUnit(const QString &path, double runSeconds, QString *error) const
{
    // A regular file is replaced whole; a device or FIFO is written through.
    OutputFile file(path);
    if (!file.open()) {
        *error = file.errorString();
        return false;
    }
    const auto failures = std::count_if(m_outcomes.cbegin(), m_outcomes.cend(),
        [](const Outcome &o) { return o.verdict != Verdict::Passed; });
    const QString tests = QString::number(m_outcomes.size());
    const QString failed = QString::number(failures);
    const QString time = QString::number(runSeconds, 'f', 3);
    QXmlStreamWriter xml(file.device());
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(u"testsuites"_s);
    xml.writeAttribute(u"name"_s, u"ssescope-cli"_s);
    xml.writeAttribute(u"tests"_s, tests);
    xml.writeAttribute(u"failures"_s, failed);
    xml.writeAttribute(u"errors"_s, u"0"_s);
    xml.writeAttribute(u"time"_s, time);
    xml.writeStartElement(u"testsuite"_s);
    xml.writeAttribute(u"name"_s, u"ssescope-cli expectations"_s);
    xml.writeAttribute(u"tests"_s, tests);
    xml.writeAttribute(u"failures"_s, failed);
    xml.writeAttribute(u"errors"_s, u"0"_s);
    xml.writeAttribute(u"skipped"_s, u"0"_s);
    xml.writeAttribute(u"time"_s, time);
    xml.writeAttribute(u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    for (const Outcome &o : m_outcomes) {
        xml.writeStartElement(u"testcase"_s);
        xml.writeAttribute(u"classname"_s, o.streamName);
        xml.writeAttribute(u"name"_s, o.name);
        xml.writeAttribute(u"time"_s, QString::number(o.seconds, 'f', 3));
        if (o.verdict == Verdict::Passed) {
            xml.writeTextElement(u"system-out"_s, o.message);
        } else {
            xml.writeStartElement(u"failure"_s);
            xml.writeAttribute(u"type"_s, u"expectation"_s);
            const QString message
                = o.verdict == Verdict::Pending ? tr("not judged: the run ended first") : o.message;
            xml.writeAttribute(u"message"_s, message);
            xml.writeCharacters(message);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    if (xml.hasError() || !file.commit()) {
        if (xml.hasError())
            file.cancel();
        *error = file.errorString().isEmpty() ? file.device()->errorString() : file.errorString();
        return false;
    }
    return true;
}

} // namespace ssescope::cli
