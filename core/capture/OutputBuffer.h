#pragma once

#include <QByteArrayView>

#include <cstring>
#include <memory>

namespace ssescope {

// The writers' output buffer. QByteArray::append() costs a detach check and
// an out-of-line call per piece, which was a third of the CLI's time when
// measured; these inline appends are a bounds check and a memcpy. Inline on
// purpose: this is the hot path of every export.
class OutputBuffer final
{
public:
    explicit OutputBuffer(qsizetype capacity = 512 * 1024)
        : m_data(std::make_unique<char[]>(size_t(capacity)))
        , m_capacity(capacity)
    {
    }

    void append(const char *bytes, qsizetype n)
    {
        char *at = reserve(n);
        std::memcpy(at, bytes, size_t(n));
        m_size += n;
    }
    void append(QByteArrayView bytes) { append(bytes.data(), bytes.size()); }
    template<size_t N>
    void appendLiteral(const char (&literal)[N])
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
        char digits[20];
        int n = 0;
        do {
            digits[n++] = char('0' + value % 10);
            value /= 10;
        } while (value);
        char *at = reserve(n);
        for (int i = 0; i < n; ++i)
            at[i] = digits[n - 1 - i];
        m_size += n;
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

    const char *data() const { return m_data.get(); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear() { m_size = 0; }

private:
    void grow(qsizetype needed)
    {
        qsizetype capacity = m_capacity * 2;
        while (capacity < needed)
            capacity *= 2;
        auto data = std::make_unique<char[]>(size_t(capacity));
        std::memcpy(data.get(), m_data.get(), size_t(m_size));
        m_data = std::move(data);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_data;
    qsizetype m_capacity;
    qsizetype m_size = 0;
};

} // namespace ssescope
