#pragma once

#include "app/cli/CliOptions.h"

namespace ssescope::cli {

// "ssescope-cli stats CAPTURE": whole-capture figures per stream, on stdout.
int runStats(const StatsOptions &options);
// "ssescope-cli convert IN OUT": record by record, comments kept where the
// output format has room for them.
int runConvert(const ConvertOptions &options);

} // namespace ssescope::cli
