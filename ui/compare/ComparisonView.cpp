#include "ComparisonView.h"

#include "core/common/Clock.h"
#include "ui/compare/ComparisonCharts.h"
#include "ui/compare/ExportFile.h"
#include "ui/compare/VerdictTableModel.h"
#include "ui/session/DashboardSession.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {
constexpr int kClockMs = 1000; // a stalled route's verdict changes with time alone

bool isRunning(SubscriptionState state)
{
    return state == SubscriptionState::Connecting || state == SubscriptionState::Open
        || state == SubscriptionState::Waiting;
}
} // namespace

ComparisonView::ComparisonView(
    DashboardSession *session, const QList<StreamId> &streams, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_streams(streams)
    , m_model(new VerdictTableModel(this))
    , m_table(new QTableView(this))
    , m_charts(new ComparisonCharts(this))
    , m_status(new QLabel(this))
    , m_exportImage(new QPushButton(tr("Export &image…"), this))
    , m_exportFigures(new QPushButton(tr("Export &figures…"), this))
{
    setObjectName(u"comparisonView"_s);
    setModal(false);
    setSizeGripEnabled(true);
    QStringList names;
    for (StreamId stream : m_streams)
        names.append(session->streamName(stream));
    setWindowTitle(tr("Compare %1").arg(names.join(u" · "_s)));
    setAccessibleName(tr("Comparison of %1").arg(names.join(u", "_s)));

    // Compared from what the store holds, then live. A stream without events
    // yet starts its stall clock now; others count from the first event.
    std::vector<RouteSpec> specs;
    const qint64 now = steadyNowNs();
    for (StreamId stream : m_streams) {
        RouteSpec spec;
        spec.stream = stream;
        spec.name = session->streamName(stream);
        if (session->streams().contains(stream)) {
            spec.compressionRequested = session->config(stream).allowCompression;
            const StreamStats *stats = session->pipeline().stats().find(stream);
            if (!stats || stats->totals().events == 0)
                spec.requestedNs = now;
        }
        specs.push_back(std::move(spec));
    }
    session->pipeline().startComparison(std::move(specs));
    for (StreamId stream : m_streams)
        if (session->streams().contains(stream))
            session->pipeline().applyStatus(stream, session->status(stream), now);

    m_table->setObjectName(u"verdictTable"_s);
    m_table->setAccessibleName(tr("Verdicts per route"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Arrows move between routes; Tab leaves the table for the buttons.
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(
        VerdictTableModel::Explanation, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_status->setObjectName(u"comparisonStatus"_s);
    m_status->setAccessibleName(tr("Comparison status"));
    m_status->setWordWrap(true);

    m_exportImage->setObjectName(u"exportImage"_s);
    m_exportImage->setAccessibleName(tr("Export image"));
    m_exportImage->setToolTip(tr("Save the whole view as a PNG image (Ctrl+I)"));
    m_exportFigures->setObjectName(u"exportFigures"_s);
    m_exportFigures->setAccessibleName(tr("Export figures"));
    m_exportFigures->setToolTip(tr("Save the verdicts and figures as CSV (Ctrl+E)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_exportImage, QDialogButtonBox::ActionRole);
    buttons->addButton(m_exportFigures, QDialogButtonBox::ActionRole);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close the comparison"));
    // Enter in the table must not open a file dialog.
    for (QPushButton *button : { m_exportImage, m_exportFigures, close }) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_exportImage, &QPushButton::clicked, this, &ComparisonView::promptExportImage);
    connect(m_exportFigures, &QPushButton::clicked, this, &ComparisonView::promptExportFigures);
    auto *imageShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this);
    connect(imageShortcut, &QShortcut::activated, this, &ComparisonView::promptExportImage);
    auto *figuresShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(figuresShortcut, &QShortcut::activated, this, &ComparisonView::promptExportFigures);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_table);
    layout->addWidget(m_status);
    layout->addWidget(m_charts, 1);
    layout->addWidget(buttons);
    setTabOrder(m_table, m_exportImage);
    setTabOrder(m_exportImage, m_exportFigures);
    setTabOrder(m_exportFigures, close);
    m_table->setFocus(Qt::OtherFocusReason);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ComparisonView::refresh);
    m_clockTimer.setInterval(kClockMs);
    connect(&m_clockTimer, &QTimer::timeout, this, [this] {
        if (isLive())
            markDirty();
    });
    m_clockTimer.start();
    connect(session, &DashboardSession::ingested, this, &ComparisonView::markDirty);
    connect(session, &DashboardSession::captureReset, this, &ComparisonView::markDirty);
    connect(&session->pipeline(), &CapturePipeline::comparisonReplayed, this,
        &ComparisonView::markDirty);
    connect(session, &DashboardSession::streamStatusChanged, this, [this](StreamId stream) {
        if (!m_streams.contains(stream) || !m_session->streams().contains(stream))
            return;
        m_session->pipeline().applyStatus(stream, m_session->status(stream), steadyNowNs());
        markDirty();
    });
    resize(1280, 900);
    refresh();
}

ComparisonView::~ComparisonView() = default;

void ComparisonView::done(int result)
{
    // The pipeline compares for this view only: stop measuring once it closes.
    if (const RouteComparison *comparison = m_session->pipeline().comparison()) {
        bool ours = comparison->routes().size() == size_t(m_streams.size());
        for (size_t i = 0; ours && i < comparison->routes().size(); ++i)
            ours = comparison->routes()[i].spec.stream == m_streams.at(qsizetype(i));
        if (ours)
            m_session->pipeline().stopComparison();
    }
    m_refreshTimer.stop();
    m_clockTimer.stop();
    QDialog::done(result);
}

void ComparisonView::markDirty()
{
    if (!m_refreshTimer.isActive() && isVisible())
        m_refreshTimer.start();
}

bool ComparisonView::isLive() const
{
    for (StreamId stream : m_streams)
        if (m_session->streams().contains(stream) && isRunning(m_session->status(stream).state))
            return true;
    return false;
}

qint64 ComparisonView::nowNs() const
{
    const RouteComparison *comparison = m_session->pipeline().comparison();
    if (isLive() || !comparison)
        return steadyNowNs();
    return comparison->lastActivityNs();
}

std::vector<QColor> ComparisonView::colors() const
{
    std::vector<QColor> colors;
    for (StreamId stream : m_streams)
        colors.push_back(m_session->streamColor(stream));
    return colors;
}

std::vector<RouteReport> ComparisonView::reports() const
{
    const RouteComparison *comparison = m_session->pipeline().comparison();
    return comparison ? judgeRoutes(comparison->allFigures(nowNs())) : std::vector<RouteReport> {};
}

void ComparisonView::refresh()
{
    const RouteComparison *comparison = m_session->pipeline().comparison();
    if (!comparison) {
        m_status->setText(tr("Not comparing: the comparison was stopped."));
        return;
    }
    QElapsedTimer cost;
    cost.start();
    const auto throttle = qScopeGuard([this, &cost] {
        m_lastRefreshMs = cost.elapsed();
        m_refreshTimer.setInterval(int(
            std::clamp<qint64>(kRefreshCostShare * m_lastRefreshMs, kRefreshMs, 10 * kRefreshMs)));
    });
    const qint64 now = nowNs();
    const std::vector<QColor> routeColors = colors();
    m_model->setReports(judgeRoutes(comparison->allFigures(now)), routeColors);
    m_charts->update(*comparison, routeColors, now);
    const QLocale locale;
    QString status = isLive() ? tr("Live.") : tr("Not live: figures as of the last event.");
    if (const qint64 remaining = m_session->pipeline().replayRemaining(); remaining > 0) {
        // The store is read in slices between turns of the event loop: come back for more.
        status = tr("Reading what was captured: %1 events to go.").arg(locale.toString(remaining));
        markDirty();
    }
    status += u' '
        + tr("%1 events matched across routes.", nullptr,
            int(std::min<quint64>(comparison->matchedEvents(), INT_MAX)))
              .arg(locale.toString(qulonglong(comparison->matchedEvents())));
    if (comparison->routes().size() > RouteComparison::kMaxMatchedRoutes)
        status += u' '
            + tr("Only the first %1 routes are matched with each other.")
                  .arg(RouteComparison::kMaxMatchedRoutes);
    if (const quint64 skipped = m_session->pipeline().replaySkipped(); skipped > 0)
        status += u' '
            + tr("%1 captured events left the store (its cap) before they were compared.")
                  .arg(locale.toString(qulonglong(skipped)));
    m_status->setText(status);
}

bool ComparisonView::exportImage(const QString &path, QString *error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG")) {
        *error = tr("The image could not be encoded.");
        return false;
    }
    return writeExportFile(path, bytes, error);
}

bool ComparisonView::exportFigures(const QString &path, QString *error)
{
    return writeExportFile(path, comparisonCsv(reports()), error);
}

void ComparisonView::promptExportImage()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export image"),
        QDir::home().filePath(u"comparison.png"_s), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.contains(u'.'))
        path += u".png"_s;
    QString error;
    const bool ok = exportImage(path, &error);
    reportExport(ok, path, error);
}

void ComparisonView::promptExportFigures()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export figures"),
        QDir::home().filePath(u"comparison.csv"_s), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (!path.contains(u'.'))
        path += u".csv"_s;
    QString error;
    const bool ok = exportFigures(path, &error);
    reportExport(ok, path, error);
}

void ComparisonView::reportExport(bool ok, const QString &path, const QString &error)
{
    if (ok) {
        m_status->setText(tr("Saved %1.").arg(path));
        return;
    }
    m_status->setText(error);
    if (m_interactive)
        QMessageBox::warning(this, tr("Export"), error);
}

} // namespace ssescope::ui
