#pragma once

#include <QColor>

namespace ssescope::ui {

// Distinct, colour-blind-aware hues (Okabe-Ito first, then Tableau), so the
// same stream has the same colour in the table, the streams panel and charts.
QColor streamColor(int slot);

} // namespace ssescope::ui
