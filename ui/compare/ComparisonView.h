#pragma once

#include "core/compare/ComparisonReport.h"
#include "core/sse/SseEvent.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QTimer>

class QLabel;
class QPushButton;
class QTableView;

namespace ssescope::ui {

class ComparisonCharts;
class DashboardSession;
class VerdictTableModel;

// Routes side by side: the verdict table over the charts, refreshed while
// events arrive. Opening it starts the pipeline's comparison of the given
// streams (replaying what the store holds of them); closing it stops it.
// Works the same on live streams and on an opened capture. Non-modal.
class ComparisonView final : public QDialog
{
    Q_OBJECT
public:
    ComparisonView(
        DashboardSession *session, const QList<StreamId> &streams, QWidget *parent = nullptr);
    ~ComparisonView() override;
    Q_DISABLE_COPY_MOVE(ComparisonView)

    const QList<StreamId> &streams() const { return m_streams; }
    VerdictTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ComparisonCharts *charts() const { return m_charts; }

    // Redraws now (the timer does it ~4 times a second while events arrive).
    void refresh();
    // The wait before the next refresh: kRefreshMs, or kRefreshCostShare
    // times what the last refresh cost, so that however much a route holds
    // (200,000 reads cost 60-70 ms a refresh) the view takes at most about a
    // ninth of the GUI thread.
    int refreshIntervalMs() const { return m_refreshTimer.interval(); }
    qint64 lastRefreshMs() const { return m_lastRefreshMs; }
    static constexpr int kRefreshMs = 250; // ~4 Hz while events arrive
    static constexpr int kRefreshCostShare = 8;
    // "Now" for the figures: the clock while a compared stream is live,
    // else the newest thing the comparison saw (an opened capture).
    qint64 nowNs() const;
    std::vector<RouteReport> reports() const;

    // The exports behind the buttons; false with a sentence in *error.
    bool exportImage(const QString &path, QString *error);
    bool exportFigures(const QString &path, QString *error);
    // Off: exports report errors in the status line only (tests).
    void setInteractive(bool interactive) { m_interactive = interactive; }

protected:
    void done(int result) override;

private:
    void markDirty();
    void promptExportImage();
    void promptExportFigures();
    void reportExport(bool ok, const QString &path, const QString &error);
    bool isLive() const;
    std::vector<QColor> colors() const;

    DashboardSession *m_session;
    QList<StreamId> m_streams;
    VerdictTableModel *m_model;
    QTableView *m_table;
    ComparisonCharts *m_charts;
    QLabel *m_status;
    QPushButton *m_exportImage;
    QPushButton *m_exportFigures;
    QTimer m_refreshTimer; // single shot, armed by new events
    qint64 m_lastRefreshMs = 0;
    QTimer m_clockTimer; // while live: verdicts depend on time (stalled) as well
    bool m_interactive = true;
};

} // namespace ssescope::ui
