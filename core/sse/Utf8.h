#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ssescope::utf8 {

// True when every byte is below 0x80; the common case, checked eight bytes
// at a time so that valid ASCII payloads cost almost nothing.
bool isAscii(QByteArrayView bytes) noexcept;

// WHATWG "UTF-8 decode" error handling: every maximal invalid subpart becomes
// one U+FFFD. Valid input is copied as it is.
QByteArray sanitized(QByteArrayView bytes);

// Keeps at most the last maxBytes of text, cut where a character starts (never
// inside a UTF-8 sequence, so a little less when the cut would split one).
// Returns whether anything was removed.
bool keepTail(QByteArray &text, qsizetype maxBytes);

} // namespace ssescope::utf8
