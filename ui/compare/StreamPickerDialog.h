#pragma once

#include "core/sse/SseEvent.h"

#include <QDialog>

class QDialogButtonBox;
class QListWidget;

namespace ssescope::ui {

class DashboardSession;

// Which streams to compare, when fewer than two are selected in the
// streams panel: every live and opened stream, checkable; OK needs two.
class StreamPickerDialog final : public QDialog
{
    Q_OBJECT
public:
    StreamPickerDialog(
        const DashboardSession *session, const QList<StreamId> &checked, QWidget *parent = nullptr);

    QList<StreamId> checkedStreams() const;
    QListWidget *list() const { return m_list; }
    // Live streams in the user's order, then those of an opened capture.
    static QList<StreamId> candidates(const DashboardSession *session);

private:
    void updateOk();

    QListWidget *m_list;
    QDialogButtonBox *m_buttons;
};

} // namespace ssescope::ui
