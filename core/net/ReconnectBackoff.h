#pragma once

#include "net/SubscriptionConfig.h"

#include <random>

namespace ssescope {

// Decides how long to wait before the next connection attempt.
// Strict: always the reconnection time (the server's retry: or the default).
// Resilient: after a healthy connection, the reconnection time; after each
// failure, full jitter over base * 2^(failures-1), capped.
class ReconnectBackoff final
{
public:
    explicit ReconnectBackoff(
        const ReconnectPolicy &policy, quint64 seed = std::random_device {}());

    void setBaseDelay(qint64 ms) { m_baseMs = ms; }
    qint64 baseDelay() const { return m_baseMs; }

    qint64 delayAfterHealthyConnection();
    qint64 delayAfterFailure();
    // The ceiling the next failure would draw from (what a user is shown).
    qint64 nextFailureCeiling() const;
    int consecutiveFailures() const { return m_failures; }
    bool attemptsExhausted() const;
    void reset() { m_failures = 0; }

private:
    ReconnectPolicy m_policy;
    qint64 m_baseMs;
    int m_failures = 0;
    std::mt19937_64 m_random;
};

} // namespace ssescope
