#pragma once

#include "core/store/EventFilter.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace ssescope::ui {

class DashboardSession;

// Stream, type and text/regex over the data. Typing applies the filter after a
// short pause; an invalid regex is shown in place and changes nothing.
class EventFilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit EventFilterBar(DashboardSession *session, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventFilterBar)

    EventFilter filter() const;
    void setStreamFilter(StreamId stream); // 0 = all streams
    void showError(const QString &message); // empty hides it
    void showStatus(const QString &message);
    QLineEdit *textEdit() const { return m_text; }
    void focusText();
    // The custom columns the text may be looked for in, instead of the data.
    void setColumns(const QList<JsonColumn> &columns);
    QComboBox *scopeBox() const { return m_scope; }

Q_SIGNALS:
    void filterChanged(const ssescope::EventFilter &filter);

private:
    void refreshStreams();
    void emitSoon();

    DashboardSession *m_session;
    QComboBox *m_stream;
    QComboBox *m_type;
    QLineEdit *m_text;
    QComboBox *m_scope; // the data, or a custom column's value
    QCheckBox *m_regex;
    QCheckBox *m_case;
    QLabel *m_message;
    QTimer m_debounce;
};

} // namespace ssescope::ui
