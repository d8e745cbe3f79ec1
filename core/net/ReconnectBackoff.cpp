#include "ReconnectBackoff.h"

#include <algorithm>
#include <limits>

namespace ssescope {

namespace {

constexpr qint64 kMaxTimerMs = std::numeric_limits<int>::max();

qint64 timerRange(qint64 ms)
{
    return std::clamp<qint64>(ms, 0, kMaxTimerMs);
}

} // namespace

ReconnectBackoff::ReconnectBackoff(const ReconnectPolicy &policy, quint64 seed)
    : m_policy(policy)
    , m_baseMs(timerRange(policy.initialRetryMs))
    , m_random(seed)
{ }

void ReconnectBackoff::setBaseDelay(qint64 ms)
{
    m_baseMs = timerRange(ms); // a server's retry: can be any size
}

qint64 ReconnectBackoff::delayAfterHealthyConnection()
{
    m_failures = 0;
    return m_baseMs;
}

qint64 ReconnectBackoff::nextFailureCeiling() const
{
    if (m_policy.kind == ReconnectPolicyKind::Strict)
        return m_baseMs;
    const qint64 cap = std::max(timerRange(m_policy.maxBackoffMs), m_baseMs);
    qint64 ceiling = std::max<qint64>(m_baseMs, 1);
    for (int i = 0; i <= m_failures && ceiling < cap; ++i)
        ceiling *= 2;
    return std::max(std::min(ceiling, cap), m_baseMs);
}

qint64 ReconnectBackoff::delayAfterFailure()
{
    const qint64 ceiling = nextFailureCeiling();
    ++m_failures;
    if (m_policy.kind == ReconnectPolicyKind::Strict)
        return ceiling;
    // Jitter on top of the reconnection time, never below it.
    std::uniform_int_distribution<qint64> jitter(0, ceiling - m_baseMs);
    return m_baseMs + jitter(m_random);
}

bool ReconnectBackoff::attemptsExhausted() const
{
    return m_policy.maxAttempts > 0 && m_failures >= m_policy.maxAttempts;
}

} // namespace ssescope
