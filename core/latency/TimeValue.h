#pragma once

#include <QByteArrayView>

#include <optional>

namespace ssescope {

enum class TimeUnit { Auto, Seconds, Milliseconds, Microseconds, Nanoseconds };

// Epoch time in nanoseconds from a number in the given unit; Auto decides by
// magnitude (below 1e11 seconds, below 1e14 ms, below 1e17 µs, else ns),
// which is unambiguous for any date between 1973 and 5138.
std::optional<qint64> epochNsFromNumber(double value, TimeUnit unit);

// Years that nanoseconds since 1970 in 64 bits can hold (the range ends on
// 2262-04-11T23:47:16Z): any time outside is refused, never wrapped.
constexpr int kFirstYear = 1678;
constexpr int kLastYear = 2262;

// "2026-11-25T14:51:42.348123Z", "...+01:00", a space for T, any number of
// fraction digits: RFC 3339 / ISO 8601 date-times with an offset, within
// kFirstYear..kLastYear.
std::optional<qint64> epochNsFromRfc3339(QByteArrayView text);

// A number (in the given unit) or an RFC 3339 string.
std::optional<qint64> epochNsFromText(QByteArrayView text, TimeUnit unit);

// UTC RFC 3339 with microseconds, e.g. 2026-11-25T14:51:42.348123Z, written
// into out (at least 27 bytes); returns the length. No allocation.
int formatRfc3339Micros(qint64 epochNs, char *out);

std::optional<TimeUnit> timeUnitFromName(QByteArrayView name);

} // namespace ssescope
