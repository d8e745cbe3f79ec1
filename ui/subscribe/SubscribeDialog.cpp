#include "SubscribeDialog.h"

#include "core/latency/LatencyAutoDetector.h"
#include "core/latency/LatencyExtractor.h"
#include "core/net/CurlCommand.h"
#include "core/net/ProxyChoice.h"
#include "ui/subscribe/HeadersEditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QKeyEvent>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

enum AuthKind { NoAuth, BearerAuth, BasicAuth };

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const auto u = uchar(c);
        if (u <= 32 || u >= 127 || QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

template<typename Widget>
Widget *named(Widget *widget, const QString &objectName, const QString &accessible)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessible);
    return widget;
}

QSpinBox *spin(QWidget *parent, int min, int max, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

} // namespace

SubscribeDialog::SubscribeDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(named(new QLineEdit(this), u"name"_s, tr("Stream name")))
    , m_url(named(new QLineEdit(this), u"url"_s, tr("Stream URL")))
    , m_method(named(new QComboBox(this), u"method"_s, tr("HTTP method")))
    , m_authKind(named(new QComboBox(this), u"authKind"_s, tr("Authentication")))
    , m_authUser(named(new QLineEdit(this), u"authUser"_s, tr("User name")))
    , m_authSecret(named(new QLineEdit(this), u"authSecret"_s, tr("Token or password")))
    , m_headers(named(new HeadersEditor(this), u"headers"_s, tr("Request headers")))
    , m_body(named(new QPlainTextEdit(this), u"body"_s, tr("Request body")))
    , m_lastEventId(named(new QLineEdit(this), u"lastEventId"_s, tr("Initial Last-Event-ID")))
    , m_policy(named(new QComboBox(this), u"policy"_s, tr("Reconnection policy")))
    , m_retryMs(named(
          spin(this, 0, 3'600'000, tr(" ms")), u"retryMs"_s, tr("Initial reconnection delay")))
    , m_maxAttempts(
          named(spin(this, 0, 1'000'000, QString()), u"maxAttempts"_s, tr("Maximum attempts")))
    , m_connectTimeout(
          named(spin(this, 0, 3600, tr(" s")), u"connectTimeout"_s, tr("Connect timeout")))
    , m_idleTimeout(named(spin(this, 0, 86400, tr(" s")), u"idleTimeout"_s, tr("Idle timeout")))
    , m_reconnect(named(new QCheckBox(tr("Reconnect &when the stream ends"), this), u"reconnect"_s,
          tr("Reconnect when the stream ends")))
    , m_compression(named(new QCheckBox(tr("Accept &compression (gzip)"), this), u"compression"_s,
          tr("Accept compression")))
    , m_ignoreTls(named(new QCheckBox(tr("&Ignore TLS certificate errors"), this), u"ignoreTls"_s,
          tr("Ignore TLS certificate errors")))
    , m_tlsWarning(named(new QLabel(this), u"tlsWarning"_s, tr("TLS warning")))
    , m_caFile(named(new QLineEdit(this), u"caFile"_s, tr("CA certificate file")))
    , m_proxy(named(new QLineEdit(this), u"proxy"_s, tr("Proxy")))
    , m_errorEvent(named(new QLineEdit(this), u"errorEvent"_s, tr("Error event type")))
    , m_errorJsonType(named(new QLineEdit(this), u"errorJsonType"_s, tr("Error JSON type")))
    , m_terminal(named(new QLineEdit(this), u"terminal"_s, tr("Terminal marker")))
    , m_latencySource(named(new QComboBox(this), u"latencySource"_s, tr("Latency source")))
    , m_latencyExpression(
          named(new QLineEdit(this), u"latencyExpression"_s, tr("Latency expression")))
    , m_latencyUnit(named(new QComboBox(this), u"latencyUnit"_s, tr("Send time unit")))
    , m_latencyPreview(named(new QLabel(this), u"latencyPreview"_s, tr("Latency preview")))
    , m_tokens(named(new QLineEdit(this), u"tokens"_s, tr("Token stream: where the text delta is")))
    , m_ndjson(named(new QCheckBox(tr("Body is newline-delimited JSON (NDJSON)"), this),
          u"ndjson"_s, tr("Body is newline-delimited JSON")))
    , m_anyContentType(named(new QCheckBox(tr("Read the body whatever its Content-Type"), this),
          u"anyContentType"_s, tr("Read the body whatever its Content-Type")))
    , m_curlNotes(named(new QLabel(this), u"curlNotes"_s, tr("Notes on the pasted curl command")))
    , m_error(named(new QLabel(this), u"validationError"_s, tr("Why the form cannot be accepted")))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"subscribeDialog"_s);
    setWindowTitle(tr("Subscribe to a stream"));
    setAccessibleName(tr("Subscribe to a stream"));
    setUpFields();
    auto *paste = createPasteButton();
    // Made in this order, the widgets keep their focus order.
    QWidget *request = createRequestTab(paste);
    QWidget *connection = createConnectionTab();
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"subscribeTabs"_s);
    tabs->setAccessibleName(tr("Subscription settings"));
    tabs->addTab(request, tr("Re&quest"));
    tabs->addTab(connection, tr("&Connection && latency"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connectFields(paste);

    // New subscriptions find their send time by themselves.
    SubscriptionConfig fresh;
    fresh.latency.source = LatencySource::Auto;
    setConfig(fresh);
    // People come to this dialog with a URL (or a curl command) to paste.
    setTabOrder(m_url, paste);
    setTabOrder(paste, m_name);
    m_url->setFocus(Qt::OtherFocusReason);
    // The headers table grows with its rows; people may want more still.
    setSizeGripEnabled(true);
    resize(640, 520);
}

// Texts, choices and looks of the fields the constructor made.
void SubscribeDialog::setUpFields()
{
    m_url->setPlaceholderText(tr("https://api.example.com/events — or paste a curl command"));
    m_name->setPlaceholderText(tr("shown in tables and charts (defaults to the URL)"));
    m_method->setEditable(true);
    m_method->addItems({ u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s });
    m_authKind->addItem(tr("None"), NoAuth);
    m_authKind->addItem(tr("Bearer token"), BearerAuth);
    m_authKind->addItem(tr("Basic (user and password)"), BasicAuth);
    m_authSecret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_body->setPlaceholderText(tr("Sent with POST, e.g. {\"prompt\":\"hi\"}"));
    m_body->setTabChangesFocus(true);
    m_body->setMaximumHeight(90);
    m_policy->addItem(tr("Resilient: also retry 5xx, 408 and 429 with backoff"),
        int(ReconnectPolicyKind::Resilient));
    m_policy->addItem(tr("Strict: exactly what browsers do"), int(ReconnectPolicyKind::Strict));
    m_maxAttempts->setSpecialValueText(tr("unlimited"));
    m_idleTimeout->setSpecialValueText(tr("off"));
    m_connectTimeout->setSpecialValueText(tr("off"));
    m_compression->setToolTip(tr("Compression lets proxies hold events back until a block fills."));
    m_tlsWarning->setText(tr("⚠ The server's identity is not checked: anyone on the path can read "
                             "and change this stream."));
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(u"color: #b3261e; font-weight: 600;"_s);
    m_tlsWarning->setVisible(false);
    m_latencySource->addItem(tr("Auto-detect"), int(LatencySource::Auto));
    m_latencySource->addItem(tr("None"), int(LatencySource::None));
    m_latencySource->addItem(tr("JSON field (JSON Pointer)"), int(LatencySource::JsonPointer));
    m_latencySource->addItem(tr("Regular expression"), int(LatencySource::Regex));
    m_latencySource->addItem(tr("Event id"), int(LatencySource::EventId));
    m_latencyExpression->setPlaceholderText(tr("/ts  or  ts=(\\d+)"));
    m_latencyUnit->addItem(tr("auto"), int(TimeUnit::Auto));
    m_latencyUnit->addItem(tr("seconds"), int(TimeUnit::Seconds));
    m_latencyUnit->addItem(tr("milliseconds"), int(TimeUnit::Milliseconds));
    m_latencyUnit->addItem(tr("microseconds"), int(TimeUnit::Microseconds));
    m_latencyUnit->addItem(tr("nanoseconds"), int(TimeUnit::Nanoseconds));
    m_latencyPreview->setWordWrap(true);
    m_curlNotes->setWordWrap(true);
    m_curlNotes->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b3261e;"_s);
    // A sentence quoting a long unbroken word (a token, a URL) would widen the
    // dialog past the screen: these labels take the width they are given.
    for (QLabel *label : { m_curlNotes, m_error, m_latencyPreview, m_tlsWarning })
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Subscribe"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"subscribeOk"_s);
}

QPushButton *SubscribeDialog::createPasteButton()
{
    auto *paste = new QPushButton(tr("&Paste cURL"), this);
    paste->setObjectName(u"pasteCurl"_s);
    paste->setAccessibleName(tr("Fill the form from a curl command on the clipboard"));
    paste->setToolTip(tr("Paste a request copied with a browser's \"Copy as cURL\" (bash or cmd)"));
    return paste;
}

QWidget *SubscribeDialog::createRequestTab(QPushButton *paste)
{
    auto *request = new QWidget(this);
    auto *requestForm = new QFormLayout(request);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(paste);
    requestForm->addRow(tr("&URL"), urlRow);
    requestForm->addRow(tr("&Name"), m_name);
    requestForm->addRow(tr("&Method"), m_method);
    auto *authRow = new QHBoxLayout;
    authRow->addWidget(m_authKind);
    authRow->addWidget(m_authUser);
    authRow->addWidget(m_authSecret, 1);
    requestForm->addRow(tr("&Auth"), authRow);
    requestForm->addRow(tr("&Headers"), m_headers);
    requestForm->addRow(tr("&Body"), m_body);
    requestForm->addRow(QString(), m_curlNotes);
    const auto setBuddy = [](QFormLayout *form, QWidget *field) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(field)))
            label->setBuddy(field);
    };
    if (auto *label
        = qobject_cast<QLabel *>(requestForm->itemAt(0, QFormLayout::LabelRole)->widget()))
        label->setBuddy(m_url);
    if (auto *label
        = qobject_cast<QLabel *>(requestForm->itemAt(3, QFormLayout::LabelRole)->widget()))
        label->setBuddy(m_authKind);
    setBuddy(requestForm, m_headers);
    if (auto *label = qobject_cast<QLabel *>(requestForm->labelForField(m_headers)))
        label->setBuddy(m_headers->table());
    return request;
}

QWidget *SubscribeDialog::createConnectionTab()
{
    auto *connection = new QWidget(this);
    auto *connectionForm = new QFormLayout(connection);
    connectionForm->addRow(tr("&Last-Event-ID"), m_lastEventId);
    connectionForm->addRow(tr("&Policy"), m_policy);
    connectionForm->addRow(tr("&Retry delay"), m_retryMs);
    connectionForm->addRow(tr("Max &attempts"), m_maxAttempts);
    connectionForm->addRow(tr("Co&nnect timeout"), m_connectTimeout);
    connectionForm->addRow(tr("I&dle timeout"), m_idleTimeout);
    connectionForm->addRow(QString(), m_reconnect);
    connectionForm->addRow(QString(), m_compression);
    connectionForm->addRow(QString(), m_ignoreTls);
    connectionForm->addRow(QString(), m_tlsWarning);
    m_caFile->setPlaceholderText(tr("PEM file of a private CA to trust (optional)"));
    connectionForm->addRow(tr("CA &file"), m_caFile);
    auto *latencyRow = new QHBoxLayout;
    latencyRow->addWidget(m_latencySource);
    latencyRow->addWidget(m_latencyExpression, 1);
    latencyRow->addWidget(m_latencyUnit);
    connectionForm->addRow(tr("La&tency from"), latencyRow);
    connectionForm->addRow(QString(), m_latencyPreview);
    m_proxy->setPlaceholderText(
        tr("System proxy (http_proxy, https_proxy); none; or http://HOST:PORT"));
    m_proxy->setToolTip(tr("The system proxy is never used for localhost and 127.0.0.0/8; a "
                           "proxy given here is used for every address, loopback included."));
    connectionForm->addRow(tr("Pro&xy"), m_proxy);
    m_tokens->setPlaceholderText(tr("openai, anthropic, /POINTER or TYPE:/POINTER (optional)"));
    m_tokens->setToolTip(tr("An LLM token stream: time to first token, inter-token gaps, "
                            "tokens/s and the reply assembled from its deltas."));
    connectionForm->addRow(tr("To&ken deltas"), m_tokens);
    connectionForm->addRow(QString(), m_ndjson);
    connectionForm->addRow(QString(), m_anyContentType);
    m_errorEvent->setPlaceholderText(tr("Event type that says the stream failed (empty: none)"));
    m_errorJsonType->setPlaceholderText(
        tr("JSON data whose \"type\" says the stream failed (empty: none)"));
    m_terminal->setPlaceholderText(
        tr("Last event of a complete response, e.g. [DONE] or message_stop (optional)"));
    connectionForm->addRow(tr("&Error event"), m_errorEvent);
    connectionForm->addRow(tr("Error &JSON type"), m_errorJsonType);
    connectionForm->addRow(tr("Ter&minal marker"), m_terminal);
    if (auto *label = qobject_cast<QLabel *>(connectionForm->labelForField(latencyRow)))
        label->setBuddy(m_latencySource);
    return connection;
}

// Every field revalidates the form as it changes.
void SubscribeDialog::connectFields(QPushButton *paste)
{
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (validationError().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(paste, &QPushButton::clicked, this, &SubscribeDialog::pasteCurl);
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) {
        // A paste the field cut at its maxLength (the context menu's Paste,
        // which no key event announces): take the clipboard whole instead.
        if (text.size() >= m_url->maxLength()) {
            const QString clipboard = QApplication::clipboard()->text();
            if (clipboard.size() > m_url->maxLength() && pasteIntoUrl(clipboard))
                return;
        }
        // A curl command pasted into the URL field fills the whole form.
        if (text.trimmed().startsWith(u"curl "_s) || text.trimmed().startsWith(u"curl.exe "_s))
            applyCurlCommand(text);
        revalidate();
    });
    m_url->installEventFilter(this);
    for (QLineEdit *edit : { m_name, m_authUser, m_authSecret, m_lastEventId, m_latencyExpression,
             m_caFile, m_proxy, m_tokens, m_errorEvent, m_errorJsonType, m_terminal })
        connect(edit, &QLineEdit::textChanged, this, &SubscribeDialog::revalidate);
    connect(m_method, &QComboBox::currentTextChanged, this, &SubscribeDialog::revalidate);
    connect(m_authKind, &QComboBox::currentIndexChanged, this, &SubscribeDialog::updateAuthFields);
    connect(m_headers, &HeadersEditor::changed, this, &SubscribeDialog::revalidate);
    connect(m_body, &QPlainTextEdit::textChanged, this, &SubscribeDialog::revalidate);
    for (QComboBox *box : { m_policy, m_latencySource, m_latencyUnit })
        connect(box, &QComboBox::currentIndexChanged, this, &SubscribeDialog::revalidate);
    for (QSpinBox *box : { m_retryMs, m_maxAttempts, m_connectTimeout, m_idleTimeout })
        connect(box, &QSpinBox::valueChanged, this, &SubscribeDialog::revalidate);
    connect(m_ignoreTls, &QCheckBox::toggled, m_tlsWarning, &QLabel::setVisible);
}

void SubscribeDialog::setEditing(bool editing)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(editing ? tr("&Save") : tr("&Subscribe"));
}

QString SubscribeDialog::defaultName(const QUrl &url)
{
    // "completions" tells two streams of api.example.com apart; the host
    // alone, the old default, named them all the same.
    const QStringList segments = url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    if (!segments.isEmpty())
        return segments.last();
    return url.host();
}

bool SubscribeDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_url && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QString text = QApplication::clipboard()->text();
        const qsizetype room
            = m_url->maxLength() - m_url->text().size() + m_url->selectedText().size();
        if (text.size() > room) {
            pasteIntoUrl(text);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

bool SubscribeDialog::pasteIntoUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u"curl "_s) || trimmed.startsWith(u"curl.exe "_s))
        return applyCurlCommand(text);
    m_curlNotes->setText(tr("The pasted text is %L1 characters long, more than the URL field "
                            "holds (%L2). Paste a curl command, or a shorter URL.")
                             .arg(text.size())
                             .arg(m_url->maxLength()));
    m_curlNotes->setVisible(true);
    return false;
}

void SubscribeDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitToScreen();
}

void SubscribeDialog::fitToScreen()
{
    const QScreen *screen = this->screen() ? this->screen() : QApplication::primaryScreen();
    if (!screen)
        return;
    // Never wider or taller than the screen: the buttons stay reachable.
    const QSize room = screen->availableGeometry().size();
    setMaximumSize(room);
    if (width() > room.width() || height() > room.height())
        resize(std::min(width(), room.width()), std::min(height(), room.height()));
}

void SubscribeDialog::setConfig(const SubscriptionConfig &config)
{
    m_base = config;
    m_name->setText(config.name);
    m_url->setText(config.url.toString());
    m_method->setCurrentText(QString::fromLatin1(config.method));
    m_authKind->setCurrentIndex(0);
    m_headers->setHeaders(config.headers, config.secretHeaders);
    m_body->setPlainText(QString::fromUtf8(config.body));
    m_lastEventId->setText(QString::fromUtf8(config.lastEventId));
    m_policy->setCurrentIndex(m_policy->findData(int(config.reconnect.kind)));
    m_retryMs->setValue(
        int(std::min<qint64>(config.reconnect.initialRetryMs, m_retryMs->maximum())));
    m_maxAttempts->setValue(config.reconnect.maxAttempts);
    m_connectTimeout->setValue(int(config.connectTimeoutMs / 1000));
    m_idleTimeout->setValue(int(config.idleTimeoutMs / 1000));
    m_reconnect->setChecked(config.reconnect.reconnect);
    m_compression->setChecked(config.allowCompression);
    m_ignoreTls->setChecked(config.ignoreTlsErrors);
    m_caFile->setText(config.caFile);
    m_proxy->setText(config.proxy);
    m_errorEvent->setText(QString::fromUtf8(config.errorEventType));
    m_errorJsonType->setText(QString::fromUtf8(config.errorJsonType));
    m_terminal->setText(QString::fromUtf8(config.terminal));
    m_latencySource->setCurrentIndex(m_latencySource->findData(int(config.latency.source)));
    m_latencyExpression->setText(config.latency.expression);
    m_latencyUnit->setCurrentIndex(m_latencyUnit->findData(int(config.latency.unit)));
    m_tokens->setText(config.tokens.isEnabled() ? config.tokens.toSpec() : QString());
    m_ndjson->setChecked(config.bodyFormat == BodyFormat::Ndjson);
    m_anyContentType->setChecked(config.acceptAnyContentType);
    updateAuthFields();
    revalidate();
}

SubscriptionConfig SubscribeDialog::buildConfig(QString *error) const
{
    // Settings the form does not show (redirect limit, buffer sizes, backoff
    // cap, clock offset...) stay as they were when editing.
    SubscriptionConfig config = m_base;
    const QString urlText = m_url->text().trimmed();
    config.url = QUrl(urlText, QUrl::StrictMode);
    config.name = m_name->text().trimmed();
    config.method = m_method->currentText().trimmed().toUpper().toLatin1();
    config.headers = m_headers->headers();
    config.secretHeaders = m_headers->secretNames();
    const int auth = m_authKind->currentData().toInt();
    if (auth == BearerAuth)
        config.headers.append({ "Authorization", "Bearer " + m_authSecret->text().toUtf8() });
    else if (auth == BasicAuth)
        config.headers.append({ "Authorization",
            "Basic " + (m_authUser->text() + u':' + m_authSecret->text()).toUtf8().toBase64() });
    if (auth != NoAuth && !config.secretHeaders.contains("Authorization"))
        config.secretHeaders.append("Authorization");
    config.body = m_body->toPlainText().toUtf8();
    config.lastEventId = m_lastEventId->text().toUtf8();
    config.reconnect.kind = ReconnectPolicyKind(m_policy->currentData().toInt());
    config.reconnect.initialRetryMs = m_retryMs->value();
    config.reconnect.maxAttempts = m_maxAttempts->value();
    config.reconnect.reconnect = m_reconnect->isChecked();
    config.connectTimeoutMs = qint64(m_connectTimeout->value()) * 1000;
    config.idleTimeoutMs = qint64(m_idleTimeout->value()) * 1000;
    config.allowCompression = m_compression->isChecked();
    config.ignoreTlsErrors = m_ignoreTls->isChecked();
    config.caFile = m_caFile->text().trimmed();
    config.proxy = m_proxy->text().trimmed();
    config.errorEventType = m_errorEvent->text().trimmed().toUtf8();
    config.errorJsonType = m_errorJsonType->text().trimmed().toUtf8();
    config.terminal = m_terminal->text().trimmed().toUtf8();
    config.latency.source = LatencySource(m_latencySource->currentData().toInt());
    config.latency.expression = m_latencyExpression->text();
    config.latency.unit = TimeUnit(m_latencyUnit->currentData().toInt());
    config.bodyFormat = m_ndjson->isChecked() ? BodyFormat::Ndjson : BodyFormat::Sse;
    config.acceptAnyContentType = m_anyContentType->isChecked();
    QString tokensError;
    const auto tokens = TokenStreamConfig::fromSpec(m_tokens->text(), &tokensError);
    config.tokens = tokens.value_or(TokenStreamConfig {});

    // The first reason wins; an empty one is no reason.
    const auto fail = [error](const QString &message) {
        if (error && error->isEmpty())
            *error = message;
    };
    if (urlText.isEmpty())
        fail(tr("Enter the stream's URL."));
    else if (!urlText.contains(u"://"_s))
        fail(tr("The URL needs a scheme: http:// or https://."));
    if (!isToken(config.method))
        fail(tr("\"%1\" is not a valid HTTP method.").arg(m_method->currentText()));
    for (const auto &[name, value] : std::as_const(config.headers)) {
        if (!isToken(name))
            fail(tr("The header name \"%1\" is not valid: use letters, digits and -.")
                     .arg(QString::fromUtf8(name)));
        else
            fail(SubscriptionConfig::headerLineError(name, value));
    }
    if (auth == BearerAuth && m_authSecret->text().isEmpty())
        fail(tr("Enter the bearer token, or choose no authentication."));
    if (auth == BasicAuth && m_authUser->text().contains(u':'))
        fail(tr("A Basic user name cannot contain a colon."));
    fail(SubscriptionConfig::headerLineError("Last-Event-ID", config.lastEventId));
    fail(SubscriptionConfig::caFileProblem(config.caFile));
    fail(ProxyChoice::settingProblem(config.proxy));
    if (!tokens)
        fail(tokensError);
    if (config.latency.source == LatencySource::JsonPointer
        || config.latency.source == LatencySource::Regex) {
        QString latencyError;
        const QString prefix
            = config.latency.source == LatencySource::JsonPointer ? u"json:"_s : u"regex:"_s;
        if (config.latency.expression.isEmpty())
            fail(tr("Enter the latency expression: a JSON Pointer such as /ts, or a regular "
                    "expression."));
        else if (!LatencyConfig::fromSpec(prefix + config.latency.expression, &latencyError))
            fail(latencyError);
    }
    if (error && error->isEmpty()) {
        const QString invalid = config.validationError();
        if (!invalid.isEmpty())
            *error = invalid;
    }
    return config;
}

SubscriptionConfig SubscribeDialog::config() const
{
    return buildConfig(nullptr);
}

QString SubscribeDialog::validationError() const
{
    QString error;
    buildConfig(&error);
    return error;
}

void SubscribeDialog::revalidate()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
    const bool needsExpression
        = m_latencySource->currentData().toInt() == int(LatencySource::JsonPointer)
        || m_latencySource->currentData().toInt() == int(LatencySource::Regex);
    m_latencyExpression->setEnabled(needsExpression);
    // Auto decides the unit itself.
    m_latencyUnit->setEnabled(m_latencySource->currentData().toInt() != int(LatencySource::None)
        && m_latencySource->currentData().toInt() != int(LatencySource::Auto));
    updateLatencyPreview();
}

void SubscribeDialog::updateAuthFields()
{
    const int auth = m_authKind->currentData().toInt();
    m_authUser->setVisible(auth == BasicAuth);
    m_authSecret->setVisible(auth != NoAuth);
    m_authSecret->setPlaceholderText(auth == BasicAuth ? tr("password") : tr("token"));
    m_authUser->setPlaceholderText(tr("user"));
    revalidate();
}

void SubscribeDialog::setPreviewEvent(
    const QByteArray &id, const QByteArray &eventData, qint64 arrivalWallNs)
{
    m_previewId = id;
    m_previewData = eventData;
    m_previewWallNs = arrivalWallNs;
    m_havePreview = true;
    updateLatencyPreview();
}

void SubscribeDialog::updateLatencyPreview()
{
    const auto source = LatencySource(m_latencySource->currentData().toInt());
    if (source == LatencySource::None) {
        m_latencyPreview->setText(tr("Latency is measured when events carry their send time."));
        return;
    }
    if (source == LatencySource::Auto) {
        updateAutoLatencyPreview();
        return;
    }
    if (!m_havePreview) {
        m_latencyPreview->setText(
            tr("The preview tests the source against the stream's last event once it has one."));
        return;
    }
    LatencyConfig latency;
    latency.source = source;
    latency.expression = m_latencyExpression->text();
    latency.unit = TimeUnit(m_latencyUnit->currentData().toInt());
    const QString prefix = source == LatencySource::JsonPointer ? u"json:"_s
        : source == LatencySource::Regex                        ? u"regex:"_s
                                                                : QString();
    QString error;
    if (!prefix.isEmpty() && !LatencyConfig::fromSpec(prefix + latency.expression, &error)) {
        m_latencyPreview->setText(error);
        return;
    }
    LatencyExtractor extractor(latency);
    const auto sent = extractor.sendTimeNs(m_previewId, m_previewData);
    const QString sample = QString::fromUtf8(m_previewData.left(80)).toHtmlEscaped();
    if (!sent) {
        m_latencyPreview->setText(
            tr("✗ No send time found in the last event: <code>%1</code>").arg(sample));
        return;
    }
    const double latencyMs = double(m_previewWallNs - *sent) / 1e6;
    m_latencyPreview->setText(
        tr("✓ Last event sent at %1, latency %2 ms")
            .arg(QDateTime::fromMSecsSinceEpoch(*sent / 1'000'000).toString(u"HH:mm:ss.zzz"_s))
            .arg(latencyMs, 0, 'f', 2));
}

void SubscribeDialog::updateAutoLatencyPreview()
{
    if (!m_havePreview) {
        m_latencyPreview->setText(
            tr("Auto-detect reads the send time from a field named %1 (or one level down, such as "
               "/meta/ts) holding a time within a day of now, found in the first %n events.",
                nullptr, LatencyAutoDetector::kMaxEvents)
                .arg(LatencyAutoDetector::fieldNames().join(u", "_s)));
        return;
    }
    bool ambiguous = false;
    const auto found = LatencyAutoDetector::detectIn(m_previewData, m_previewWallNs, &ambiguous);
    const QString sample = QString::fromUtf8(m_previewData.left(80)).toHtmlEscaped();
    if (!found) {
        m_latencyPreview->setText(ambiguous
                ? tr("✗ Auto-detect finds more than one send time in the last event and picks "
                     "none: choose one with a JSON Pointer. <code>%1</code>")
                      .arg(sample)
                : tr("✗ Auto-detect finds no send time in the last event: <code>%1</code>")
                      .arg(sample));
        return;
    }
    const auto sent = LatencyExtractor(*found).sendTimeNs(m_previewId, m_previewData);
    const QString unit = m_latencyUnit->itemText(m_latencyUnit->findData(int(found->unit)));
    if (!sent) { // cannot happen: the detector checked the same value
        m_latencyPreview->setText(tr("Auto-detect would read %1.").arg(found->expression));
        return;
    }
    const double latencyMs = double(m_previewWallNs - *sent) / 1e6;
    m_latencyPreview->setText(
        tr("✓ Auto-detect would read %1 (%2): last event sent at %3, latency %4 ms")
            .arg(found->expression, found->unit == TimeUnit::Auto ? tr("RFC 3339 time") : unit,
                QDateTime::fromMSecsSinceEpoch(*sent / 1'000'000).toString(u"HH:mm:ss.zzz"_s))
            .arg(latencyMs, 0, 'f', 2));
}

bool SubscribeDialog::applyCurlCommand(const QString &command)
{
    QString error;
    const auto request = parseCurlCommand(command, &error);
    if (!request) {
        m_curlNotes->setText(tr("Could not read the curl command: %1").arg(error));
        m_curlNotes->setVisible(true);
        return false;
    }
    const QSignalBlocker blocker(m_url);
    m_url->setText(request->url.toString());
    m_method->setCurrentText(QString::fromLatin1(request->method));
    QList<HttpHeader> headers;
    for (const auto &header : request->headers) {
        // Headers the client sets itself for every stream would only clutter.
        const QByteArray name = header.first.toLower();
        if (name == "accept" || name == "cache-control" || name == "accept-encoding"
            || name == "connection" || name == "content-length" || name == "host")
            continue;
        headers.append(header);
    }
    m_authKind->setCurrentIndex(0);
    m_authUser->clear();
    m_authSecret->clear();
    takeAuthorization(&headers);
    // Credentials pasted with the command are secrets from the start.
    QList<QByteArray> secret;
    for (const auto &header : std::as_const(headers)) {
        if (HeadersEditor::isSecretByDefault(header.first))
            secret.append(header.first);
    }
    m_headers->setHeaders(headers, secret);
    m_body->setPlainText(QString::fromUtf8(request->body));
    m_compression->setChecked(request->compressed);
    m_ignoreTls->setChecked(request->insecure);
    m_proxy->setText(request->proxy);
    // A name this dialog chose follows the next paste; one typed stays.
    if (m_name->text().isEmpty() || m_name->text() == m_defaultedName) {
        m_defaultedName = defaultName(request->url);
        m_name->setText(m_defaultedName);
    }
    const QString notes = request->notes.join(u' ');
    m_curlNotes->setText(notes.isEmpty() ? tr("Filled from the curl command.") : notes);
    m_curlNotes->setVisible(true);
    revalidate();
    fitToScreen();
    return true;
}

void SubscribeDialog::takeAuthorization(QList<HttpHeader> *headers)
{
    for (qsizetype i = 0; i < headers->size(); ++i) {
        if (headers->at(i).first.compare("Authorization", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = headers->at(i).second.trimmed();
        const qsizetype space = value.indexOf(' ');
        const QByteArray scheme = value.left(space).toLower();
        const QByteArray credentials = space < 0 ? QByteArray() : value.mid(space + 1).trimmed();
        if (credentials.isEmpty())
            return;
        if (scheme == "bearer") {
            m_authKind->setCurrentIndex(m_authKind->findData(BearerAuth));
            m_authSecret->setText(QString::fromUtf8(credentials));
        } else if (scheme == "basic") {
            const auto result = QByteArray::fromBase64Encoding(
                credentials, QByteArray::AbortOnBase64DecodingErrors);
            const QByteArray decoded = result ? result.decoded : QByteArray();
            const qsizetype colon = decoded.indexOf(':');
            // The helper writes user:password back in UTF-8; anything it
            // would not reproduce exactly stays a plain header.
            if (colon < 0 || QString::fromUtf8(decoded).toUtf8() != decoded)
                return;
            m_authKind->setCurrentIndex(m_authKind->findData(BasicAuth));
            m_authUser->setText(QString::fromUtf8(decoded.left(colon)));
            m_authSecret->setText(QString::fromUtf8(decoded.mid(colon + 1)));
        } else {
            return;
        }
        headers->removeAt(i);
        return;
    }
}

QString SubscribeDialog::curlNotes() const
{
    return m_curlNotes->text();
}

void SubscribeDialog::pasteCurl()
{
    applyCurlCommand(QApplication::clipboard()->text());
}

} // namespace ssescope::ui
