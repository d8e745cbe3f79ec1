#include "CliTokenTable.h"

#include "app/cli/TableCell.h"

namespace ssescope::cli {

QByteArray tokenTable(const CaptureStats &stats, const QList<QPair<StreamId, QByteArray>> &streams)
{
    QByteArray out;
    for (const auto &[stream, name] : streams) {
        const TokenStats *tokens = stats.findTokens(stream);
        if (!tokens)
            continue;
        if (out.isEmpty())
            out = "token stream         ttft ms  ttft p50  itl p50  itl p99    tok/s    tokens "
                  "replies\n";
        const TokenFigures f = tokens->figures();
        out += name.left(20).leftJustified(20, ' ') + tableCell(f.ttftMs, 9, 1)
            + tableCell(f.ttftP50Ms, 10, 1) + tableCell(f.gapP50Ms, 9, 1)
            + tableCell(f.gapP99Ms, 9, 1) + tableCell(f.tokensPerSecond, 9, 1)
            + tableCell(f.tokens, 10) + tableCell(f.replies, 8) + '\n';
    }
    return out;
}

} // namespace ssescope::cli
