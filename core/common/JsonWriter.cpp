#include "JsonWriter.h"

#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ssescope {

#if defined(__SSE2__)
namespace {

// A bit for every byte of v that JSON must escape.
inline unsigned escapeMask(__m128i v)
{
    const __m128i space = _mm_set1_epi8(0x20);
    // Unsigned v < 0x20 is max(v, 0x20) != v.
    const __m128i control
        = _mm_xor_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, space), v), _mm_set1_epi8(-1));
    const __m128i special = _mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    return unsigned(_mm_movemask_epi8(_mm_or_si128(special, control)));
}

} // namespace
#endif

void appendJsonString(ByteBuffer &out, QByteArrayView s)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    // Qt's JSON parser drops a U+FEFF (a BOM) that starts a string, as if it
    // began a document, but keeps it written as an escape: data or an id that
    // began with one lost it through JSON Lines (found by fuzz_capture).
    if (s.startsWith("\xEF\xBB\xBF")) {
        out.appendLiteral("\\ufeff");
        s = s.sliced(3);
    }
    const char *p = s.data();
    const char *end = p + s.size();
    const char *run = p; // start of the bytes not yet copied
    const auto escape = [&](const char *at) {
        const auto c = uchar(*at);
        out.append(run, at - run);
        run = at + 1;
        switch (c) {
        case '"':
            out.appendLiteral("\\\"");
            break;
        case '\\':
            out.appendLiteral("\\\\");
            break;
        case '\n':
            out.appendLiteral("\\n");
            break;
        case '\r':
            out.appendLiteral("\\r");
            break;
        case '\t':
            out.appendLiteral("\\t");
            break;
        default: {
            const char escaped[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            out.append(escaped, 6);
        }
        }
    };
#if defined(__SSE2__)
    // Sixteen bytes at a time: a mask of the bytes to escape, then only those.
    // (Copying whole blocks with overlapping stores ran slower when measured.)
    while (end - p >= 16) {
        unsigned mask = escapeMask(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
        while (mask) {
            escape(p + __builtin_ctz(mask));
            mask &= mask - 1;
        }
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const auto c = uchar(*p);
        if (c < 0x20 || c == '"' || c == '\\')
            escape(p);
    }
    out.append(run, end - run);
    out.append('"');
}

void appendJsonString(QByteArray &out, QByteArrayView s)
{
    ByteBuffer buffer(s.size() + 16);
    appendJsonString(buffer, s);
    out.append(buffer.data(), buffer.size());
}

void JsonObjectWriter::appendKey(const char *key)
{
    m_text += m_text.isEmpty() ? '{' : ',';
    appendJsonString(m_text, key);
    m_text += ':';
}

JsonObjectWriter &JsonObjectWriter::string(const char *key, QByteArrayView value)
{
    appendKey(key);
    appendJsonString(m_text, value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::number(const char *key, qint64 value)
{
    appendKey(key);
    m_text += QByteArray::number(value);
    return *this;
}

QByteArray JsonObjectWriter::take()
{
    if (m_text.isEmpty())
        m_text += '{';
    m_text += '}';
    return std::exchange(m_text, QByteArray());
}

} // namespace ssescope
