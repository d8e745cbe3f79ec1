#include "VisibleText.h"

#include <QStringView>

namespace ssescope::ui {

namespace {

QString escaped(const QString &text, bool keepLines)
{
    QString out;
    bool changed = false;
    // Walk code points: a lone surrogate is not hidden, it shows as U+FFFD.
    const QStringView view(text);
    qsizetype start = 0;
    for (qsizetype i = 0; i < view.size();) {
        char32_t c = view.at(i).unicode();
        qsizetype width = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < view.size() && view.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(view.at(i), view.at(i + 1));
            width = 2;
        }
        const bool line = c == u'\n' || c == u'\r' || c == u'\t';
        if (isHiddenCharacter(c) && !(keepLines && line)) {
            if (!changed) {
                out.reserve(text.size() + 8);
                changed = true;
            }
            out.append(view.mid(start, i - start));
            // Upper-case hex, as Unicode writes code points: \u202E.
            const QString hex = QString::number(uint(c), 16).toUpper();
            out.append(c > 0xFFFF ? QStringLiteral("\\U") + hex.rightJustified(8, u'0')
                                  : QStringLiteral("\\u") + hex.rightJustified(4, u'0'));
            start = i + width;
        }
        i += width;
    }
    if (!changed)
        return text; // the common case: no copy
    out.append(view.mid(start));
    return out;
}

} // namespace

bool isHiddenCharacter(char32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) // C0 (NUL included), DEL and C1 controls
        return true;
    switch (c) {
    case 0x061C: // ARABIC LETTER MARK
    case 0x180E: // MONGOLIAN VOWEL SEPARATOR (zero width)
    case 0x200B: // ZERO WIDTH SPACE
    case 0x200C: // ZERO WIDTH NON-JOINER
    case 0x200D: // ZERO WIDTH JOINER
    case 0x200E: // LEFT-TO-RIGHT MARK
    case 0x200F: // RIGHT-TO-LEFT MARK
    case 0x2028: // LINE SEPARATOR
    case 0x2029: // PARAGRAPH SEPARATOR
    case 0x2060: // WORD JOINER
    case 0xFEFF: // ZERO WIDTH NO-BREAK SPACE (BOM)
        return true;
    default:
        break;
    }
    if (c >= 0x202A && c <= 0x202E) // LRE, RLE, PDF, LRO, RLO
        return true;
    if (c >= 0x2066 && c <= 0x2069) // LRI, RLI, FSI, PDI
        return true;
    if (c >= 0xFFF9 && c <= 0xFFFB) // interlinear annotation controls
        return true;
    if (c >= 0xE0000 && c <= 0xE007F) // tag characters, invisible
        return true;
    return false;
}

QString visibleText(const QString &text)
{
    return escaped(text, false);
}

QString visibleTextKeepingLines(const QString &text)
{
    return escaped(text, true);
}

} // namespace ssescope::ui
