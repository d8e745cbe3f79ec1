#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

namespace ssescope {

// One unaligned word from p: what the short-string helpers below are built of.
template<typename Word> inline Word loadWord(const char *p) noexcept
{
    Word word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

// Equality of two short byte strings without a library call: the hot paths
// compare ids and types of a few bytes per event, where a call to memcmp
// (or QByteArrayView's operator==) cost more than the comparison itself.
inline bool sameBytes(QByteArrayView a, QByteArrayView b) noexcept
{
    const qsizetype n = a.size();
    if (n != b.size())
        return false;
    const char *x = a.data();
    const char *y = b.data();
    if (n > 16 || x == y)
        return x == y || std::memcmp(x, y, size_t(n)) == 0;
    // Two overlapping loads cover every length from 4 to 16.
    if (n >= 8) {
        return ((loadWord<quint64>(x) ^ loadWord<quint64>(y))
                   | (loadWord<quint64>(x + n - 8) ^ loadWord<quint64>(y + n - 8)))
            == 0;
    }
    if (n >= 4) {
        return ((loadWord<quint32>(x) ^ loadWord<quint32>(y))
                   | (loadWord<quint32>(x + n - 4) ^ loadWord<quint32>(y + n - 4)))
            == 0;
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (x[i] != y[i])
            return false;
    }
    return true;
}

// memcpy for the few bytes of an id or a type, without the library call;
// larger copies go to memcpy.
// GCC at -O1 with the sanitizers cannot bound n where a caller copies out of a
// small array (a 32-byte time text) and warns about the memcpy branch that
// such a copy never reaches; the branches themselves are exact (tst_bytebuffer).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
inline void copyBytes(char *to, const char *from, qsizetype n) noexcept
{
    if (n > 64) {
        std::memcpy(to, from, size_t(n));
    } else if (n > 16) {
        // Sixteen-byte blocks and one overlapping tail: the short runs between
        // a JSON string's escapes, where the library call cost more than the copy.
        qsizetype i = 0;
        for (; i + 16 <= n; i += 16) {
            const auto a = loadWord<quint64>(from + i);
            const auto b = loadWord<quint64>(from + i + 8);
            std::memcpy(to + i, &a, 8);
            std::memcpy(to + i + 8, &b, 8);
        }
        if (i < n) {
            const auto a = loadWord<quint64>(from + n - 16);
            const auto b = loadWord<quint64>(from + n - 8);
            std::memcpy(to + n - 16, &a, 8);
            std::memcpy(to + n - 8, &b, 8);
        }
    } else if (n >= 8) {
        const auto head = loadWord<quint64>(from);
        const auto tail = loadWord<quint64>(from + n - 8);
        std::memcpy(to, &head, 8);
        std::memcpy(to + n - 8, &tail, 8);
    } else if (n >= 4) {
        const auto head = loadWord<quint32>(from);
        const auto tail = loadWord<quint32>(from + n - 4);
        std::memcpy(to, &head, 4);
        std::memcpy(to + n - 4, &tail, 4);
    } else {
        for (qsizetype i = 0; i < n; ++i)
            to[i] = from[i];
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// A growable byte buffer for the hot paths: the parser's reused field
// buffers and the capture writers' output. QByteArray::append() and resize()
// cost a detach check and an out-of-line call each, which was a third of the
// CLI's time when measured; these inline appends are a bounds check and a
// memcpy. Inline on purpose.
class ByteBuffer final
{
public:
    explicit ByteBuffer(qsizetype capacity = 256)
        : m_data(allocate(capacity))
        , m_capacity(capacity)
    { }
    // Moving leaves an empty buffer that can be used again.
    ByteBuffer(ByteBuffer &&other) noexcept
        : m_data(std::move(other.m_data))
        , m_capacity(std::exchange(other.m_capacity, 0))
        , m_size(std::exchange(other.m_size, 0))
    { }
    ByteBuffer &operator=(ByteBuffer &&other) noexcept
    {
        m_data = std::move(other.m_data);
        m_capacity = std::exchange(other.m_capacity, 0);
        m_size = std::exchange(other.m_size, 0);
        return *this;
    }
    // A copy is tight: its capacity is the size (a snapshot of a store segment).
    ByteBuffer(const ByteBuffer &other)
        : m_data(allocate(other.m_size))
        , m_capacity(other.m_size)
        , m_size(other.m_size)
    {
        if (m_size > 0)
            std::memcpy(m_data.get(), other.m_data.get(), size_t(m_size));
    }
    ByteBuffer &operator=(const ByteBuffer &) = delete;

    void append(const char *bytes, qsizetype n)
    {
        if (n == 0)
            return;
        char *at = reserve(n);
        copyBytes(at, bytes, n);
        m_size += n;
    }
    void append(QByteArrayView bytes) { append(bytes.data(), bytes.size()); }
    template<size_t N> void appendLiteral(const char (&literal)[N])
    {
        append(literal, qsizetype(N - 1));
    }
    void append(char c)
    {
        *reserve(1) = c;
        ++m_size;
    }
    void appendUInt(quint64 value)
    {
        // Counted first, then written backwards in place, two digits a step.
        static constexpr char pairs[]
            = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
              "8081828384858687888990919293949596979899";
        int digits = 1;
        for (quint64 v = value; v >= 10; v /= 10)
            ++digits;
        char *o = reserve(digits) + digits;
        while (value >= 100) {
            const auto pair = unsigned(value % 100) * 2;
            value /= 100;
            *--o = pairs[pair + 1];
            *--o = pairs[pair];
        }
        if (value >= 10) {
            *--o = pairs[unsigned(value) * 2 + 1];
            *--o = pairs[unsigned(value) * 2];
        } else {
            *--o = char('0' + value);
        }
        m_size += digits;
    }
    void appendInt(qint64 value)
    {
        if (value < 0) {
            append('-');
            appendUInt(quint64(-(value + 1)) + 1);
        } else {
            appendUInt(quint64(value));
        }
    }

    // Room for n more bytes at the returned pointer; commit() what was written.
    char *reserve(qsizetype n)
    {
        if (m_size + n > m_capacity)
            grow(m_size + n);
        return m_data.get() + m_size;
    }
    void commit(qsizetype n) { m_size += n; }
    // Room for capacity bytes in all, allocated now (e.g. to prefault it).
    void ensureCapacity(qsizetype capacity)
    {
        if (capacity > m_capacity)
            reallocate(capacity);
    }
    void shrinkToFit()
    {
        if (m_capacity > m_size)
            reallocate(m_size);
    }

    void assign(QByteArrayView bytes)
    {
        m_size = 0;
        append(bytes);
    }
    QByteArrayView view() const { return QByteArrayView(m_data.get(), m_size); }
    QByteArray toByteArray() const { return QByteArray(m_data.get(), m_size); }
    const char *data() const { return m_data.get(); }
    char *data() { return m_data.get(); }
    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    void clear() { m_size = 0; }

private:
    // Not zero-filled: every byte is written before it is read.
    static std::unique_ptr<char[]> allocate(qsizetype capacity)
    {
        return std::unique_ptr<char[]>(new char[size_t(capacity)]);
    }
    void grow(qsizetype needed) { reallocate(std::max(m_capacity * 2, needed)); }
    void reallocate(qsizetype capacity)
    {
        auto data = allocate(capacity);
        if (m_size > 0)
            std::memcpy(data.get(), m_data.get(), size_t(m_size));
        m_data = std::move(data);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_data;
    qsizetype m_capacity;
    qsizetype m_size = 0;
};

} // namespace ssescope
