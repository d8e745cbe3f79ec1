#pragma once

#include <QString>

namespace ssescope::ui {

// Text from the wire (stream names, event types, ids, URLs, data previews)
// as it may be shown: characters that are invisible or that reorder what
// follows them (bidi overrides, embeddings, isolates and marks; C0 and C1
// controls, NUL included; zero-width characters and the BOM) are written out
// as \uXXXX, so "bidi\u202Etxt.exe" cannot pass for "bidiexe.txt" and an
// override never runs on into the text around it. Everything else is kept.
// A backslash is kept as it is: the escapes are for reading, not for parsing.
QString visibleText(const QString &text);

// As visibleText(), also keeping tab, CR and LF as they are (the raw view of
// an event's data, where line breaks are the point).
QString visibleTextKeepingLines(const QString &text);

// Whether visibleText() would change c.
bool isHiddenCharacter(char32_t c);

} // namespace ssescope::ui
