// The capture importers: JSON Lines, raw text/event-stream and CSV, read from
// the input as a file would be. Reading must not crash whatever the bytes,
// importCapture must store exactly the events it counts, and what was stored
// must survive an export to JSON Lines and an import back.
#include "FuzzSupport.h"

#include "core/capture/CaptureIO.h"
#include "core/store/EventStore.h"

#include <QBuffer>

#include <cstdio>

using namespace ssescope;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::ensureApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static constexpr CaptureFormat kFormats[]
        = { CaptureFormat::JsonLines, CaptureFormat::RawSse, CaptureFormat::Csv };
    const CaptureFormat format = kFormats[data[0] % 3];
    QByteArray input = fuzz::rawInput(data + 1, size - 1);

    // The streaming reader, with its callbacks.
    {
        QBuffer device(&input);
        device.open(QIODevice::ReadOnly);
        CaptureStreams streams;
        qint64 events = 0;
        qint64 newStreams = 0;
        const ImportResult read = readCaptureEvents(
            format, &device, streams,
            [&](const SseEventView &event, std::optional<double> latency, const QByteArray &id) {
                SSESCOPE_FUZZ_CHECK(event.stream >= 1 && event.stream < streams.next);
                SSESCOPE_FUZZ_CHECK(id == event.id);
                // Invalid UTF-8 becomes U+FFFD: three bytes for each byte at most.
                SSESCOPE_FUZZ_CHECK(event.data.size() <= 3 * input.size());
                (void)latency;
                ++events;
            },
            [&](StreamId, const QString &) { ++newStreams; },
            [&](const CaptureReadError &error) { SSESCOPE_FUZZ_CHECK(error.line >= 0); });
        SSESCOPE_FUZZ_CHECK(read.events == events);
        SSESCOPE_FUZZ_CHECK(newStreams == streams.ids.size());
    }

    // Into a store, then out as JSON Lines and back in.
    EventStore store;
    {
        QBuffer device(&input);
        device.open(QIODevice::ReadOnly);
        const ImportResult imported = importCapture(format, &device, store);
        SSESCOPE_FUZZ_CHECK(imported.events == store.size() + qint64(store.droppedEvents()));
    }
    QByteArray exported;
    {
        QBuffer device(&exported);
        device.open(QIODevice::WriteOnly);
        const ExportResult result = exportStore(store, CaptureFormat::JsonLines, &device);
        SSESCOPE_FUZZ_CHECK(result.error.isEmpty());
        SSESCOPE_FUZZ_CHECK(result.written + result.refused == store.size());
    }
    EventStore again;
    {
        QBuffer device(&exported);
        device.open(QIODevice::ReadOnly);
        const ImportResult reimported = importCapture(CaptureFormat::JsonLines, &device, again);
        SSESCOPE_FUZZ_CHECK(reimported.fatalError.isEmpty());
        SSESCOPE_FUZZ_CHECK(reimported.errors.isEmpty());
        SSESCOPE_FUZZ_CHECK(again.size() == store.size());
        for (qint64 row = 0; row < again.size(); ++row) {
            const StoredEventView a = store.at(row);
            const StoredEventView b = again.at(row);
            if (a.data != b.data)
                std::fprintf(stderr, "stored %s, read back %s from:\n%s\n",
                    a.data.toByteArray().toHex(' ').constData(),
                    b.data.toByteArray().toHex(' ').constData(), exported.constData());
            SSESCOPE_FUZZ_CHECK(a.data == b.data);
            SSESCOPE_FUZZ_CHECK(a.id == b.id);
        }
    }
    return 0;
}
