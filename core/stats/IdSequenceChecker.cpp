#include "IdSequenceChecker.h"

#include <QByteArrayView>

namespace ssescope {

std::optional<quint64> IdSequenceChecker::parse(QByteArrayView id)
{
    // 19 digits always fit in 64 bits; 20 may not.
    if (id.isEmpty() || id.size() > 19)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : id) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    return value;
}

void IdSequenceChecker::add(QByteArrayView id, IdOrigin origin)
{
    if (origin == IdOrigin::CarriedOver)
        return;
    const std::optional<quint64> value = parse(id);
    if (!value) {
        m_hasPrevious = false;
        if (m_state == State::Checking)
            m_state = State::Paused;
        else if (m_state == State::Detecting)
            m_run = 0;
        return;
    }
    const quint64 v = *value;
    if (origin == IdOrigin::Unknown && m_hasPrevious && v == m_previous)
        return;
    m_previous = v;
    m_hasPrevious = true;
    switch (m_state) {
    case State::Detecting:
        // An id sent again (every event twice, say) neither breaks the run
        // nor is counted yet: once checking, it is a duplicate.
        if (m_run > 0 && v == m_last)
            return;
        m_run = (m_run > 0 && v == m_last + 1) ? m_run + 1 : 1;
        m_last = v;
        if (m_run >= kDetectIds) {
            m_state = State::Checking;
            m_engaged = true;
        }
        return;
    case State::Paused:
        m_state = State::Checking;
        m_last = v;
        return;
    case State::Checking:
        if (v > m_last) {
            m_gaps += v - m_last - 1;
            m_last = v;
        } else {
            ++m_duplicates;
        }
        return;
    }
}

} // namespace ssescope
