#pragma once

#include "core/latency/JsonPointer.h"
#include "core/common/TimeValue.h"
#include "core/sse/SseEvent.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace ssescope {

// Auto: a JSON Pointer and unit that LatencyAutoDetector finds in the
// stream's first events (see there); until then, and if it finds none, none.
enum class LatencySource { None, JsonPointer, Regex, EventId, Auto };

// Where an event carries its send time, configured per subscription.
struct LatencyConfig
{
    LatencySource source = LatencySource::None;
    QString expression; // the JSON Pointer or the regular expression
    TimeUnit unit = TimeUnit::Auto;
    double clockOffsetMs = 0; // how far the sender's clock runs ahead of ours

    // Auto counts: the stream wants latency, once a source is found.
    bool isEnabled() const { return source != LatencySource::None; }
    QJsonObject toJson() const;
    static std::optional<LatencyConfig> fromJson(const QJsonObject &json, QString *error);
    // "json:/ts", "regex:ts=(\d+)", "id", "auto" or "none", as both command
    // lines take it (--latency).
    static std::optional<LatencyConfig> fromSpec(const QString &spec, QString *error);
    QString toSpec() const; // the inverse of fromSpec (the unit is not part of it)
};

// Latency = arrival (wall clock) - send time. An event it cannot read leaves
// the event without latency and counts a miss; it never throws.
class LatencyExtractor final
{
public:
    explicit LatencyExtractor(const LatencyConfig &config = {});

    // Auto reads nothing by itself: the subscription swaps in the extractor
    // for what the detector found.
    bool isEnabled() const
    {
        return m_config.source != LatencySource::None && m_config.source != LatencySource::Auto;
    }
    std::optional<double> latencyMs(const SseEvent &event)
    {
        return latencyMs(event.id, event.data, event.arrivalWallNs);
    }
    std::optional<double> latencyMs(QByteArrayView id, QByteArrayView data, qint64 arrivalWallNs);
    std::optional<qint64> sendTimeNs(QByteArrayView id, QByteArrayView data) const;
    quint64 hits() const { return m_hits; }
    quint64 misses() const { return m_misses; }

private:
    LatencyConfig m_config;
    std::optional<JsonPointer> m_pointer;
    QRegularExpression m_regex;
    quint64 m_hits = 0;
    quint64 m_misses = 0;
};

} // namespace ssescope
