#pragma once

#include "core/stats/StreamStats.h"

#include <QByteArray>

#include <cmath>

namespace ssescope::cli {

// Right-aligned cells of the CLI's text tables. A value wider than its column
// (a latency of years from a skewed clock, eleven-digit counts) still gets one
// space before it, so neighbouring columns never run together.
inline QByteArray tableCell(const QByteArray &text, int width)
{
    return text.size() >= width ? ' ' + text : text.rightJustified(width, ' ');
}

inline QByteArray tableCell(double value, int width, int decimals)
{
    if (std::isnan(value))
        return QByteArray(width - 1, ' ') + '-';
    return tableCell(QByteArray::number(value, 'f', decimals), width);
}

inline QByteArray tableCell(quint64 value, int width)
{
    return tableCell(QByteArray::number(value), width);
}

// The gaps and dups columns (core/stats/IdSequenceChecker): "-" for a stream
// whose ids do not count up.
inline QByteArray idCells(const StatsTotals &totals)
{
    if (!totals.idsCounted)
        return tableCell(QByteArray("-"), 8) + tableCell(QByteArray("-"), 8);
    return tableCell(totals.idGaps, 8) + tableCell(totals.idDuplicates, 8);
}

} // namespace ssescope::cli
