#pragma once

#include <QtGlobal>

namespace ssescope {

// One stamp per network read. Steady time orders and measures; wall time is
// what a user reads and what send timestamps in events are compared with.
struct ChunkStamp
{
    qint64 steadyNs = 0; // monotonic, process-local
    qint64 wallNs = 0; // nanoseconds since the Unix epoch, UTC
    quint64 chunkIndex = 0;
};

qint64 steadyNowNs() noexcept;
qint64 wallNowNs() noexcept;
ChunkStamp stampNow(quint64 chunkIndex) noexcept;

} // namespace ssescope
