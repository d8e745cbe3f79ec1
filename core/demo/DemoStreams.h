#pragma once

#include "core/demo/DemoRequest.h"

#include <QByteArray>

#include <optional>

namespace ssescope::demo {

enum class DemoStream { Clock, Ticker, Tokens, Bursty, Echo, Ndjson };

struct DemoStreamInfo
{
    DemoStream stream;
    const char *name;
    const char *path;
    const char *description;
    double defaultRate; // events per second; 0 = as fast as the socket takes them
};

const QList<DemoStreamInfo> &demoStreams();
std::optional<DemoStreamInfo> demoStreamForPath(const QByteArray &path);

// Event number n (from 1) of a stream, as text/event-stream bytes ending in
// the blank line. Deterministic in n apart from send timestamps, so that a
// resumed stream is exactly the one the client missed.
QByteArray renderEvent(
    DemoStream stream, quint64 n, const DemoRequest &request, qint64 payloadBytes);

// Content-Type of a stream's body when the request does not choose one.
QByteArray defaultContentType(DemoStream stream);

// Junk a robust client must skip: lines without a colon, unknown fields,
// invalid UTF-8 in comments. Never breaks the framing of real events.
QByteArray garbageLines(quint64 n);

} // namespace ssescope::demo
