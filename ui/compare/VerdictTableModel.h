#pragma once

#include "core/compare/ComparisonReport.h"

#include <QAbstractTableModel>
#include <QColor>

#include <vector>

namespace ssescope::ui {

// One row per compared route: its colour and name, the verdict word, the
// sentence behind it and the figures it was drawn from. Everything is text
// in the model, so that screen readers and UI automation read the verdicts.
class VerdictTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Route,
        Verdict,
        Explanation,
        Events,
        EventsPerRead,
        BurstPeriod,
        LatencyP50,
        LatencyP99,
        DelayP50,
        DelayP99,
        ColumnCount
    };
    // "buffered: events arrive in bursts …", the whole verdict line of a row.
    static constexpr int VerdictTextRole = Qt::UserRole + 1;

    explicit VerdictTableModel(QObject *parent = nullptr);

    // Same routes as before: the rows change in place (the selection and the
    // scroll position stay); other routes: the model resets.
    void setReports(std::vector<RouteReport> reports, std::vector<QColor> colors);
    const std::vector<RouteReport> &reports() const { return m_reports; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cellText(const RouteReport &report, int column) const;

    std::vector<RouteReport> m_reports;
    std::vector<QColor> m_colors;
};

} // namespace ssescope::ui
