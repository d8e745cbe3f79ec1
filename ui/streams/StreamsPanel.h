#pragma once

#include "core/sse/SseEvent.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace ssescope::ui {

class DashboardSession;
class StreamListModel;

// The streams dock: the list of streams and what can be done to them.
class StreamsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit StreamsPanel(DashboardSession *session, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StreamsPanel)

    QList<StreamId> selectedStreams() const;
    // The selected streams that are live (not an opened capture's).
    QList<StreamId> selectedLiveStreams() const;
    QTableView *view() const { return m_view; }
    QLabel *connectionWarning() const { return m_connectionWarning; }
    StreamListModel *model() const { return m_model; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *restartAction() const { return m_restart; }
    QAction *editAction() const { return m_edit; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *removeAction() const { return m_remove; }
    // Shown in the context menu while a capture is open ("Serve this capture").
    void addCaptureAction(QAction *action) { m_captureActions.append(action); }

Q_SIGNALS:
    void editRequested(ssescope::StreamId stream);
    void duplicateRequested(ssescope::StreamId stream);
    void addRequested();
    // The user picked streams: the event table may narrow to them.
    void streamActivated(ssescope::StreamId stream);

private:
    void showContextMenu(const QPoint &position);
    void updateActions();
    QAction *makeAction(const QString &text, const QKeySequence &shortcut);
    void revealNewStream();
    void updateCaptureBanner();
    void updateConnectionWarning();
    void growWithStreams();
    int wantedHeight() const; // of the view, to show every row

    // The streams dock takes at most this share of the window's height.
    static constexpr double kMaxShareOfWindow = 0.4;

    DashboardSession *m_session;
    StreamListModel *m_model;
    QTableView *m_view;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_restart;
    QAction *m_edit;
    QAction *m_duplicate;
    QAction *m_remove;
    QLabel *m_captureBanner;
    QLabel *m_connectionWarning; // origins where a browser would stall

    QPushButton *m_resumeLive;
    QList<QAction *> m_captureActions;
    int m_newRow = -1;
    bool m_revealPending = false;
};

} // namespace ssescope::ui
