#include "TimeValue.h"

#include <QByteArray>
#include <QtNumeric>

#include <cmath>
#include <limits>
#include <cstdio>

namespace ssescope {

namespace {

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's algorithm.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = qint64(yoe) + era * 400 + (*m <= 2);
}

bool digits(QByteArrayView text, qsizetype at, int count, int *value)
{
    if (at + count > text.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

// Nanoseconds in one unit; Auto decides by the value's magnitude.
qint64 nanosecondsPerUnit(TimeUnit unit, double magnitude)
{
    if (unit == TimeUnit::Auto) {
        if (magnitude < 1e11)
            unit = TimeUnit::Seconds;
        else if (magnitude < 1e14)
            unit = TimeUnit::Milliseconds;
        else if (magnitude < 1e17)
            unit = TimeUnit::Microseconds;
        else
            unit = TimeUnit::Nanoseconds;
    }
    switch (unit) {
    case TimeUnit::Seconds:
        return 1'000'000'000;
    case TimeUnit::Milliseconds:
        return 1'000'000;
    case TimeUnit::Microseconds:
        return 1'000;
    case TimeUnit::Nanoseconds:
    case TimeUnit::Auto:
        break;
    }
    return 1;
}

} // namespace

std::optional<qint64> epochNsFromNumber(double value, TimeUnit unit)
{
    if (!std::isfinite(value) || value < 0)
        return std::nullopt;
    const qint64 scale = nanosecondsPerUnit(unit, value);
    if (value * double(scale) > 9.2e18)
        return std::nullopt;
    // Whole and fractional parts apart: a double holds ms since 1970 exactly,
    // but not the same instant in ns.
    const double whole = std::floor(value);
    return qint64(whole) * scale + qint64(std::llround((value - whole) * double(scale)));
}

std::optional<qint64> epochNsFromRfc3339(QByteArrayView text)
{
    int year, month, day, hour, minute, second;
    if (!digits(text, 0, 4, &year) || text.size() < 19 || text[4] != '-'
        || !digits(text, 5, 2, &month) || text[7] != '-' || !digits(text, 8, 2, &day)
        || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, &hour)
        || text[13] != ':' || !digits(text, 14, 2, &minute) || text[16] != ':'
        || !digits(text, 17, 2, &second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    qsizetype at = 19;
    qint64 fractionNs = 0;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
        ++at;
        qint64 scale = 100'000'000;
        const qsizetype start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            fractionNs += (text[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == start)
            return std::nullopt;
    }
    qint64 offsetSeconds = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at] == '-' ? -1 : 1;
        int oh, om;
        if (!digits(text, at + 1, 2, &oh) || at + 3 >= text.size() || text[at + 3] != ':'
            || !digits(text, at + 4, 2, &om))
            return std::nullopt;
        offsetSeconds = sign * (oh * 3600 + om * 60);
        at += 6;
    } else {
        return std::nullopt; // RFC 3339 needs an offset: local time would be a guess
    }
    if (at != text.size())
        return std::nullopt;
    // Nanoseconds since 1970 in 64 bits reach from 1677-09-21 to 2262-04-11;
    // a date outside that would wrap (9999-12-31 came out as 1816), so it is
    // no time at all. The seconds cannot overflow for four-digit years.
    if (year < kFirstYear || year > kLastYear)
        return std::nullopt;
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    qint64 ns = 0;
    if (qMulOverflow(seconds, qint64(1'000'000'000), &ns) || qAddOverflow(ns, fractionNs, &ns))
        return std::nullopt;
    return ns;
}

namespace {

// The usual send time, digits with an optional fraction, read exactly in
// integers: faster than a general double parser, and no rounding.
std::optional<qint64> epochNsFromDecimal(QByteArrayView text, TimeUnit unit)
{
    qsizetype i = 0;
    quint64 whole = 0;
    int wholeDigits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (++wholeDigits > 19)
            return std::nullopt;
        whole = whole * 10 + quint64(text[i] - '0');
        ++i;
    }
    if (wholeDigits == 0)
        return std::nullopt;
    quint64 fraction = 0;
    int fractionDigits = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (fractionDigits < 9) { // beyond nanoseconds of a second, nothing counts
                fraction = fraction * 10 + quint64(text[i] - '0');
                ++fractionDigits;
            }
            ++i;
        }
    }
    if (i != text.size())
        return std::nullopt; // an exponent, or not a number: the general path decides
    const auto scale = quint64(nanosecondsPerUnit(unit, double(whole)));
    if (whole > quint64(std::numeric_limits<qint64>::max()) / scale)
        return std::nullopt;
    // fraction / 10^digits of a unit, in nanoseconds, rounded to nearest
    quint64 denominator = 1;
    for (int d = 0; d < fractionDigits; ++d)
        denominator *= 10;
    const quint64 fractionNs = (fraction * scale + denominator / 2) / denominator;
    const quint64 ns = whole * scale + fractionNs; // whole * scale <= INT64_MAX: no wrap
    if (ns > quint64(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return qint64(ns);
}

} // namespace

std::optional<qint64> epochNsFromText(QByteArrayView text, TimeUnit unit)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (const auto exact = epochNsFromDecimal(text, unit))
        return exact;
    bool ok = false;
    const double number = QByteArray::fromRawData(text.data(), text.size()).toDouble(&ok);
    if (ok)
        return epochNsFromNumber(number, unit);
    return epochNsFromRfc3339(text);
}

int formatRfc3339Micros(qint64 epochNs, char *out)
{
    qint64 micros = epochNs >= 0 ? epochNs / 1000 : -((-epochNs + 999) / 1000);
    qint64 secs = micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000);
    const qint64 microPart = micros - secs * 1'000'000;
    qint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    const qint64 daySecs = secs - days * 86400;
    qint64 y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    const auto put = [&out](int pos, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[pos + i] = char('0' + value % 10);
            value /= 10;
        }
    };
    put(0, y, 4);
    out[4] = '-';
    put(5, m, 2);
    out[7] = '-';
    put(8, d, 2);
    out[10] = 'T';
    put(11, daySecs / 3600, 2);
    out[13] = ':';
    put(14, (daySecs / 60) % 60, 2);
    out[16] = ':';
    put(17, daySecs % 60, 2);
    out[19] = '.';
    put(20, microPart, 6);
    out[26] = 'Z';
    return 27;
}

std::optional<TimeUnit> timeUnitFromName(QByteArrayView name)
{
    if (name == "auto")
        return TimeUnit::Auto;
    if (name == "s")
        return TimeUnit::Seconds;
    if (name == "ms")
        return TimeUnit::Milliseconds;
    if (name == "us" || name == "µs")
        return TimeUnit::Microseconds;
    if (name == "ns")
        return TimeUnit::Nanoseconds;
    return std::nullopt;
}

} // namespace ssescope
