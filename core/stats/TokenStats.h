#pragma once

#include "core/stats/LogHistogram.h"

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <limits>

namespace ssescope {

// What the streams panel and --stats show of a token stream.
struct TokenFigures
{
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    quint64 tokens = 0; // delta events, over the stream's life
    quint64 replies = 0; // requests that delivered a first token
    double ttftMs = kNone; // time to first token of the latest reply, from its request
    double ttftP50Ms = kNone; // over every reply
    double gapP50Ms = kNone; // inter-token gaps within replies, over the stream's life
    double gapP99Ms = kNone;
    quint64 gaps = 0;
    double tokensPerSecond = kNone; // of the latest reply: (tokens - 1) over first to last
};

// One token stream's figures. A "token" is a delta event (as AIPerf-style
// tools count without a tokenizer); a reply is what one request delivered, so
// a gap across a reconnection is not an inter-token gap. Fixed size apart from
// the bounded reply text and the bounded list of request starts.
class TokenStats final
{
public:
    static constexpr qsizetype kMaxReplyBytes = 64 * 1024; // the newest text is kept
    static constexpr size_t kMaxRequests = 4096;

    // The connection counters' facts: the latest request's start, and its
    // first token's arrival once it came (0 until then). Steady clock.
    void noteRequest(qint64 requestNs, qint64 firstTokenNs);
    void recordToken(qint64 arrivalNs, QByteArrayView text);

    TokenFigures figures() const;
    // The latest reply's text, at most kMaxReplyBytes (its newest part).
    const QByteArray &replyText() const { return m_reply; }
    bool replyTruncated() const { return m_replyTruncated; }
    // Where the reply holding a token that arrived at arrivalNs began: the
    // latest known request start at or before it (the oldest kept, or the
    // minimum, when none is known).
    qint64 replyStartFor(qint64 arrivalNs) const;

private:
    quint64 m_tokens = 0;
    quint64 m_replies = 0;
    qint64 m_requestNs = std::numeric_limits<qint64>::min(); // the current reply's request
    qint64 m_firstTokenSeenNs = 0;
    qint64 m_lastTtftNs = -1;
    LogHistogram m_ttftUs;
    LogHistogram m_gapsUs;
    qint64 m_lastTokenNs = 0;
    bool m_haveLastToken = false;
    quint64 m_replyTokens = 0;
    qint64 m_replyFirstNs = 0;
    qint64 m_replyLastNs = 0;
    QByteArray m_reply;
    bool m_replyTruncated = false;
    std::deque<qint64> m_requests; // starts, oldest first
};

} // namespace ssescope
