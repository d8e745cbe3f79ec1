#pragma once

#include <QString>

namespace ssescope {

// What the user typed or pasted, shortened for a sentence that quotes it: a
// 10 KB --proxy or URL quoted whole buried the reason under it, on stderr as in
// the dialog. The start and the end stay (they tell which input it was), the
// middle becomes "…" and a count of what was left out.
inline QString quotedInput(const QString &text, qsizetype maxChars = 160)
{
    if (text.size() <= maxChars)
        return text;
    const qsizetype head = maxChars * 2 / 3;
    const qsizetype tail = maxChars - head;
    return text.left(head) + u"…(" + QString::number(text.size() - head - tail)
        + u" more characters)…" + text.right(tail);
}

} // namespace ssescope
