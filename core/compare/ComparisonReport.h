#pragma once

#include "core/compare/RouteVerdict.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace ssescope {

// A route's figures with the verdict drawn from them: what every front end
// shows, computed once.
struct RouteReport
{
    RouteFigures figures;
    RouteVerdict verdict;
};

std::vector<RouteReport> judgeRoutes(const std::vector<RouteFigures> &figures);

// "NAME: VERDICT: explanation", the line `ssescope-cli compare` prints and
// the view shows beside each route's name.
QString verdictLine(const RouteReport &report);

// The figures as CSV (RFC 4180, a header row, times in ms, empty where there
// is nothing to measure), for the comparison view's "Export figures".
QByteArray comparisonCsv(const std::vector<RouteReport> &reports);

} // namespace ssescope
