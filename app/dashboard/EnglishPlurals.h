#pragma once

#include <QTranslator>

namespace ssescope::ui {

// Sentences with a count are written "%n event(s)" so that translators get
// numerus forms; with no translation loaded Qt would show the "(s)" as is.
// This translator gives the English forms ("1 event", "3 events"). A real
// translation installed later is asked first and wins.
class EnglishPlurals final : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText,
        const char *disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return false; }

    static QString pluralize(const char *sourceText, int n);
};

} // namespace ssescope::ui
