#pragma once

#include <QByteArray>
#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace ssescope::fuzz {

// Qt's JSON, regular expressions and buffers need no event loop, but
// QCoreApplication sets up the locale and codecs once, as the programs do;
// it lives for the whole fuzzing run.
inline void ensureApplication(int *argc, char ***argv)
{
    if (!QCoreApplication::instance())
        new QCoreApplication(*argc, *argv); // deliberately never deleted
}

// The input as a QByteArray that does not copy it: the fuzzer's buffer is
// exactly sized, so ASan flags any read past its end.
inline QByteArray rawInput(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// An invariant broke: abort so libFuzzer keeps the input as a crash.
[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
    std::abort();
}

} // namespace ssescope::fuzz

#define SSESCOPE_FUZZ_CHECK(condition)                                                             \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ssescope::fuzz::fail(#condition);                                                      \
    } while (false)
