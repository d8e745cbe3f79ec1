#pragma once

namespace ssescope {

// Raises the soft limit on open files to the hard limit: a thousand streams
// need a thousand sockets, more than the usual soft limit of 1024 allows.
// Returns the limit now in force, or -1 if it could not be read.
long raiseOpenFileLimit();

} // namespace ssescope
