#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <climits>
#include <optional>

namespace ssescope::cli {

// Timers count int milliseconds; beyond that Qt switches them off.
inline constexpr double kMaxSeconds = double(INT_MAX / 1000);

// A usage error: one sentence for standard error, then exit code ExitUsage.
// Sentences of the command line are made with tr() here (the translation
// context "CliOptions"); those of the engine (a URL's, a latency source's)
// arrive translated in their own context.
class CliOptionError final
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    CliOptionError() = default;
    explicit CliOptionError(QString translatedMessage)
        : m_message(std::move(translatedMessage))
    { }

    bool isError() const { return !m_message.isEmpty(); }
    explicit operator bool() const { return isError(); }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

// One row of an option table: names and help for QCommandLineParser (which
// writes --help and refuses unknown options), and how errors name it.
class CliOption
{
public:
    CliOption(const QStringList &names, const QString &help, const QString &valueName = {});

    const QCommandLineOption &option() const { return m_option; }
    // "--header": the long name, as every sentence spells the option.
    QString spelling() const;
    bool isSet(const QCommandLineParser &parser) const { return parser.isSet(m_option); }

protected:
    QCommandLineOption m_option;
};

// Present or not: --insecure, --comments.
class FlagOption final : public CliOption
{
public:
    FlagOption(const QStringList &names, const QString &help);
    bool value(const QCommandLineParser &parser) const { return isSet(parser); }
};

// Any text, checked by whoever takes it: -H, -o, --metrics.
class TextOption final : public CliOption
{
public:
    using CliOption::CliOption;
    QString value(const QCommandLineParser &parser) const { return parser.value(m_option); }
    QStringList values(const QCommandLineParser &parser) const { return parser.values(m_option); }
};

// A number within bounds; what it counts names the sentence of its error.
class NumberOption final : public CliOption
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
public:
    enum class Measure {
        Events, // 0 to the maximum
        Attempts,
        Milliseconds,
        Seconds,
        PositiveSeconds, // above 0 (from 1 ms), to the maximum
        Interval, // seconds from 0.01 (a table redrawn faster is unreadable)
        SignedMilliseconds, // any number, negative too: a clock offset
    };

    NumberOption(const QStringList &names, const QString &help, const QString &valueName,
        Measure measure, double maximum = 0);

    // Sets *out when the option is given and its value fits, else leaves it.
    CliOptionError read(const QCommandLineParser &parser, double *out) const;
    // The same check of a value found elsewhere (--stats=INTERVAL).
    CliOptionError check(const QString &text, double *out) const;

private:
    double minimum() const;
    CliOptionError error(const QString &given) const;

    Measure m_measure;
    double m_maximum;
};

// One of a few names, each standing for a value of T (--policy, --format).
template<typename T> class ChoiceOption final : public CliOption
{
public:
    using FromName = std::optional<T> (*)(const QString &);

    // refusal: marked with QT_TRANSLATE_NOOP("CliOptions", ...), %1 the value given.
    ChoiceOption(const QStringList &names, const QString &help, const QString &valueName,
        FromName fromName, const char *refusal)
        : CliOption(names, help, valueName)
        , m_fromName(fromName)
        , m_refusal(refusal)
    { }

    // Sets *out when the option is given and names a choice, else leaves it.
    CliOptionError read(const QCommandLineParser &parser, std::optional<T> *out) const
    {
        if (!isSet(parser))
            return {};
        const QString given = parser.value(m_option);
        const std::optional<T> value = m_fromName(given);
        if (!value)
            return CliOptionError(QCoreApplication::translate("CliOptions", m_refusal).arg(given));
        *out = value;
        return {};
    }

private:
    FromName m_fromName;
    const char *m_refusal;
};

} // namespace ssescope::cli
