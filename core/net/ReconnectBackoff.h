#pragma once

#include "core/net/SubscriptionConfig.h"

#include <algorithm>
#include <random>

namespace ssescope {

// Decides how long to wait before the next connection attempt. The
// reconnection time (the server's retry: or the default) is a minimum: a
// server that asked for 2 s must never be hit sooner.
// Strict: always exactly the reconnection time, as browsers do.
// Resilient: after a healthy connection, the reconnection time; after the
// n-th consecutive failure, the reconnection time plus full jitter up to a
// ceiling of base * 2^n, capped at max(maxBackoffMs, base).
// Every delay fits a QTimer: at most INT_MAX ms.
class ReconnectBackoff final
{
public:
    explicit ReconnectBackoff(
        const ReconnectPolicy &policy, quint64 seed = std::random_device {}());

    // A server's `retry:` is kept at no less than this: `retry: 0` from a
    // server that closes after each event made 1,360 reconnections a second.
    // Ten a second at most is still far quicker than any default a browser
    // uses (3 s in Chrome and Firefox).
    static constexpr qint64 kMinServerRetryMs = 100;

    void setBaseDelay(qint64 ms);
    void setServerRetry(qint64 ms) { setBaseDelay(std::max(ms, kMinServerRetryMs)); }
    qint64 baseDelay() const { return m_baseMs; }

    qint64 delayAfterHealthyConnection();
    qint64 delayAfterFailure();
    // The longest delay the next failure can draw (its shortest is the base).
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
