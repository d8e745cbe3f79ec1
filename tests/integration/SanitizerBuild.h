#pragma once

namespace ssescope::test {

// Whether this test was built with ASan or TSan. A sanitizer's quarantine and
// shadow memory grow on their own (ASan keeps freed socket buffers resident):
// memory figures are then reported, and checked against their bounds only in
// a plain build.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

} // namespace ssescope::test
