#pragma once

#include "core/compare/ComparisonReport.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace ssescope::cli {

// What `ssescope-cli compare` prints: first exactly one verdict line per
// route, in the routes' order ("NAME: VERDICT: explanation", which scripts
// and tests read line by line), then a blank line and a table of figures.
QByteArray compareReportText(const std::vector<RouteReport> &reports);

// Writes the report on stdout, or with csvPath "-" the CSV instead, and to
// any other csvPath the CSV as well. An exit code: ExitOk or ExitIo.
int writeCompareReport(const std::vector<RouteReport> &reports, const QString &csvPath);

} // namespace ssescope::cli
