#include "RouteVerdict.h"

#include "core/compare/RouteComparison.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// tr() in the context "RouteVerdict", for the free functions here (and for lupdate).
struct Text final
{
    Q_DECLARE_TR_FUNCTIONS(RouteVerdict)
};

// "~90" for bursts, "1.0" for a streaming route's reads.
QString roughCount(double value)
{
    return value >= 10 ? QString::number(qRound64(value)) : QString::number(value, 'f', 1);
}

QString formatBytes(double bytes)
{
    if (bytes >= 1024 * 1024)
        return QString::number(bytes / (1024 * 1024), 'f', 1) + u" MiB"_s;
    if (bytes >= 1024)
        return QString::number(bytes / 1024, 'f', 1) + u" KiB"_s;
    return QString::number(qRound64(bytes)) + u" B"_s;
}

// The delay a route adds: behind the fastest route when events matched across
// routes (the strongest evidence: no clocks involved), else the latency from
// send times. Negative when neither is known.
struct AddedDelay
{
    double ms = -1;
    bool behindFastest = false;
};

AddedDelay addedDelay(const RouteFigures &f)
{
    if (f.delayMs.count >= verdict::kMinMatched)
        return { f.delayMs.p50, true };
    if (f.latencyMs.count >= verdict::kMinEvents)
        return { f.latencyMs.p50, false };
    return {};
}

QString delayPhrase(const AddedDelay &delay)
{
    if (!delay.behindFastest)
        return Text::tr("median latency %1").arg(formatDurationMs(delay.ms));
    // Under 0.05 ms prints as 0.0: the route is the fastest, or level with it.
    return delay.ms < 0.05
        ? Text::tr("level with the fastest route")
        : Text::tr("%1 behind the fastest route").arg(formatDurationMs(delay.ms));
}

RouteVerdict stalledOrWaiting(const RouteFigures &f)
{
    const bool responded = f.responseAfterMs >= 0;
    const double silentMs = responded ? f.waitedMs - f.responseAfterMs : f.waitedMs;
    if (silentMs <= verdict::kStalledAfterMs) {
        return {
            VerdictKind::Inconclusive,
            responded
                ? Text::tr("response headers after %1, waiting for the first event")
                      .arg(formatDurationMs(f.responseAfterMs))
                : Text::tr("waiting for the response (%1 so far)").arg(formatDurationMs(f.waitedMs))
        };
    }
    QString text = responded
        ? Text::tr("response headers after %1, then no event in %2")
              .arg(formatDurationMs(f.responseAfterMs), formatDurationMs(silentMs))
        : Text::tr("no response headers after %1").arg(formatDurationMs(f.waitedMs));
    // What the tool can see of the cause: a proxy that buffers sends nothing,
    // not even its status line, until its first buffer is full; with
    // compression it may wait for far more.
    if (f.compressionRequested)
        text += Text::tr("; compression was asked for, and a compressing proxy can hold the whole "
                         "response back until its buffers fill (try without compression)");
    else if (!responded)
        text += Text::tr("; a buffering proxy sends nothing, not even its headers, until its first "
                         "buffer is full");
    else
        text += Text::tr("; a proxy may be buffering the body");
    if (!f.statusMessage.isEmpty())
        text += u" ("_s + f.statusMessage + u')';
    return { VerdictKind::Stalled, text };
}

} // namespace

QString formatDurationMs(double ms)
{
    if (!std::isfinite(ms))
        return u"?"_s;
    const double magnitude = std::abs(ms);
    if (magnitude < 10)
        return QString::number(ms, 'f', 1) + u" ms"_s;
    if (magnitude < 1000)
        return QString::number(qRound64(ms)) + u" ms"_s;
    if (magnitude < 100'000)
        return QString::number(ms / 1000, 'f', 1) + u" s"_s;
    return QString::number(qRound64(ms / 1000)) + u" s"_s;
}

QString verdictWord(VerdictKind kind)
{
    switch (kind) {
    case VerdictKind::Streaming:
        return u"streaming"_s;
    case VerdictKind::Buffered:
        return u"buffered"_s;
    case VerdictKind::Stalled:
        return u"stalled"_s;
    case VerdictKind::Inconclusive:
        break;
    }
    return u"inconclusive"_s;
}

QString RouteVerdict::text() const
{
    return explanation.isEmpty() ? verdictWord(kind) : verdictWord(kind) + u": "_s + explanation;
}

namespace {
RouteVerdict judgeFigures(const RouteFigures &f);
}

RouteVerdict judgeRoute(const RouteFigures &f)
{
    RouteVerdict verdict = judgeFigures(f);
    // Silence here would read as "no delay": say why there is none.
    if (f.unmatchedPastLimit && f.events > 0)
        verdict.explanation
            += Text::tr("; not matched with the other routes (only the first %1 routes "
                        "are), so no delay behind the fastest route")
                   .arg(RouteComparison::kMaxMatchedRoutes);
    return verdict;
}

namespace {
RouteVerdict judgeFigures(const RouteFigures &f)
{
    if (f.events == 0)
        return stalledOrWaiting(f);
    if (f.events < verdict::kMinEvents)
        return { VerdictKind::Inconclusive,
            f.events == 1 ? Text::tr("only 1 event so far")
                          : Text::tr("only %1 events so far").arg(f.events) };

    const AddedDelay delay = addedDelay(f);
    const bool bursty = f.eventsPerBurst >= verdict::kBurstyEventsPerRead
        && (f.burstGapP50Ms >= verdict::kMinBurstGapMs
            || (f.burstGapP50Ms < 0 && f.longestBurstMs <= verdict::kLongestSingleBurstMs));
    const QString burst = f.burstGapP50Ms >= 0
        ? Text::tr("bursts of ~%1 every ~%2")
              .arg(roughCount(f.eventsPerBurst), formatDurationMs(f.burstGapP50Ms))
        : Text::tr("a burst of ~%1").arg(roughCount(f.eventsPerBurst));

    if (bursty && (delay.ms < 0 || delay.ms >= verdict::kBufferedDelayMs)) {
        QString text = Text::tr("events arrive in %1").arg(burst);
        // A proxy hands on whole buffers: reads of a round 4 or 8 KiB say so.
        if (f.bytesPerReadP50 >= 1024)
            text += Text::tr(" (reads of ~%1)").arg(formatBytes(f.bytesPerReadP50));
        text += delay.ms >= 0 ? u", "_s + delayPhrase(delay)
            : f.unmatchedPastLimit
            ? Text::tr(
                "; no send times to measure the delay, so a bursty source would look the same")
            : Text::tr("; no send times and no second route to measure the delay, so a bursty "
                       "source would look the same");
        if (f.responseAfterMs >= 1000)
            text += Text::tr("; the response headers came %1 after the request")
                        .arg(formatDurationMs(f.responseAfterMs));
        return { VerdictKind::Buffered, text };
    }
    if (bursty) {
        const QString comeFrom = f.burstGapP50Ms >= 0 ? Text::tr("come") : Text::tr("came");
        return { VerdictKind::Streaming,
            delay.behindFastest
                ? Text::tr(
                    "%1 %2 from the source: the fastest route sees them at the same time, %3")
                      .arg(burst, comeFrom, delayPhrase(delay))
                : Text::tr("%1 %2 from the source (%3)").arg(burst, comeFrom, delayPhrase(delay)) };
    }
    const QString perRead = QString::number(f.eventsPerRead, 'f', 1);
    QString text
        = (perRead == u"1.0" ? Text::tr("%1 event per read") : Text::tr("%1 events per read"))
              .arg(perRead);
    if (delay.ms >= 0)
        text += (delay.ms >= verdict::kBufferedDelayMs ? Text::tr(", but %1") : u", %1"_s)
                    .arg(delayPhrase(delay));
    return { VerdictKind::Streaming, text };
}

} // namespace

} // namespace ssescope
