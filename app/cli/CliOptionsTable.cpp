#include "CliOptionsTable.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

CliOption::CliOption(const QStringList &names, const QString &help, const QString &valueName)
    : m_option(names, help, valueName)
{ }

QString CliOption::spelling() const
{
    return u"--"_s + m_option.names().last();
}

FlagOption::FlagOption(const QStringList &names, const QString &help)
    : CliOption(names, help)
{ }

NumberOption::NumberOption(const QStringList &names, const QString &help, const QString &valueName,
    Measure measure, double maximum)
    : CliOption(names, help, valueName)
    , m_measure(measure)
    , m_maximum(measure == Measure::SignedMilliseconds ? std::numeric_limits<double>::infinity()
                                                       : maximum)
{ }

CliOptionError NumberOption::read(const QCommandLineParser &parser, double *out) const
{
    return isSet(parser) ? check(parser.value(m_option), out) : CliOptionError();
}

CliOptionError NumberOption::check(const QString &text, double *out) const
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        return error(text);
    // A clock offset takes whatever the sender's clock says, as before.
    if (m_measure != Measure::SignedMilliseconds
        && !(value >= minimum() && value <= m_maximum)) // NaN fails too
        return error(text);
    *out = value;
    return {};
}

double NumberOption::minimum() const
{
    switch (m_measure) {
    case Measure::PositiveSeconds:
        return 0.001;
    case Measure::Interval:
        return 0.01;
    case Measure::SignedMilliseconds:
        return -std::numeric_limits<double>::infinity();
    default:
        return 0;
    }
}

CliOptionError NumberOption::error(const QString &given) const
{
    const QString name = spelling();
    const QString maximum = QString::number(m_maximum, 'f', 0);
    // Whole sentences, one per measure: a translation cannot assemble them from parts.
    switch (m_measure) {
    case Measure::Events:
        return CliOptionError(
            tr("%1 needs a number of events from 0 to %2, not \"%3\"").arg(name, maximum, given));
    case Measure::Attempts:
        return CliOptionError(
            tr("%1 needs a number of attempts from 0 to %2, not \"%3\"").arg(name, maximum, given));
    case Measure::Milliseconds:
        return CliOptionError(tr("%1 needs a number of milliseconds from 0 to %2, not \"%3\"")
                                  .arg(name, maximum, given));
    case Measure::Seconds:
        return CliOptionError(
            tr("%1 needs a number of seconds from 0 to %2, not \"%3\"").arg(name, maximum, given));
    case Measure::PositiveSeconds:
        return CliOptionError(tr("%1 needs a number of seconds above 0, up to %2, not \"%3\"")
                                  .arg(name, maximum, given));
    case Measure::Interval:
        return CliOptionError(tr("%1 needs an interval from 0.01 to %2 seconds, not \"%3\"")
                                  .arg(name, maximum, given));
    case Measure::SignedMilliseconds:
        break;
    }
    return CliOptionError(tr("%1 needs a number of milliseconds, not \"%2\"").arg(name, given));
}

} // namespace ssescope::cli
