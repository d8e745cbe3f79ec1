#pragma once

#include <QtGlobal>

#include <array>
#include <cmath>
#include <memory>

namespace ssescope {

// A log-linear histogram of signed values: 8 linear bins per power of two
// from 1 to 2^34 (in the caller's unit; stats use microseconds, so 1 µs to
// 4.7 h). A quantile is a bin's midpoint: off by at most 1/16 (6.25%) of its
// value, and by 0.5 near zero.
// Fixed size, mergeable, no allocation per value.
class LogHistogram final
{
public:
    static constexpr int kSubBins = 8;
    static constexpr int kOctaves = 34;
    static constexpr int kBins = 1 + kOctaves * kSubBins;
    static constexpr double kRelativeError = 0.0625;

    void add(double value) { add(value, 1); }
    void add(double value, quint64 times); // as `times` add(value) calls
    void merge(const LogHistogram &other);
    quint64 count() const { return m_count; }
    double max() const { return m_max; }
    double min() const { return m_min; }
    // q in [0, 1]; NaN when empty. The exact max is returned for q = 1.
    double quantile(double q) const;
    void clear();
    // Walks the non-empty bins of values >= 0, lowest first, as
    // fn(lowValue, highValue, count): enough to draw the distribution.
    // Bin 0 holds [0, 1). Negative values (rare: clock skew) are not walked.
    template<typename Fn> void forEachBin(Fn &&fn) const
    {
        for (int bin = 0; bin < kBins; ++bin) {
            const quint32 count = m_positive[size_t(bin)];
            if (count == 0)
                continue;
            if (bin == 0) {
                fn(0.0, 1.0, quint64(count));
                continue;
            }
            const int octave = (bin - 1) / kSubBins;
            const int sub = (bin - 1) % kSubBins;
            fn(std::ldexp(1.0 + double(sub) / kSubBins, octave),
                std::ldexp(1.0 + double(sub + 1) / kSubBins, octave), quint64(count));
        }
    }

private:
    static int binOf(double magnitude);
    static double valueOf(int bin);

    std::array<quint32, kBins> m_positive {};
    std::unique_ptr<std::array<quint32, kBins>> m_negative; // only once a value < 0 arrives
    quint64 m_count = 0;
    quint64 m_negativeCount = 0;
    double m_max = 0;
    double m_min = 0;
};

} // namespace ssescope
