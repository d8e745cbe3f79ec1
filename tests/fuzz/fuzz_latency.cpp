// The latency extractors: a spec (json:POINTER, regex:PATTERN, id, auto) and
// an event's id and data, all from the input. Parsing the spec must not
// crash, a valid spec must survive toSpec/fromSpec and toJson/fromJson, and
// extraction must give finite latencies; the auto-detector reads the same
// data as a first event.
#include "FuzzSupport.h"

#include "core/latency/JsonPointer.h"
#include "core/latency/LatencyAutoDetector.h"
#include "core/latency/LatencyExtractor.h"

#include <cmath>
#include <cstdio>
#include <limits>

using namespace ssescope;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::ensureApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Layout: unit byte, wall-clock byte, then "spec\nid\ndata".
    if (size < 2 || size > 8192)
        return 0;
    const auto unit = static_cast<TimeUnit>(data[0] % 5);
    // Arrival times around now, at the epoch, and at both ends of qint64.
    static constexpr qint64 kNows[]
        = { 1'700'000'000'000'000'000LL, 0, std::numeric_limits<qint64>::max(),
              std::numeric_limits<qint64>::min(), 1'700'000'000'000'000'000LL / 1000 };
    const qint64 now = kNows[data[1] % 5];
    const QByteArray input = fuzz::rawInput(data + 2, size - 2);

    const qsizetype specEnd = input.indexOf('\n');
    const QByteArrayView spec
        = specEnd < 0 ? QByteArrayView(input) : QByteArrayView(input).first(specEnd);
    QByteArrayView rest
        = specEnd < 0 ? QByteArrayView() : QByteArrayView(input).sliced(specEnd + 1);
    const qsizetype idEnd = rest.indexOf('\n');
    const QByteArrayView id = idEnd < 0 ? QByteArrayView() : rest.first(idEnd);
    const QByteArrayView eventData = idEnd < 0 ? rest : rest.sliced(idEnd + 1);

    // A pattern is the user's: a catastrophic one is slow by design, not a
    // bug, so patterns stay short enough that PCRE2's limits end them quickly.
    if (spec.startsWith("regex:") && (spec.size() > 40 || eventData.size() > 1024))
        return 0;

    QString error;
    const auto config = LatencyConfig::fromSpec(QString::fromUtf8(spec), &error);
    if (!config) {
        SSESCOPE_FUZZ_CHECK(!error.isEmpty());
    } else {
        LatencyConfig withUnit = *config;
        withUnit.unit = unit;
        const auto again = LatencyConfig::fromSpec(withUnit.toSpec(), nullptr);
        SSESCOPE_FUZZ_CHECK(
            again && again->source == config->source && again->expression == config->expression);
        const auto fromJson = LatencyConfig::fromJson(withUnit.toJson(), nullptr);
        SSESCOPE_FUZZ_CHECK(fromJson && fromJson->source == withUnit.source
            && fromJson->expression == withUnit.expression && fromJson->unit == withUnit.unit);

        LatencyExtractor extractor(withUnit);
        const auto latency = extractor.latencyMs(id, eventData, now);
        if (latency)
            SSESCOPE_FUZZ_CHECK(std::isfinite(*latency));
        SSESCOPE_FUZZ_CHECK(
            extractor.hits() + extractor.misses() == (extractor.isEnabled() ? 1u : 0u));
    }

    // The pointer parser on its own, and on the data.
    if (const auto pointer = JsonPointer::parse(spec, nullptr))
        (void)pointer->scalarIn(eventData);

    bool ambiguous = false;
    const auto found = LatencyAutoDetector::detectIn(eventData, now, &ambiguous);
    // Near 1970 the detector's window takes in numbers (1, 2, ...) that the
    // extractor refuses as send times; only a present-day "now" must agree.
    if (found && now == kNows[0]) {
        SSESCOPE_FUZZ_CHECK(found->source == LatencySource::JsonPointer);
        // What was detected must extract from the data it was found in.
        LatencyExtractor extractor(*found);
        if (!extractor.sendTimeNs({}, eventData))
            std::fprintf(stderr, "detected %s (unit %d) does not extract\n",
                qUtf8Printable(found->expression), int(found->unit));
        SSESCOPE_FUZZ_CHECK(extractor.sendTimeNs({}, eventData).has_value());
    }
    LatencyAutoDetector detector;
    for (int i = 0; i < LatencyAutoDetector::kMaxEvents + 1; ++i) {
        if (detector.offer(eventData, now) != LatencyAutoDetector::Verdict::Pending)
            break;
    }
    SSESCOPE_FUZZ_CHECK(detector.verdict() != LatencyAutoDetector::Verdict::Pending);
    return 0;
}
