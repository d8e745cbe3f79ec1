#pragma once

#include "core/net/SubscriptionStatus.h"
#include "core/sse/SseEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <functional>

namespace ssescope {
class StreamStats;
}

namespace ssescope::ui {

class DashboardSession;

// One row per live stream: state, rates, a sparkline, totals, latency and
// reconnections. Events/s is a trailing average (core/stats/RateSeries, as the
// charts draw it), marked "(bursts)" for a stream that arrives many events per
// read with silences between, as behind a buffering proxy; read from the
// session's pipeline statistics on a timer so that a busy stream never makes
// the panel repaint faster than people read. Each refresh signals only the
// rows whose figures moved: with many quiet streams, the view repaints the
// few busy ones, not the whole table.
// An opened capture's streams follow the live ones, with their figures as of
// their own last event (the capture's time, not the wall clock).
class StreamListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        RateColumn,
        SparklineColumn,
        EventsColumn,
        BytesColumn,
        LatencyP50Column,
        LatencyP99Column,
        LatencySourceColumn, // "/ts, auto", "/ts" or "none": where the latency comes from
        PerReadColumn,
        ReconnectsColumn,
        IdGapsColumn, // ids skipped, where ids count up (core/stats/IdSequenceChecker)
        IdDupsColumn, // ids seen again
        // Token streams only (core TokenStats); "–" for the others.
        TtftColumn, // time to first token of the latest reply
        TokenGapColumn, // inter-token gap p50 / p99
        TokenRateColumn, // tokens per second of the latest reply
        ProtocolColumn, // HTTP/1.1 or HTTP/2, and the connections open to the origin
        EndColumn, // how the last connection ended (StreamEnd), its diagnosis in the tooltip
        MessageColumn,
        ColumnCount
    };
    enum Role {
        StreamIdRole = Qt::UserRole + 1,
        SparklineRole, // QList<qreal>, events/s per second, oldest first
        StreamColorRole,
    };

    explicit StreamListModel(DashboardSession *session, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StreamListModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    StreamId streamAt(int row) const;
    // The short text of LatencySourceColumn and the sentence of its tooltip.
    QString latencySourceText(StreamId stream) const;
    QString latencySourceTip(StreamId stream) const;
    int rowOf(StreamId stream) const;
    // Re-reads figures now (the timer does it four times a second) and
    // signals the rows they changed in.
    void refresh();
    // The steady clock the figures are read at (tests set their own).
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }

private:
    static QString endTip(const SubscriptionStatus &status);
    static QString withDiagnosis(const QString &message, const SubscriptionStatus &status);
    void handleStreamAdded(StreamId stream);
    void handleStreamRemoved(StreamId stream);
    void handleStreamReplaced(StreamId from, StreamId to);
    void handleStatusChanged(StreamId stream);
    void handleCaptureStreamsAdded();
    void handleCaptureReset();
    QVariant capturedData(StreamId stream, int column, int role) const;
    QVariant protocolData(StreamId stream, int role) const;
    // data() of a live row (or a captured row's figures), by kind of role.
    QVariant textData(
        StreamId stream, int column, int role, const StreamStats *stats, qint64 now) const;
    QString tokenText(StreamId stream, int column, int role) const;
    QVariant decorationData(
        StreamId stream, int column, int role, const StreamStats *stats, qint64 now) const;

    // What a row's cells are drawn from, cheap to read: a row whose figures
    // equal the last refresh's shows the same text, so it is not signalled.
    struct RowFigures
    {
        quint64 events = 0;
        quint64 bytes = 0;
        qint64 lastNs = 0;
        quint64 reconnections = 0;
        SubscriptionState state = SubscriptionState::Idle;
        QString message;
        qint64 retryInMs = 0;
        int httpStatus = 0;
        QByteArray protocol;
        int originConnections = 0;
        bool browserStall = false;
        int latencyState = 0;
        bool pausedForCapture = false;
        StreamEnd end = StreamEnd::None;
        QString diagnosis;
        qint64 clockTick = 0; // moves while the clock moves the figures
        bool operator==(const RowFigures &other) const;
    };
    RowFigures figuresOf(int row, qint64 nowNs) const;

    DashboardSession *m_session;
    QList<StreamId> m_rows; // the live streams, then the opened capture's
    int m_liveRows = 0;
    QHash<StreamId, RowFigures> m_shown; // as of the last refresh
    QTimer m_refresh;
    std::function<qint64()> m_now;
};

} // namespace ssescope::ui
