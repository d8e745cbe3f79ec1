// EventStore: append rate and the whole process's resident memory with one
// million small events held. Prints BENCH lines.   bench_store [--smoke]
#include "core/common/ProcessLimits.h"
#include "core/store/EventStore.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <chrono>
#include <vector>
#include <cstdio>

using namespace ssescope;

SseEvent makeEvent(int i)
{
    SseEvent e;
    e.stream = StreamId(i % 8);
    e.streamSeq = quint64(i);
    e.id = QByteArray::number(i);
    e.type = QByteArrayLiteral("message");
    e.data = "{\"seq\":" + QByteArray::number(i) + ",\"ts\":1764081234567.125,\"price\":101.25}";
    e.arrivalSteadyNs = qint64(i) * 1000;
    e.arrivalWallNs = 1'764'081'234'567'000'000LL + qint64(i) * 1000;
    e.chunkIndex = quint64(i / 50);
    e.wireBytes = quint32(e.data.size() + 16);
    return e;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const int count = smoke ? 20000 : 1'000'000;

    // Memory first, in a fresh process: events made one at a time, as the
    // network delivers them, so the heap holds the store and nothing else.
    long rssHeld = 0;
    {
        EventStore store;
        for (int i = 1; i <= count; ++i)
            store.append(makeEvent(i), 1.5);
        rssHeld = processStatusField("VmRSS");
        if (store.size() != count) {
            std::fprintf(stderr, "bench_store: stored %lld of %d\n",
                static_cast<long long>(store.size()), count);
            return 1;
        }
    }

    // Then the append rate, over events built before the clock starts.
    SseEventList events;
    events.reserve(65536);
    for (int i = 1; i <= 65536; ++i)
        events.push_back(makeEvent(i));
    std::vector<double> times;
    for (int run = 0; run < (smoke ? 1 : 5); ++run) {
        EventStore store;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < count; ++i)
            store.append(events[size_t(i) & 65535], 1.5);
        times.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    std::printf("BENCH store_append %.0f events/s\n", count / times[times.size() / 2]);
    std::printf(
        "BENCH store_rss_1m_events %.1f MB\n", double(rssHeld) / 1024.0 * (1'000'000.0 / count));
    return 0;
}
