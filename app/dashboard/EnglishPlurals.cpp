#include "EnglishPlurals.h"

namespace ssescope::ui {

QString EnglishPlurals::pluralize(const char *sourceText, int n)
{
    if (n < 0 || !sourceText)
        return {};
    QString text = QString::fromUtf8(sourceText);
    if (!text.contains(u"(s)"))
        return {}; // nothing to do: Qt uses the source text
    text.replace(QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return text;
}

QString EnglishPlurals::translate(
    const char *context, const char *sourceText, const char *disambiguation, int n) const
{
    Q_UNUSED(context);
    Q_UNUSED(disambiguation);
    return pluralize(sourceText, n);
}

} // namespace ssescope::ui
