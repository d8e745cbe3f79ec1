#pragma once

#include "core/net/SubscriptionConfig.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QUrl;

namespace ssescope::ui {

class HeadersEditor;

// Adds or edits one subscription. Every field is checked as it changes; the
// reason shows under the form and OK stays disabled until it is valid.
class SubscribeDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SubscribeDialog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SubscribeDialog)

    void setConfig(const SubscriptionConfig &config);
    SubscriptionConfig config() const; // valid only when validationError() is empty
    QString validationError() const;

    // The last event of the stream being edited, to preview the latency source.
    void setPreviewEvent(const QByteArray &id, const QByteArray &eventData, qint64 arrivalWallNs);

    // Fills the dialog from a curl command; false with the reason shown.
    bool applyCurlCommand(const QString &command);
    QString curlNotes() const;

    // Editing an existing stream: the confirm button says Save.
    void setEditing(bool editing);

    // The name a stream gets when none is given: what tells it apart from the
    // other streams of the same host (the path's last segment), else the host.
    static QString defaultName(const QUrl &url);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // The constructor's steps.
    void setUpFields();
    QPushButton *createPasteButton();
    QWidget *createRequestTab(QPushButton *paste);
    QWidget *createConnectionTab();
    void connectFields(QPushButton *paste);

    void revalidate();
    void updateAuthFields();
    void updateLatencyPreview();
    void updateAutoLatencyPreview();
    void pasteCurl();
    // A paste into the URL field longer than the field holds (QLineEdit's
    // maxLength, 32,767): handled as Paste cURL, whole, instead of cut.
    bool pasteIntoUrl(const QString &text);
    void fitToScreen();
    // Moves a Bearer or Basic Authorization header into the Auth helper.
    void takeAuthorization(QList<HttpHeader> *headers);
    SubscriptionConfig buildConfig(QString *error) const;

    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_method;
    QComboBox *m_authKind;
    QLineEdit *m_authUser;
    QLineEdit *m_authSecret;
    HeadersEditor *m_headers;
    QPlainTextEdit *m_body;
    QLineEdit *m_lastEventId;
    QComboBox *m_policy;
    QSpinBox *m_retryMs;
    QSpinBox *m_maxAttempts;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_idleTimeout;
    QCheckBox *m_reconnect;
    QCheckBox *m_compression;
    QCheckBox *m_ignoreTls;
    QLabel *m_tlsWarning;
    QLineEdit *m_caFile;
    QLineEdit *m_proxy; // SubscriptionConfig::proxy: empty = the system's
    // How the stream says it failed or finished (its end class).
    QLineEdit *m_errorEvent;
    QLineEdit *m_errorJsonType;
    QLineEdit *m_terminal;
    QComboBox *m_latencySource;
    QLineEdit *m_latencyExpression;
    QComboBox *m_latencyUnit;
    QLabel *m_latencyPreview;
    QLineEdit *m_tokens;
    QCheckBox *m_ndjson;
    QCheckBox *m_anyContentType;
    QLabel *m_curlNotes;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    SubscriptionConfig m_base;
    QByteArray m_previewId;
    QByteArray m_previewData;
    qint64 m_previewWallNs = 0;
    bool m_havePreview = false;
    QString m_defaultedName; // the name defaultName() filled in last
};

} // namespace ssescope::ui
