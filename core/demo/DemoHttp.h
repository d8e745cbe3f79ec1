#pragma once

#include <QByteArray>

namespace ssescope::demo {

// The HTTP/1.1 responses of the demo servers (DemoConnection, the capture
// replay), written once.

QByteArray reasonPhrase(int status);

// A complete response with a text/plain body (none for 204 and 304), closing
// the connection: status line, headers, extraHeaders (whole lines), body.
QByteArray plainResponse(int status, const QByteArray &body, const QByteArray &extraHeaders = {});

// The same with an application/json body.
QByteArray jsonResponse(const QByteArray &body);

// bytes as one chunk of a chunked body (none for empty bytes, which would end it).
QByteArray chunkOf(const QByteArray &bytes);
inline constexpr char kLastChunk[] = "0\r\n\r\n";

} // namespace ssescope::demo
