#include "Utf8.h"

#include <cstring>
#include <utility>

namespace ssescope::utf8 {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

// Returns the length of the valid sequence starting at p, or 0 with
// *invalidLength set to the size of the maximal subpart to replace.
qsizetype validSequenceLength(const uchar *p, const uchar *end, qsizetype *invalidLength) noexcept
{
    const uchar lead = *p;
    int needed = 0;
    uchar lower = 0x80;
    uchar upper = 0xBF;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 2;
        if (lead == 0xE0)
            lower = 0xA0;
        else if (lead == 0xED)
            upper = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 3;
        if (lead == 0xF0)
            lower = 0x90;
        else if (lead == 0xF4)
            upper = 0x8F;
    } else {
        *invalidLength = 1;
        return 0;
    }
    qsizetype seen = 1;
    for (int i = 0; i < needed; ++i) {
        if (p + seen >= end || p[seen] < lower || p[seen] > upper) {
            *invalidLength = seen;
            return 0;
        }
        lower = 0x80;
        upper = 0xBF;
        ++seen;
    }
    return seen;
}

qsizetype firstInvalid(QByteArrayView bytes) noexcept
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const auto *end = p + bytes.size();
    const auto *begin = p;
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        qsizetype invalid = 0;
        const qsizetype n = validSequenceLength(p, end, &invalid);
        if (n == 0)
            return p - begin;
        p += n;
    }
    return -1;
}

QByteArray repaired(QByteArrayView bytes, qsizetype firstBad)
{
    QByteArray out;
    out.reserve(bytes.size() + 8);
    out.append(bytes.data(), firstBad);
    const auto *p = reinterpret_cast<const uchar *>(bytes.data()) + firstBad;
    const auto *end = reinterpret_cast<const uchar *>(bytes.data()) + bytes.size();
    while (p < end) {
        qsizetype invalid = 0;
        const qsizetype n = *p < 0x80 ? 1 : validSequenceLength(p, end, &invalid);
        if (n > 0) {
            out.append(reinterpret_cast<const char *>(p), n);
            p += n;
        } else {
            out.append(kReplacement, 3);
            p += invalid;
        }
    }
    return out;
}

} // namespace

bool isAscii(QByteArrayView bytes) noexcept
{
    constexpr quint64 kHigh = 0x8080808080808080ULL;
    const char *p = bytes.data();
    const qsizetype n = bytes.size();
    if (n < 8) {
        // Short ids and types: two overlapping loads, no loop.
        if (n >= 4) {
            quint32 head;
            quint32 tail;
            std::memcpy(&head, p, 4);
            std::memcpy(&tail, p + n - 4, 4);
            return ((head | tail) & quint32(kHigh)) == 0;
        }
        uchar any = 0;
        for (qsizetype i = 0; i < n; ++i)
            any |= uchar(p[i]);
        return any < 0x80;
    }
    const char *const last = p + n - 8;
    // OR four words together and test once: fewer branches per byte.
    for (; p + 32 <= last + 8; p += 32) {
        quint64 w[4];
        std::memcpy(w, p, 32);
        if ((w[0] | w[1] | w[2] | w[3]) & kHigh)
            return false;
    }
    quint64 any = 0;
    for (; p < last; p += 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        any |= word;
    }
    // The last word overlaps the one before rather than ending byte by byte.
    quint64 word;
    std::memcpy(&word, last, 8);
    return ((any | word) & kHigh) == 0;
}

QByteArray sanitized(QByteArrayView bytes)
{
    if (isAscii(bytes))
        return bytes.toByteArray();
    const qsizetype bad = firstInvalid(bytes);
    return bad < 0 ? bytes.toByteArray() : repaired(bytes, bad);
}

bool keepTail(QByteArray &text, qsizetype maxBytes)
{
    if (text.size() <= maxBytes)
        return false;
    qsizetype from = text.size() - maxBytes;
    while (from < text.size() && (uchar(text.at(from)) & 0xC0) == 0x80)
        ++from;
    text.remove(0, from);
    return true;
}

} // namespace ssescope::utf8
