#include "StreamEnd.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StreamEnd", text);
}

bool within10Percent(qint64 a, qint64 b)
{
    return std::abs(double(a - b)) <= 0.1 * double(std::max(a, b));
}

QString seconds(qint64 ms)
{
    const double s = double(ms) / 1000.0;
    if (s >= 10 || std::abs(s - std::round(s)) < 0.05)
        return QString::number(std::llround(s));
    return QString::number(s, 'f', 1);
}

struct Suspect
{
    qint64 ms;
    const char *text;
};

} // namespace

QString streamEndName(StreamEnd end)
{
    switch (end) {
    case StreamEnd::None:
        return {};
    case StreamEnd::ErrorEvent:
        return u"error-event"_s;
    case StreamEnd::NoTerminal:
        return u"no-terminal"_s;
    case StreamEnd::Framing:
        return u"framing"_s;
    case StreamEnd::Reset:
        return u"reset"_s;
    case StreamEnd::Timeout:
        return u"timeout"_s;
    case StreamEnd::Clean:
        return u"clean"_s;
    }
    return {};
}

QList<StreamEnd> streamEnds()
{
    return { StreamEnd::ErrorEvent, StreamEnd::NoTerminal, StreamEnd::Framing, StreamEnd::Reset,
        StreamEnd::Timeout, StreamEnd::Clean };
}

QString streamEndText(StreamEnd end)
{
    switch (end) {
    case StreamEnd::None:
        return {};
    case StreamEnd::ErrorEvent:
        return tr("Error event");
    case StreamEnd::NoTerminal:
        return tr("No terminal marker");
    case StreamEnd::Framing:
        return tr("Body cut short");
    case StreamEnd::Reset:
        return tr("Reset mid-event");
    case StreamEnd::Timeout:
        return tr("Idle timeout");
    case StreamEnd::Clean:
        return tr("Clean");
    }
    return {};
}

void IdleCutDiagnosis::addCut(qint64 quietMs)
{
    m_cuts.append(std::max<qint64>(0, quietMs));
    if (m_cuts.size() > kKeep)
        m_cuts.removeFirst();
}

QString IdleCutDiagnosis::sentence() const
{
    if (m_cuts.size() < 2)
        return {};
    // The cuts at about the same interval as the latest one.
    const qint64 latest = m_cuts.last();
    if (latest < 500)
        return {}; // cut while bytes were flowing: no idle timeout
    QList<qint64> same;
    for (const qint64 cut : m_cuts) {
        if (within10Percent(cut, latest))
            same.append(cut);
    }
    if (same.size() < 2)
        return {};
    // A proxy cuts at its timeout after the last byte, and we notice later,
    // never sooner: the shortest is the closest to its setting.
    return sentenceFor(int(same.size()), *std::min_element(same.begin(), same.end()));
}

QString IdleCutDiagnosis::sentenceFor(int count, qint64 intervalMs)
{
    // Published defaults of the usual suspects.
    static const Suspect kSuspects[] = {
        { 55'000,
            QT_TRANSLATE_NOOP("StreamEnd",
                "Heroku's router closes a connection after 55 s "
                "without data") },
        { 60'000,
            QT_TRANSLATE_NOOP("StreamEnd",
                "nginx's proxy_read_timeout is 60 s by default, "
                "as is the idle timeout of AWS load balancers") },
        { 100'000,
            QT_TRANSLATE_NOOP("StreamEnd",
                "Cloudflare closes a connection after 100 s "
                "without data") },
        { 240'000, QT_TRANSLATE_NOOP("StreamEnd", "Azure API Management's idle timeout is 4 min") },
    };
    const Suspect *best = nullptr;
    for (const Suspect &suspect : kSuspects) {
        if (within10Percent(intervalMs, suspect.ms)
            && (!best || std::abs(intervalMs - suspect.ms) < std::abs(intervalMs - best->ms)))
            best = &suspect;
    }
    const QString head = tr("Cut %1 times, each %2 s after the last byte: an idle timeout between "
                            "you and the server")
                             .arg(count)
                             .arg(seconds(intervalMs));
    const QString named
        = best ? QString(head + u" ("_s + tr(best->text) + u")."_s) : QString(head + u'.');
    return named + u' ' + tr("Send heartbeats more often than that.");
}

} // namespace ssescope
