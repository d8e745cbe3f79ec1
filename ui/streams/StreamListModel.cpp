#include "StreamListModel.h"

#include "core/net/ProxyChoice.h"
#include "core/common/Clock.h"
#include "ui/common/VisibleText.h"
#include "core/latency/LatencyAutoDetector.h"
#include "ui/session/DashboardSession.h"
#include "core/stats/RateSeries.h"
#include "ui/streams/StreamStateStyle.h"

#include <QFileInfo>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

constexpr int kSparklineSeconds = 60;

QString formatRate(double perSecond)
{
    if (perSecond >= 1e6)
        return StreamListModel::tr("%1 M").arg(perSecond / 1e6, 0, 'f', 2);
    if (perSecond >= 1e4)
        return StreamListModel::tr("%1 k").arg(perSecond / 1e3, 0, 'f', 1);
    return QString::number(perSecond, 'f', perSecond < 10 ? 1 : 0);
}

QString formatMs(double ms, quint64 count)
{
    if (count == 0)
        return u"–"_s;
    if (ms >= 1000)
        return StreamListModel::tr("%1 s").arg(ms / 1000, 0, 'f', 2);
    return StreamListModel::tr("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}

QString unitText(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Seconds:
        return StreamListModel::tr("epoch seconds");
    case TimeUnit::Milliseconds:
        return StreamListModel::tr("epoch milliseconds");
    case TimeUnit::Microseconds:
        return StreamListModel::tr("epoch microseconds");
    case TimeUnit::Nanoseconds:
        return StreamListModel::tr("epoch nanoseconds");
    case TimeUnit::Auto:
        break;
    }
    return StreamListModel::tr("a number or an RFC 3339 time");
}

// The configured source in a few characters: the pointer itself, "regex
// ts=(\d+)", "event id".
QString sourceText(const LatencyConfig &latency)
{
    switch (latency.source) {
    case LatencySource::JsonPointer:
        return latency.expression;
    case LatencySource::Regex:
        return StreamListModel::tr("regex %1").arg(latency.expression);
    case LatencySource::EventId:
        return StreamListModel::tr("event id");
    case LatencySource::None:
    case LatencySource::Auto:
        break;
    }
    return StreamListModel::tr("none");
}

QList<qreal> sparkline(const StreamStats &stats, qint64 nowNs)
{
    // The series has 250 ms points; the sparkline shows events/s per second.
    const qint64 endSecond = nowNs / 1'000'000'000;
    QList<qreal> values(kSparklineSeconds, 0.0);
    const auto &series = stats.series();
    for (auto it = series.rbegin(); it != series.rend(); ++it) {
        const qint64 second = it->startNs / 1'000'000'000;
        const qint64 age = endSecond - second;
        if (age >= kSparklineSeconds)
            break;
        if (age >= 0)
            values[kSparklineSeconds - 1 - age] += it->events;
    }
    return values;
}

QString rateText(const RateReading &rate)
{
    const QString value = formatRate(rate.eventsPerSecond);
    return rate.bursty ? StreamListModel::tr("%1 (bursts)").arg(value) : value;
}

// The cell's tooltip and what a screen reader says: the window, and what a
// burst looks like, since "(bursts)" alone does not say it.
QString rateDescription(const RateReading &rate)
{
    const QString average = StreamListModel::tr("%1 events/s, averaged over the last %2 s.")
                                .arg(formatRate(rate.eventsPerSecond))
                                .arg(rate.windowNs / 1'000'000'000);
    if (!rate.bursty)
        return average;
    return average + u' '
        + StreamListModel::tr("Arrives in bursts: about %1 events per network read, with "
                              "silences of up to %2 s between them (a buffering proxy looks "
                              "like this).")
              .arg(QString::number(rate.eventsPerRead, 'f', 0))
              .arg(double(rate.longestGapNs) / 1e9, 0, 'f', 1);
}

} // namespace

StreamListModel::StreamListModel(DashboardSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_now(&steadyNowNs)
{
    m_rows = session->streams();
    m_liveRows = int(m_rows.size());
    m_rows += session->capturedStreams();
    connect(session, &DashboardSession::streamAdded, this, &StreamListModel::handleStreamAdded);
    connect(session, &DashboardSession::streamRemoved, this, &StreamListModel::handleStreamRemoved);
    connect(
        session, &DashboardSession::streamReplaced, this, &StreamListModel::handleStreamReplaced);
    connect(session, &DashboardSession::streamStatusChanged, this,
        &StreamListModel::handleStatusChanged);
    connect(session, &DashboardSession::captureStreamsAdded, this,
        &StreamListModel::handleCaptureStreamsAdded);
    connect(session, &DashboardSession::captureReset, this, &StreamListModel::handleCaptureReset);
    connect(session, &DashboardSession::pausedForCaptureChanged, this, &StreamListModel::refresh);
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, &StreamListModel::refresh);
    m_refresh.start();
}

int StreamListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

StreamId StreamListModel::streamAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : 0;
}

int StreamListModel::rowOf(StreamId stream) const
{
    return int(m_rows.indexOf(stream));
}

QString StreamListModel::latencySourceText(StreamId stream) const
{
    const LatencyDetection detection = m_session->latencyDetection(stream);
    switch (detection.state) {
    case LatencyDetection::State::Off:
        return sourceText(m_session->config(stream).latency);
    case LatencyDetection::State::Looking:
        return tr("auto…");
    case LatencyDetection::State::Found:
        return tr("%1, auto").arg(sourceText(detection.config));
    case LatencyDetection::State::NotFound:
        return tr("none");
    }
    return {};
}

QString StreamListModel::latencySourceTip(StreamId stream) const
{
    const LatencyDetection detection = m_session->latencyDetection(stream);
    const LatencyConfig configured = m_session->config(stream).latency;
    switch (detection.state) {
    case LatencyDetection::State::Off:
        if (!configured.isEnabled())
            return tr("No latency: no send time is read from this stream's events.");
        return tr("Latency from %1 (%2), as configured.")
            .arg(sourceText(configured),
                configured.source == LatencySource::Regex ? tr("the first group or (?<ts>...)")
                                                          : unitText(configured.unit));
    case LatencyDetection::State::Looking:
        return tr("Auto-detect: looking for a send-time field in the first %n events.", nullptr,
            LatencyAutoDetector::kMaxEvents);
    case LatencyDetection::State::Found:
        return tr("Latency from %1 (%2), found automatically in the first events.")
            .arg(detection.config.expression, unitText(detection.config.unit));
    case LatencyDetection::State::NotFound:
        return tr("No latency: auto-detect found no single send-time field near the current time "
                  "in the first %n events. Edit the stream (F2) to choose a source.",
            nullptr, LatencyAutoDetector::kMaxEvents);
    }
    return {};
}

// The End cell's tooltip and accessible text: the last end, how often each
// class ended a connection, and the diagnosis when the cuts repeat.
QString StreamListModel::endTip(const SubscriptionStatus &status)
{
    if (status.end == StreamEnd::None)
        return tr("No connection has ended yet.");
    QStringList counts;
    for (const StreamEnd end : streamEnds()) {
        if (const quint64 n = status.ends[streamEndIndex(end)])
            counts << tr("%1: %2").arg(streamEndText(end)).arg(n);
    }
    QString tip = tr("The last connection ended: %1.").arg(streamEndText(status.end)) + u' '
        + tr("Ends so far: %1.").arg(counts.join(u", "_s));
    if (!status.diagnosis.isEmpty())
        tip += u' ' + status.diagnosis;
    return tip;
}

QString StreamListModel::withDiagnosis(const QString &message, const SubscriptionStatus &status)
{
    return status.diagnosis.isEmpty() ? message : message + u' ' + status.diagnosis;
}

QVariant StreamListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StreamId stream = m_rows.at(index.row());
    if (role == StreamIdRole)
        return stream;
    if (role == StreamColorRole)
        return m_session->streamColor(stream);
    if (index.row() >= m_liveRows) {
        const QVariant captured = capturedData(stream, index.column(), role);
        if (captured.isValid() || index.column() == StateColumn
            || index.column() == ReconnectsColumn || index.column() == EndColumn
            || index.column() == MessageColumn || index.column() == LatencySourceColumn
            || (role == Qt::ToolTipRole && index.column() != RateColumn))
            return captured;
    }
    if (index.column() == ProtocolColumn)
        return protocolData(stream, role);
    const StreamStats *stats = m_session->pipeline().stats().find(stream);
    // A capture's figures are read as of its last event: the wall clock has
    // moved on, and every window would be empty.
    const qint64 now = index.row() >= m_liveRows ? (stats ? stats->totals().lastNs : 0) : m_now();
    const int column = index.column();

    if (role == SparklineRole && column == SparklineColumn)
        return stats ? QVariant::fromValue(sparkline(*stats, now)) : QVariant();
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return textData(stream, column, role, stats, now);
    return decorationData(stream, column, role, stats, now);
}

QVariant StreamListModel::decorationData(
    StreamId stream, int column, int role, const StreamStats *stats, qint64 now) const
{
    const SubscriptionStatus status = m_session->status(stream);
    // A workspace can switch certificate checks off unseen: the row's
    // message carries a warning icon, its tooltip and accessible description
    // say why.
    const bool warningRole = role == Qt::DecorationRole || role == Qt::ToolTipRole
        || role == Qt::AccessibleDescriptionRole;
    const QString tlsWarning = warningRole && m_session->config(stream).ignoreTlsErrors
        ? tr("TLS certificate errors are ignored for this stream: anyone between you and the "
             "server can read and change its events.")
        : QString();
    if (!tlsWarning.isEmpty() && column == MessageColumn) {
        if (role == Qt::DecorationRole)
            return warningIcon();
        if (role == Qt::AccessibleDescriptionRole)
            return tlsWarning;
    }
    if (role == Qt::DecorationRole) {
        if (column == StateColumn)
            return stateIcon(status.state);
        if (column == NameColumn)
            return m_session->streamColor(stream);
        return {};
    }
    if (role == Qt::ForegroundRole && column == MessageColumn
        && status.state == SubscriptionState::Failed)
        return stateColor(status.state);
    if (role == Qt::TextAlignmentRole) {
        if (column >= RateColumn && column <= TokenRateColumn && column != SparklineColumn
            && column != LatencySourceColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && column == RateColumn)
        return rateDescription(stats ? currentRate(*stats, now) : RateReading {});
    if (role == Qt::ToolTipRole
        && (column == LatencySourceColumn || column == LatencyP50Column
            || column == LatencyP99Column))
        return latencySourceTip(stream);
    if ((role == Qt::ToolTipRole || role == Qt::AccessibleDescriptionRole) && column == EndColumn)
        return endTip(status);
    if (role == Qt::ToolTipRole) {
        const SubscriptionConfig config = m_session->config(stream);
        QString tip = visibleText(displayUrl(config.url)) + u"\n"_s + stateLabel(status.state);
        if (!status.message.isEmpty())
            tip += u": "_s + visibleText(status.message);
        if (status.httpStatus)
            tip += u'\n' + tr("HTTP %1").arg(status.httpStatus);
        if (const ProxyChoice proxy = ProxyChoice::choose(config.url, config.proxy);
            !proxy.isDirect())
            tip += u'\n' + tr("Via proxy %1").arg(proxy.hostPort());
        if (!status.diagnosis.isEmpty())
            tip += u'\n' + status.diagnosis;
        if (!tlsWarning.isEmpty())
            tip += u"\n⚠ "_s + tlsWarning;
        const QString stall = m_session->originConnections(stream).browserWarning();
        if (!stall.isEmpty())
            tip += u"\n⚠ "_s + stall;
        return tip;
    }
    return {};
}

QVariant StreamListModel::textData(
    StreamId stream, int column, int role, const StreamStats *stats, qint64 now) const
{
    const SubscriptionStatus status = m_session->status(stream);
    // Not a 1 s window: behind a buffering proxy most seconds are empty, and
    // a stream averaging 20 events/s read 0.0 between its bursts.
    const RateReading rate = stats && (column == RateColumn || column == SparklineColumn)
        ? currentRate(*stats, now)
        : RateReading {};
    const WindowStats minute = stats ? stats->window(60, now) : WindowStats {};
    const SubscriptionCounters counters = m_session->counters(stream);
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return visibleText(m_session->streamName(stream));
    case StateColumn:
        return stateLabel(status.state);
    case RateColumn:
        return role == Qt::AccessibleTextRole ? rateDescription(rate) : rateText(rate);
    case SparklineColumn:
        return role == Qt::AccessibleTextRole ? rateText(rate) : QVariant();
    case EventsColumn:
        return locale.toString(stats ? stats->totals().events : 0);
    case BytesColumn:
        return locale.formattedDataSize(
            qint64(stats ? stats->totals().bytes : 0), 1, QLocale::DataSizeIecFormat);
    case LatencyP50Column:
        return formatMs(minute.latencyMs.p50, minute.latencyMs.count);
    case LatencyP99Column:
        return formatMs(minute.latencyMs.p99, minute.latencyMs.count);
    case LatencySourceColumn:
        // Read aloud, the short form ("/ts, auto") says too little.
        return role == Qt::AccessibleTextRole ? latencySourceTip(stream)
                                              : latencySourceText(stream);
    case PerReadColumn: {
        const WindowStats tenSeconds = stats ? stats->window(10, now) : WindowStats {};
        return tenSeconds.chunks ? QString::number(tenSeconds.eventsPerChunk, 'f', 1) : u"–"_s;
    }
    case ReconnectsColumn:
        return locale.toString(counters.reconnections);
    case IdGapsColumn:
    case IdDupsColumn:
        if (!stats || !stats->totals().idsCounted)
            return u"–"_s; // ids that do not count up (yet): nothing to count
        return locale.toString(
            column == IdGapsColumn ? stats->totals().idGaps : stats->totals().idDuplicates);
    case TtftColumn:
    case TokenGapColumn:
    case TokenRateColumn:
        return tokenText(stream, column, role);
    case EndColumn:
        if (status.end == StreamEnd::None)
            return u"–"_s;
        return role == Qt::AccessibleTextRole ? endTip(status) : streamEndText(status.end);
    case MessageColumn:
        if (m_session->isPausedForCapture(stream))
            return tr("Paused while the capture %1 is open. Resume all captures live again.")
                .arg(QFileInfo(m_session->capturePath()).fileName());
        if (status.state == SubscriptionState::Open && stats && stats->totals().lastNs > 0) {
            // Open but quiet: a stalled server or a proxy holding events back
            // looks exactly like this, and "Receiving events" would be a lie.
            const qint64 silentS = (now - stats->totals().lastNs) / 1'000'000'000;
            if (silentS >= 10)
                return tr("Connected, but nothing received for %1 s (no events, no heartbeats).")
                    .arg(silentS);
        }
        // A proxy's idle timeout, once named, stays in sight with every sentence.
        if (status.state == SubscriptionState::Waiting && status.retryInMs > 0)
            return withDiagnosis(tr("%1 Next attempt in %2 s.")
                                     .arg(status.message)
                                     .arg(double(status.retryInMs) / 1000, 0, 'f', 1),
                status);
        return withDiagnosis(status.message, status);
    default:
        return {};
    }
}

QString StreamListModel::tokenText(StreamId stream, int column, int role) const
{
    const TokenStats *tokens = m_session->pipeline().stats().findTokens(stream);
    if (!tokens)
        return role == Qt::AccessibleTextRole ? tr("not a token stream") : u"–"_s;
    const TokenFigures f = tokens->figures();
    const auto ms = [](double value) {
        return std::isnan(value) ? u"–"_s : QString::number(value, 'f', value < 10 ? 1 : 0);
    };
    switch (column) {
    case TtftColumn:
        return std::isnan(f.ttftMs) ? u"–"_s : tr("%1 ms").arg(ms(f.ttftMs));
    case TokenGapColumn:
        if (f.gaps == 0)
            return u"–"_s;
        return role == Qt::AccessibleTextRole
            ? tr("inter-token gap median %1 ms, 99th percentile %2 ms")
                  .arg(ms(f.gapP50Ms), ms(f.gapP99Ms))
            : tr("%1 / %2 ms").arg(ms(f.gapP50Ms), ms(f.gapP99Ms));
    case TokenRateColumn:
        return std::isnan(f.tokensPerSecond) ? u"–"_s : QString::number(f.tokensPerSecond, 'f', 1);
    default:
        return {};
    }
}

QVariant StreamListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case RateColumn:
            return tr("Events per second averaged over the last %1 s (over %2 s for a stream "
                      "whose bursts come more than %3 s apart). \"(bursts)\" marks a stream "
                      "that arrives many events per network read with silences between, as "
                      "behind a buffering proxy.")
                .arg(kRateWindowNs / 1'000'000'000)
                .arg(kWideRateWindowNs / 1'000'000'000)
                .arg(kWideRateGapNs / 1'000'000'000);
        case PerReadColumn:
            return tr("Events per network read over the last 10 s. A buffering proxy delivers "
                      "many events per read, in bursts; an unbuffered route about one.");
        case LatencyP50Column:
        case LatencyP99Column:
            return tr("Send-time latency over the last minute (see Latency from)");
        case LatencySourceColumn:
            return tr("Where the send time is read from: a configured source, one found "
                      "automatically (auto), or none");
        case ReconnectsColumn:
            return tr("Reconnection attempts");
        case IdGapsColumn:
            return tr("Event ids skipped, in a stream whose ids count up (1, 2, 3...): events "
                      "lost, say across a reconnection. – while the ids do not count up.");
        case IdDupsColumn:
            return tr("Event ids seen again, in a stream whose ids count up: a reconnection "
                      "whose server ignored Last-Event-ID and replayed its events shows here.");
        case TtftColumn:
            return tr("Time to first token: from the request to the first text delta of the "
                      "latest reply (token streams)");
        case TokenGapColumn:
            return tr("Inter-token gap, median and 99th percentile, within replies (a token is "
                      "a delta event)");
        case TokenRateColumn:
            return tr("Tokens (delta events) per second over the latest reply");
        case ProtocolColumn:
            return tr("The protocol of the last response, and the connections open to its origin "
                      "(a browser opens at most %1 HTTP/1.1 connections per origin)")
                .arg(OriginConnections::kBrowserHttp1Limit);
        case EndColumn:
            return tr("How the last connection ended: clean, reset mid-event, idle timeout, body "
                      "cut short, an error event, or no terminal marker");
        default:
            break;
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Stream");
    case StateColumn:
        return tr("State");
    case RateColumn:
        return tr("Events/s");
    case SparklineColumn:
        return tr("Last 60 s");
    case EventsColumn:
        return tr("Events");
    case BytesColumn:
        return tr("Bytes");
    case LatencyP50Column:
        return tr("p50");
    case LatencyP99Column:
        return tr("p99");
    case LatencySourceColumn:
        return tr("Latency from");
    case PerReadColumn:
        return tr("Ev/read");
    case ReconnectsColumn:
        return tr("Reconn.");
    case IdGapsColumn:
        return tr("Gaps");
    case IdDupsColumn:
        return tr("Dups");
    case TtftColumn:
        return tr("TTFT");
    case TokenGapColumn:
        return tr("Token gap");
    case TokenRateColumn:
        return tr("Tok/s");
    case ProtocolColumn:
        return tr("Protocol");
    case EndColumn:
        return tr("End");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

bool StreamListModel::RowFigures::operator==(const RowFigures &other) const
{
    return events == other.events && bytes == other.bytes && lastNs == other.lastNs
        && reconnections == other.reconnections && state == other.state && message == other.message
        && retryInMs == other.retryInMs && httpStatus == other.httpStatus
        && protocol == other.protocol && originConnections == other.originConnections
        && browserStall == other.browserStall && latencyState == other.latencyState
        && pausedForCapture == other.pausedForCapture && end == other.end
        && diagnosis == other.diagnosis && clockTick == other.clockTick;
}

StreamListModel::RowFigures StreamListModel::figuresOf(int row, qint64 nowNs) const
{
    const StreamId stream = m_rows.at(row);
    RowFigures figures;
    if (const StreamStats *stats = m_session->pipeline().stats().find(stream)) {
        figures.events = stats->totals().events;
        figures.bytes = stats->totals().bytes;
        figures.lastNs = stats->totals().lastNs;
    }
    if (row >= m_liveRows)
        return figures; // a capture's figures are as of its last event: no clock
    const SubscriptionStatus status = m_session->status(stream);
    figures.reconnections = m_session->counters(stream).reconnections;
    figures.state = status.state;
    figures.message = status.message;
    figures.retryInMs = status.retryInMs;
    figures.httpStatus = status.httpStatus;
    figures.protocol = status.protocol;
    const OriginConnections origin = m_session->originConnections(stream);
    figures.originConnections = origin.connections;
    figures.browserStall = origin.browserWouldStall();
    figures.latencyState = int(m_session->latencyDetection(stream).state);
    figures.pausedForCapture = m_session->isPausedForCapture(stream);
    figures.end = status.end;
    figures.diagnosis = status.diagnosis;
    // Rates, the sparkline and the minute's latencies slide with the clock
    // until the last event is older than the widest of their windows; an
    // open stream's silence is counted in seconds after that.
    constexpr qint64 kClockHorizonNs
        = std::max<qint64>(kWideRateWindowNs, kSparklineSeconds * 1'000'000'000LL)
        + 2'000'000'000LL;
    const qint64 age = nowNs - figures.lastNs;
    if (figures.lastNs > 0 && age <= kClockHorizonNs)
        figures.clockTick = nowNs / 250'000'000;
    else if (figures.lastNs > 0 && status.state == SubscriptionState::Open)
        figures.clockTick = -(age / 1'000'000'000);
    return figures;
}

void StreamListModel::refresh()
{
    const qint64 now = m_now();
    int first = -1; // of the run of changed rows being gathered
    for (int row = 0; row <= m_rows.size(); ++row) {
        bool changed = false;
        if (row < m_rows.size()) {
            RowFigures figures = figuresOf(row, now);
            auto shown = m_shown.find(m_rows.at(row));
            if (shown == m_shown.end()) {
                m_shown.insert(m_rows.at(row), std::move(figures));
                changed = true;
            } else if (!(*shown == figures)) {
                *shown = std::move(figures);
                changed = true;
            }
        }
        if (changed && first < 0)
            first = row;
        if (!changed && first >= 0) {
            Q_EMIT dataChanged(index(first, 0), index(row - 1, ColumnCount - 1));
            first = -1;
        }
    }
}

void StreamListModel::handleStreamAdded(StreamId stream)
{
    const int row = m_liveRows;
    beginInsertRows({}, row, row);
    m_rows.insert(row, stream);
    ++m_liveRows;
    endInsertRows();
}

void StreamListModel::handleCaptureStreamsAdded()
{
    QList<StreamId> added;
    for (StreamId stream : m_session->capturedStreams()) {
        if (!m_rows.contains(stream))
            added.append(stream);
    }
    if (added.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows += added;
    endInsertRows();
}

void StreamListModel::handleCaptureReset()
{
    if (m_rows.size() == m_liveRows)
        return;
    beginRemoveRows({}, m_liveRows, int(m_rows.size()) - 1);
    for (qsizetype row = m_liveRows; row < m_rows.size(); ++row)
        m_shown.remove(m_rows.at(row));
    m_rows.resize(m_liveRows);
    endRemoveRows();
}

QVariant StreamListModel::protocolData(StreamId stream, int role) const
{
    const SubscriptionStatus status = m_session->status(stream);
    if (status.protocol.isEmpty())
        return role == Qt::DisplayRole ? QVariant(QString()) : QVariant();
    const OriginConnections origin = m_session->originConnections(stream);
    const QString warning = origin.browserWarning();
    switch (role) {
    case Qt::DisplayRole:
        return origin.connections > 0
            ? tr("%1 · %2").arg(QString::fromLatin1(status.protocol)).arg(origin.connections)
            : QString::fromLatin1(status.protocol);
    case Qt::AccessibleTextRole:
        return tr("%1, %n connection(s) open to %2", nullptr, origin.connections)
            .arg(QString::fromLatin1(status.protocol), origin.origin);
    case Qt::DecorationRole:
        return warning.isEmpty() ? QVariant() : QVariant(warningIcon());
    case Qt::ToolTipRole: {
        QString tip = tr("%n connection(s) open to %1: %2 HTTP/1.1 and %3 HTTP/2 stream(s).",
            nullptr, origin.connections)
                          .arg(origin.origin)
                          .arg(origin.http1Streams)
                          .arg(origin.http2Streams);
        if (!warning.isEmpty())
            tip += u"\n⚠ "_s + warning;
        return tip;
    }
    case Qt::AccessibleDescriptionRole:
        return warning.isEmpty() ? QVariant() : QVariant(warning);
    default:
        return {};
    }
}

QVariant StreamListModel::capturedData(StreamId stream, int column, int role) const
{
    const QString file = QFileInfo(m_session->capturePath()).fileName();
    if (role == Qt::ToolTipRole && column != RateColumn)
        return tr("Stream %1 of the capture %2: its figures are those of the capture, as of "
                  "its last event.")
            .arg(visibleText(m_session->streamName(stream)), file);
    if (role == Qt::DecorationRole && column == StateColumn)
        return QVariant(); // no connection, so no state icon
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (column) {
    case StateColumn:
        return tr("From file");
    case ReconnectsColumn:
    case EndColumn:
        return u"–"_s;
    case LatencySourceColumn:
        return tr("file");
    case MessageColumn:
        return tr("Read from %1; figures as of its last event.").arg(file);
    default:
        return {};
    }
}

void StreamListModel::handleStreamRemoved(StreamId stream)
{
    const int row = rowOf(stream);
    if (row < 0 || row >= m_liveRows)
        return;
    beginRemoveRows({}, row, row);
    m_shown.remove(stream);
    m_rows.removeAt(row);
    --m_liveRows;
    endRemoveRows();
}

void StreamListModel::handleStreamReplaced(StreamId from, StreamId to)
{
    const int row = rowOf(from);
    if (row < 0)
        return;
    m_rows[row] = to;
    m_shown.remove(from);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void StreamListModel::handleStatusChanged(StreamId stream)
{
    const int row = rowOf(stream);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace ssescope::ui
