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

} // namespace ssescope::utf8
