#pragma once

#include <cstddef>
#include <cstring>

namespace ssescope {

// For the short ids and types compared per event: a memcmp call costs more
// than the comparison of a few bytes inline.
inline bool bytesEqual(const char *a, const char *b, size_t n) noexcept
{
    if (n > 16)
        return std::memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

} // namespace ssescope
