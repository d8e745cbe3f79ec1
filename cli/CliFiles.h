#pragma once

#include <QString>

namespace ssescope::cli {

// A new or regular file is replaced whole, only once all of it is written;
// standard output ("-"), devices and FIFOs are written in place.
bool writesInPlace(const QString &path);

} // namespace ssescope::cli
