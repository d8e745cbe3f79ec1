#include "Prefault.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace ssescope {

void prefaultForWriting(void *data, size_t bytes)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    static const auto page = uintptr_t(sysconf(_SC_PAGESIZE));
    if (!data || page == 0)
        return;
    // Only whole pages inside the block: its neighbours are not ours to touch.
    const uintptr_t begin = (uintptr_t(data) + page - 1) & ~(page - 1);
    const uintptr_t end = (uintptr_t(data) + bytes) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE); // best effort
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace ssescope
