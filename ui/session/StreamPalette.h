#pragma once

#include <QColor>
#include <QSet>
#include <QString>

namespace ssescope::ui {

// Distinct, colour-blind-aware hues (Okabe-Ito first, then Tableau), so the
// same stream has the same colour in the table, the streams panel and charts.
QColor streamColor(int slot);

// The palette has this many hand-picked colours; slots past it are computed.
inline constexpr int kPaletteSize = 12;

// The slot a stream called name takes, so that its colour depends on its name
// and not on the order streams were added or a capture was read: a hash of the
// name (the same in every run) picks a palette colour; if another name holds
// it, the next free one; once the palette is full, the first slot past it.
int paletteSlotForName(const QString &name, const QSet<int> &taken);

} // namespace ssescope::ui
