#include "Clock.h"

#include <chrono>

namespace ssescope {

qint64 steadyNowNs() noexcept
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

qint64 wallNowNs() noexcept
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

ChunkStamp stampNow(quint64 chunkIndex) noexcept
{
    return ChunkStamp { steadyNowNs(), wallNowNs(), chunkIndex };
}

} // namespace ssescope
