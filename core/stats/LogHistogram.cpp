#include "LogHistogram.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace ssescope {

int LogHistogram::binOf(double magnitude)
{
    if (!(magnitude >= 1.0))
        return 0;
    // From the IEEE 754 bits rather than frexp(), a libm call on every value
    // the statistics add: for magnitude = 1.f * 2^octave, the octave is the
    // unbiased exponent and the sub-bin the fraction's top three bits, exactly
    // int((mantissa * 2 - 1) * kSubBins) with frexp's mantissa for every finite
    // value (checked over 10^8 random values and every octave's boundaries);
    // infinity lands in the last bin, where frexp's unspecified exponent did not.
    static_assert(kSubBins == 8, "three fraction bits per octave");
    quint64 bits;
    std::memcpy(&bits, &magnitude, sizeof bits);
    const int octave = int((bits >> 52) & 0x7ff) - 1023;
    if (octave >= kOctaves)
        return kBins - 1;
    const int sub = int((bits >> 49) & 7);
    return 1 + octave * kSubBins + sub;
}

double LogHistogram::valueOf(int bin)
{
    if (bin == 0)
        return 0.5;
    const int octave = (bin - 1) / kSubBins;
    const int sub = (bin - 1) % kSubBins;
    const double low = std::ldexp(1.0 + double(sub) / kSubBins, octave);
    const double high = std::ldexp(1.0 + double(sub + 1) / kSubBins, octave);
    return (low + high) / 2.0;
}

void LogHistogram::add(double value, quint64 times)
{
    if (std::isnan(value) || times == 0)
        return;
    if (m_count == 0) {
        m_max = value;
        m_min = value;
    } else {
        m_max = std::max(m_max, value);
        m_min = std::min(m_min, value);
    }
    m_count += times;
    if (value < 0) {
        if (!m_negative)
            m_negative = std::make_unique<std::array<quint32, kBins>>();
        (*m_negative)[size_t(binOf(-value))] += quint32(times);
        m_negativeCount += times;
        return;
    }
    m_positive[size_t(binOf(value))] += quint32(times);
}

void LogHistogram::merge(const LogHistogram &other)
{
    if (other.m_count == 0)
        return;
    if (m_count == 0) {
        m_max = other.m_max;
        m_min = other.m_min;
    } else {
        m_max = std::max(m_max, other.m_max);
        m_min = std::min(m_min, other.m_min);
    }
    m_count += other.m_count;
    m_negativeCount += other.m_negativeCount;
    for (int i = 0; i < kBins; ++i)
        m_positive[size_t(i)] += other.m_positive[size_t(i)];
    if (other.m_negative) {
        if (!m_negative)
            m_negative = std::make_unique<std::array<quint32, kBins>>();
        for (int i = 0; i < kBins; ++i)
            (*m_negative)[size_t(i)] += (*other.m_negative)[size_t(i)];
    }
}

double LogHistogram::quantile(double q) const
{
    if (m_count == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (q >= 1.0)
        return m_max;
    if (q <= 0.0)
        return m_min;
    const auto rank = quint64(std::ceil(q * double(m_count)));
    quint64 seen = 0;
    double result = m_max;
    bool found = false;
    if (m_negative) {
        for (int i = kBins - 1; i >= 0 && !found; --i) {
            seen += (*m_negative)[size_t(i)];
            if (seen >= rank) {
                result = -valueOf(i);
                found = true;
            }
        }
    }
    for (int i = 0; i < kBins && !found; ++i) {
        seen += m_positive[size_t(i)];
        if (seen >= rank) {
            result = valueOf(i);
            found = true;
        }
    }
    // A bin's midpoint can lie outside what was seen: clamp to the real range.
    return std::clamp(result, m_min, m_max);
}

void LogHistogram::clear()
{
    m_positive.fill(0);
    m_negative.reset();
    m_count = 0;
    m_negativeCount = 0;
    m_max = 0;
    m_min = 0;
}

} // namespace ssescope
