// The workspace file loader: whatever a .ssescope file holds, fromJson
// either refuses it with a message or gives a workspace within its limits
// that saves and loads back to the same streams.
#include "FuzzSupport.h"

#include "core/session/Workspace.h"

#include <cstdio>

using namespace ssescope;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::ensureApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::rawInput(data, size);
    QString error;
    const auto workspace = Workspace::fromJson(input, &error);
    if (!workspace) {
        SSESCOPE_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    SSESCOPE_FUZZ_CHECK(workspace->streams.size() <= Workspace::kMaxStreams);

    // Saved with its secrets, so nothing is left out of the comparison.
    Workspace keep = *workspace;
    keep.keepSecrets = true;
    QString againError;
    const auto again = Workspace::fromJson(keep.toJson(), &againError);
    if (!again)
        std::fprintf(stderr, "saved workspace does not load: %s\n%s\n", qUtf8Printable(againError),
            keep.toJson().constData());
    SSESCOPE_FUZZ_CHECK(again.has_value());
    SSESCOPE_FUZZ_CHECK(again->streams.size() == workspace->streams.size());
    for (qsizetype i = 0; i < again->streams.size(); ++i)
        // As requested: QUrl keeps a '#' inside a fragment apart from its "%23",
        // though both name the same URL (and the fragment is never sent).
        SSESCOPE_FUZZ_CHECK(
            again->streams[i].url.toEncoded() == workspace->streams[i].url.toEncoded());
    SSESCOPE_FUZZ_CHECK(again->chartWindowMinutes == workspace->chartWindowMinutes);
    SSESCOPE_FUZZ_CHECK(again->windowGeometry == workspace->windowGeometry);
    return 0;
}
