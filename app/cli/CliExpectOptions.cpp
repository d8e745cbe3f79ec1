#include "CliExpectOptions.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

using Measure = NumberOption::Measure;

CliExpectOptions::CliExpectOptions()
    : event({ u"expect-event"_s },
        tr("Expect an event of TYPE on every stream, its data matching DATA_REGEX if given "
           "(repeatable; with --within)."),
        u"type[=data_regex]"_s)
    , within({ u"within"_s },
          tr("The expectations' time limit for the whole run, in seconds: the run stops as soon "
             "as every expectation passed or one failed for good, else at this limit."),
          u"s"_s, Measure::PositiveSeconds, kMaxSeconds)
    , minEvents({ u"expect-min-events"_s }, tr("Expect at least N events on every stream."), u"n"_s,
          Measure::Events, 1e18)
    , maxLatency({ u"expect-max-latency-ms"_s },
          tr("Expect every stream's p99 latency (--latency) over the run to be at most MS, judged "
             "at --within."),
          u"ms"_s, Measure::Milliseconds, 1e12)
    , noGaps({ u"expect-no-gaps"_s },
          tr("Expect no id skipped or seen again on every stream (ids that count up), judged at "
             "--within."))
    , junit({ u"junit"_s },
          tr("Write the expectations' results as JUnit XML to FILE, one test case per "
             "expectation and stream."),
          u"file"_s)
{ }

QList<QCommandLineOption> CliExpectOptions::all() const
{
    QList<QCommandLineOption> options;
    for (const CliOption *row : std::initializer_list<const CliOption *> {
             &event, &within, &minEvents, &maxLatency, &noGaps, &junit })
        options.append(row->option());
    return options;
}

CliOptionError CliExpectOptions::read(
    const QCommandLineParser &parser, ExpectationOptions *out) const
{
    for (const QString &spec : event.values(parser)) {
        const qsizetype equals = spec.indexOf(u'=');
        ExpectationOptions::Event e;
        e.spec = spec;
        e.type = (equals < 0 ? spec : spec.left(equals)).toUtf8();
        if (equals >= 0)
            e.dataPattern = spec.mid(equals + 1);
        if (e.type.isEmpty())
            return CliOptionError(
                tr("--expect-event takes TYPE or TYPE=DATA_REGEX, not \"%1\"").arg(spec));
        const QRegularExpression pattern(e.dataPattern);
        if (!pattern.isValid())
            return CliOptionError(tr("--expect-event %1: the pattern is not a regular expression "
                                     "(%2 at offset %3)")
                                      .arg(spec, pattern.errorString())
                                      .arg(pattern.patternErrorOffset()));
        out->events.append(e);
    }
    double value = -1;
    if (const CliOptionError error = minEvents.read(parser, &value))
        return error;
    if (value >= 0)
        out->minEvents = quint64(value);
    value = -1;
    if (const CliOptionError error = maxLatency.read(parser, &value))
        return error;
    if (value >= 0)
        out->maxLatencyP99Ms = value;
    out->noGaps = noGaps.value(parser);
    if (const CliOptionError error = within.read(parser, &out->withinS))
        return error;
    out->junit = junit.value(parser);
    if (out->any() && out->withinS <= 0)
        return CliOptionError(tr("--expect-* options need --within SECONDS, the run's limit"));
    if (!out->any() && (within.isSet(parser) || junit.isSet(parser)))
        return CliOptionError(tr("--within and --junit go with at least one --expect-* option"));
    return {};
}

} // namespace ssescope::cli
