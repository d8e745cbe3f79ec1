#include "VerdictTableModel.h"

#include <QFont>
#include <QLocale>

namespace ssescope::ui {

namespace {
// Figures not measured yet (-1, or quantiles of nothing) read as a dash.
QString duration(double ms)
{
    return ms < 0 ? QStringLiteral("—") : formatDurationMs(ms);
}

QString quantile(const Quantiles &q, double Quantiles::*field)
{
    return q.count == 0 ? QStringLiteral("—") : formatDurationMs(q.*field);
}
} // namespace

VerdictTableModel::VerdictTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void VerdictTableModel::setReports(std::vector<RouteReport> reports, std::vector<QColor> colors)
{
    colors.resize(reports.size());
    bool sameRoutes = reports.size() == m_reports.size();
    for (size_t i = 0; sameRoutes && i < reports.size(); ++i)
        sameRoutes = reports[i].figures.name == m_reports[i].figures.name;
    if (!sameRoutes) {
        beginResetModel();
        m_reports = std::move(reports);
        m_colors = std::move(colors);
        endResetModel();
        return;
    }
    m_reports = std::move(reports);
    m_colors = std::move(colors);
    if (!m_reports.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int VerdictTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reports.size());
}

int VerdictTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString VerdictTableModel::cellText(const RouteReport &report, int column) const
{
    const RouteFigures &f = report.figures;
    const QLocale locale;
    switch (column) {
    case Route:
        return f.name;
    case Verdict:
        return verdictWord(report.verdict.kind);
    case Explanation:
        return report.verdict.explanation;
    case Events:
        return locale.toString(qulonglong(f.events));
    case EventsPerRead:
        return f.reads == 0 ? QStringLiteral("—") : locale.toString(f.eventsPerRead, 'f', 1);
    case BurstPeriod:
        return duration(f.burstGapP50Ms);
    case LatencyP50:
        return quantile(f.latencyMs, &Quantiles::p50);
    case LatencyP99:
        return quantile(f.latencyMs, &Quantiles::p99);
    case DelayP50:
        return quantile(f.delayMs, &Quantiles::p50);
    case DelayP99:
        return quantile(f.delayMs, &Quantiles::p99);
    default:
        return {};
    }
}

QVariant VerdictTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RouteReport &report = m_reports[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(report, column);
    case Qt::AccessibleTextRole:
        // The verdict cell speaks the whole line: the word alone says little.
        return column == Verdict ? report.verdict.text() : cellText(report, column);
    case Qt::ToolTipRole:
        return column == Verdict || column == Explanation ? report.verdict.text() : QVariant();
    case VerdictTextRole:
        return report.verdict.text();
    case Qt::DecorationRole:
        if (column == Route)
            return m_colors[size_t(index.row())];
        return {};
    case Qt::FontRole:
        if (column == Verdict) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column >= Events)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant VerdictTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case EventsPerRead:
            return tr(
                "Mean events per network read: about 1 when streaming, tens when a buffer fills");
        case BurstPeriod:
            return tr("Median time between network reads that carried events");
        case LatencyP50:
        case LatencyP99:
            return tr("From the send time carried in the events to their arrival");
        case DelayP50:
        case DelayP99:
            return tr("Behind the fastest compared route, for events matched across routes");
        default:
            return {};
        }
    }
    switch (section) {
    case Route:
        return tr("Route");
    case Verdict:
        return tr("Verdict");
    case Explanation:
        return tr("Why");
    case Events:
        return tr("Events");
    case EventsPerRead:
        return tr("Ev/read");
    case BurstPeriod:
        return tr("Burst period");
    case LatencyP50:
        return tr("Latency p50");
    case LatencyP99:
        return tr("Latency p99");
    case DelayP50:
        return tr("Delay p50");
    case DelayP99:
        return tr("Delay p99");
    default:
        return {};
    }
}

} // namespace ssescope::ui
