#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

namespace ssescope {

// The bytes of one segment's events. A std::vector<char> zero-fills what it
// grows by and appends out of line; measured, those were a tenth of the
// owner's time per event. Copied tight, for a snapshot of the open segment.
class SegmentArena final
{
public:
    SegmentArena() = default;
    SegmentArena(const SegmentArena &other)
        : m_data(other.m_size ? new char[other.m_size] : nullptr)
        , m_size(other.m_size)
        , m_capacity(other.m_size)
    {
        if (m_size)
            std::memcpy(m_data.get(), other.m_data.get(), m_size);
    }
    SegmentArena(SegmentArena &&other) noexcept
        : m_data(std::move(other.m_data))
        , m_size(std::exchange(other.m_size, 0))
        , m_capacity(std::exchange(other.m_capacity, 0))
    { }
    SegmentArena &operator=(SegmentArena &&other) noexcept
    {
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        return *this;
    }
    SegmentArena &operator=(const SegmentArena &) = delete;

    const char *data() const { return m_data.get(); }
    char *data() { return m_data.get(); }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }

    void append(QByteArrayView bytes)
    {
        const auto n = size_t(bytes.size());
        if (n == 0)
            return;
        if (m_capacity - m_size < n)
            reallocate(std::max(m_size + n, m_capacity * 2));
        std::memcpy(m_data.get() + m_size, bytes.data(), n);
        m_size += n;
    }
    void reserve(size_t capacity)
    {
        if (capacity > m_capacity)
            reallocate(capacity);
    }
    void shrinkToFit()
    {
        if (m_capacity > m_size)
            reallocate(m_size);
    }

private:
    void reallocate(size_t capacity)
    {
        std::unique_ptr<char[]> data(capacity ? new char[capacity] : nullptr);
        if (m_size)
            std::memcpy(data.get(), m_data.get(), m_size);
        m_data = std::move(data);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_data;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

} // namespace ssescope
