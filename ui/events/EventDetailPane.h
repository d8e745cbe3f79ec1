#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace ssescope::ui {

class DashboardSession;

// The selected event: its fields, a bounded preview of the data (the first
// kPreviewBytes, long lines cut into pieces of kPieceChars so that no text
// block costs more to lay out than a screenful), pretty-printed JSON when the
// data is JSON and small, and the whole event a button away: copy, or save
// to a file. Laying out a whole 10 MiB line froze the window for 12 s.
class EventDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventDetailPane(DashboardSession *session, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventDetailPane)

    static constexpr qsizetype kPreviewBytes = 64 * 1024;
    static constexpr qsizetype kPieceChars = 4096;
    // Larger data is shown raw only: indenting it would outgrow the preview.
    static constexpr qsizetype kJsonBytes = 256 * 1024;

    // 0 clears the pane.
    void displayEvent(quint64 seq);
    quint64 shownSeq() const { return m_seq; }
    QString rawText() const;
    QString prettyJson() const;
    bool jsonShown() const;
    // A token stream's reply up to the shown event (the Reply tab), else empty.
    QString replyText() const;
    bool replyShown() const;

private:
    void copyData();
    void copyAsSse();
    void askSavePath();
    void saveData(const QString &path);
    // The shown event's data, read from the store when asked: the pane keeps
    // no copy of a 60 MiB event. Null when the cap has dropped it since.
    QByteArray fullData() const;
    void showReply(qint64 row);

    DashboardSession *m_session;
    quint64 m_seq = 0;
    QLabel *m_header;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_raw;
    QPlainTextEdit *m_json;
    QPlainTextEdit *m_reply;
    QPushButton *m_copy;
    QPushButton *m_copySse;
    QPushButton *m_save;
    bool m_preferRaw = false;
    bool m_preferReply = false;
};

} // namespace ssescope::ui
