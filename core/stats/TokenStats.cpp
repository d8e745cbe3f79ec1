#include "TokenStats.h"

#include "core/sse/Utf8.h"

#include <algorithm>

namespace ssescope {

void TokenStats::noteRequest(qint64 requestNs, qint64 firstTokenNs)
{
    if (requestNs > 0 && requestNs > m_requestNs) {
        m_requestNs = requestNs;
        m_requests.push_back(requestNs);
        if (m_requests.size() > kMaxRequests)
            m_requests.pop_front();
        m_replyTokens = 0;
        m_reply.clear();
        m_replyTruncated = false;
    }
    if (firstTokenNs > 0 && firstTokenNs != m_firstTokenSeenNs && requestNs > 0
        && firstTokenNs >= requestNs) {
        m_firstTokenSeenNs = firstTokenNs;
        m_lastTtftNs = firstTokenNs - requestNs;
        m_ttftUs.add(double(m_lastTtftNs) / 1e3);
        ++m_replies;
    }
}

void TokenStats::recordToken(qint64 arrivalNs, QByteArrayView text)
{
    ++m_tokens;
    const bool previousInReply = m_haveLastToken && m_lastTokenNs >= m_requestNs;
    m_haveLastToken = true;
    m_lastTokenNs = arrivalNs;
    // A token of a request older than the one noted last (both came in one
    // batch): counted, but no part of the current reply.
    if (arrivalNs < m_requestNs)
        return;
    if (m_replyTokens > 0 && previousInReply)
        m_gapsUs.add(double(arrivalNs - m_replyLastNs) / 1e3);
    if (m_replyTokens == 0)
        m_replyFirstNs = arrivalNs;
    ++m_replyTokens;
    m_replyLastNs = arrivalNs;
    m_reply.append(text);
    // Cut at twice the bound, back to the bound: amortised, one move per
    // kMaxReplyBytes appended. Never inside a UTF-8 sequence.
    if (m_reply.size() > 2 * kMaxReplyBytes && utf8::keepTail(m_reply, kMaxReplyBytes))
        m_replyTruncated = true;
}

TokenFigures TokenStats::figures() const
{
    TokenFigures f;
    f.tokens = m_tokens;
    f.replies = m_replies;
    if (m_lastTtftNs >= 0) {
        f.ttftMs = double(m_lastTtftNs) / 1e6;
        f.ttftP50Ms = m_ttftUs.quantile(0.5) / 1e3;
    }
    f.gaps = m_gapsUs.count();
    if (f.gaps > 0) {
        f.gapP50Ms = m_gapsUs.quantile(0.5) / 1e3;
        f.gapP99Ms = m_gapsUs.quantile(0.99) / 1e3;
    }
    if (m_replyTokens >= 2 && m_replyLastNs > m_replyFirstNs)
        f.tokensPerSecond
            = double(m_replyTokens - 1) * 1e9 / double(m_replyLastNs - m_replyFirstNs);
    return f;
}

qint64 TokenStats::replyStartFor(qint64 arrivalNs) const
{
    const auto after = std::upper_bound(m_requests.begin(), m_requests.end(), arrivalNs);
    if (after == m_requests.begin())
        return m_requests.empty() || m_requests.size() < kMaxRequests
            ? std::numeric_limits<qint64>::min()
            : m_requests.front();
    return *std::prev(after);
}

} // namespace ssescope
