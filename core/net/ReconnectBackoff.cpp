#include "ReconnectBackoff.h"

#include <algorithm>

namespace ssescope {

ReconnectBackoff::ReconnectBackoff(const ReconnectPolicy &policy, quint64 seed)
    : m_policy(policy)
    , m_baseMs(policy.initialRetryMs)
    , m_random(seed)
{ }

qint64 ReconnectBackoff::delayAfterHealthyConnection()
{
    m_failures = 0;
    return m_baseMs;
}

qint64 ReconnectBackoff::nextFailureCeiling() const
{
    if (m_policy.kind == ReconnectPolicyKind::Strict)
        return m_baseMs;
    const qint64 cap = std::max(m_policy.maxBackoffMs, m_baseMs);
    qint64 ceiling = std::max<qint64>(m_baseMs, 1);
    for (int i = 0; i < m_failures && ceiling < cap; ++i)
        ceiling *= 2;
    return std::min(ceiling, cap);
}

qint64 ReconnectBackoff::delayAfterFailure()
{
    const qint64 ceiling = nextFailureCeiling();
    ++m_failures;
    if (m_policy.kind == ReconnectPolicyKind::Strict)
        return ceiling;
    std::uniform_int_distribution<qint64> jitter(0, ceiling);
    return jitter(m_random);
}

bool ReconnectBackoff::attemptsExhausted() const
{
    return m_policy.maxAttempts > 0 && m_failures >= m_policy.maxAttempts;
}

} // namespace ssescope
