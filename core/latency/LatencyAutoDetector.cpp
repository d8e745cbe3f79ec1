#include "LatencyAutoDetector.h"

#include "core/common/TimeValue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <array>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// The names send times go by in the wild: ts/t (tickers, telemetry),
// timestamp/time, sent_at/sentAt/send_time (message buses), created
// (OpenAI-style chunks, epoch seconds), created_at/createdAt (REST-ish feeds).
// Exact matches only: a fuzzy match would pick up "timeout" or "t0".
constexpr std::array kNames = {
    "ts",
    "timestamp",
    "time",
    "sent_at",
    "sentAt",
    "send_time",
    "created",
    "created_at",
    "createdAt",
    "t",
};

bool isSendTimeName(const QString &name)
{
    for (const char *candidate : kNames) {
        if (name == QLatin1StringView(candidate))
            return true;
    }
    return false;
}

// The unit TimeUnit::Auto would read this magnitude in (see TimeValue.h),
// named explicitly so the stream then runs exactly as if configured.
TimeUnit unitByMagnitude(double value)
{
    if (value < 1e11)
        return TimeUnit::Seconds;
    if (value < 1e14)
        return TimeUnit::Milliseconds;
    if (value < 1e17)
        return TimeUnit::Microseconds;
    return TimeUnit::Nanoseconds;
}

bool withinWindow(qint64 epochNs, qint64 nowNs)
{
    // The window's ends saturate: "now" comes from the arrival time, which an
    // imported capture can set anywhere in qint64 (found by fuzz_latency).
    qint64 from = 0;
    qint64 to = 0;
    if (qSubOverflow(nowNs, LatencyAutoDetector::kWindowNs, &from))
        from = std::numeric_limits<qint64>::min();
    if (qAddOverflow(nowNs, LatencyAutoDetector::kWindowNs, &to))
        to = std::numeric_limits<qint64>::max();
    return epochNs >= from && epochNs <= to;
}

// The unit the value would be read in, if it is a send time near now.
std::optional<TimeUnit> sendTimeUnit(const QJsonValue &value, qint64 nowNs)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!(number > 0))
            return std::nullopt;
        const TimeUnit unit = unitByMagnitude(number);
        const auto ns = epochNsFromNumber(number, unit);
        if (ns && withinWindow(*ns, nowNs))
            return unit;
        return std::nullopt;
    }
    if (value.isString()) {
        // Numbers sent as text ("ts":"1764081234567") read like numbers, as
        // the extractor reads them.
        bool isNumber = false;
        const double number = value.toString().toDouble(&isNumber);
        if (isNumber)
            return sendTimeUnit(QJsonValue(number), nowNs);
        const auto ns = epochNsFromRfc3339(value.toString().toUtf8());
        if (ns && withinWindow(*ns, nowNs))
            return TimeUnit::Auto; // the unit does not apply to a date-time text
    }
    return std::nullopt;
}

// RFC 6901 escaping of one reference token.
QString pointerToken(const QString &key)
{
    QString token = key;
    token.replace(u'~', u"~0"_s);
    token.replace(u'/', u"~1"_s);
    return u'/' + token;
}

struct Candidate
{
    QString pointer;
    TimeUnit unit;
};

void collect(const QJsonObject &object, const QString &prefix, qint64 nowNs, bool descend,
    QList<Candidate> *out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        if (descend && value.isObject()) {
            collect(value.toObject(), pointerToken(it.key()), nowNs, false, out);
            continue;
        }
        if (!isSendTimeName(it.key()))
            continue;
        if (const auto unit = sendTimeUnit(value, nowNs))
            out->append(Candidate { prefix + pointerToken(it.key()), *unit });
    }
}

} // namespace

QStringList LatencyAutoDetector::fieldNames()
{
    QStringList names;
    for (const char *name : kNames)
        names.append(QString::fromLatin1(name));
    return names;
}

std::optional<LatencyConfig> LatencyAutoDetector::detectIn(
    QByteArrayView data, qint64 nowWallNs, bool *ambiguous)
{
    if (ambiguous)
        *ambiguous = false;
    // The cheapest refusal first: most non-JSON events end here.
    // JSON's own whitespace only: trimmed() also drops \v and \f, which
    // QJsonDocument then never sees but the extractor's scanner refuses, so a
    // pointer would be "found" that reads nothing (found by fuzz_latency).
    const auto isJsonSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    };
    QByteArrayView trimmed = data;
    while (!trimmed.isEmpty() && isJsonSpace(trimmed.front()))
        trimmed = trimmed.sliced(1);
    while (!trimmed.isEmpty() && isJsonSpace(trimmed.back()))
        trimmed.chop(1);
    if (trimmed.isEmpty() || trimmed.front() != '{' || trimmed.size() > kMaxEventBytes)
        return std::nullopt;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(trimmed.data(), trimmed.size()));
    if (!document.isObject())
        return std::nullopt;
    QList<Candidate> candidates;
    collect(document.object(), QString(), nowWallNs, true, &candidates);
    if (candidates.size() != 1) {
        if (ambiguous)
            *ambiguous = candidates.size() > 1;
        return std::nullopt;
    }
    LatencyConfig config;
    config.source = LatencySource::JsonPointer;
    config.expression = candidates.front().pointer;
    config.unit = candidates.front().unit;
    // Found only if the extractor reads it too: with a repeated key QJsonDocument
    // keeps the last value and the pointer scan the first (found by fuzz_latency).
    if (!LatencyExtractor(config).sendTimeNs({}, trimmed))
        return std::nullopt;
    return config;
}

LatencyAutoDetector::Verdict LatencyAutoDetector::offer(QByteArrayView data, qint64 arrivalWallNs)
{
    if (m_verdict != Verdict::Pending)
        return m_verdict;
    ++m_seen;
    bool ambiguous = false;
    if (const auto config = detectIn(data, arrivalWallNs, &ambiguous)) {
        m_found = *config;
        m_verdict = Verdict::Found;
    } else if (ambiguous || m_seen >= kMaxEvents) {
        m_verdict = Verdict::NotFound;
    }
    return m_verdict;
}

} // namespace ssescope
