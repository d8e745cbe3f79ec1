#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace ssescope::ui {

class DashboardSession;

// The selected event in full: its fields, the raw data, pretty-printed JSON
// when the data is JSON, and copy buttons.
class EventDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventDetailPane(DashboardSession *session, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventDetailPane)

    // 0 clears the pane.
    void displayEvent(quint64 seq);
    quint64 shownSeq() const { return m_seq; }
    QString rawText() const;
    QString prettyJson() const;
    bool jsonShown() const;

private:
    void copyData();
    void copyAsSse();

    DashboardSession *m_session;
    quint64 m_seq = 0;
    QLabel *m_header;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_raw;
    QPlainTextEdit *m_json;
    QPushButton *m_copy;
    QPushButton *m_copySse;
    QByteArray m_data;
    QByteArray m_sse;
    bool m_preferRaw = false;
};

} // namespace ssescope::ui
