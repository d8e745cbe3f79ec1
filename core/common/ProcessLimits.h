#pragma once

namespace ssescope {

// Raises the soft limit on open files to the hard limit: a thousand streams
// need a thousand sockets, more than the usual soft limit of 1024 allows.
// Returns the limit now in force, or -1 if it could not be read.
long raiseOpenFileLimit();

// A "Name: value" field of /proc/self/status as a number (VmRSS and VmHWM are
// in KiB, Threads a count); -1 where it cannot be read.
long processStatusField(const char *name);

} // namespace ssescope
