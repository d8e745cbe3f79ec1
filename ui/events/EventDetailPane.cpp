#include "EventDetailPane.h"

#include "core/capture/OutputTarget.h"
#include "core/pipeline/TokenReply.h"
#include "ui/common/VisibleText.h"
#include "ui/session/DashboardSession.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {

QByteArray asSse(const StoredEventView &event)
{
    QByteArray out;
    if (!event.id.isEmpty())
        out += "id: " + event.id.toByteArray() + '\n';
    if (event.type != QByteArrayView("message"))
        out += "event: " + event.type.toByteArray() + '\n';
    for (const QByteArray &line : event.data.toByteArray().split('\n'))
        out += "data: " + line + '\n';
    out += '\n';
    return out;
}

// Cuts lines longer than the piece size into several text blocks: a
// QPlainTextEdit lays out a whole block at once, however little of it shows.
QString inPieces(const QString &text, qsizetype pieceChars)
{
    QString out;
    out.reserve(text.size() + text.size() / pieceChars + 1);
    qsizetype lineLength = 0;
    for (const QChar c : text) {
        if (c == u'\n') {
            lineLength = 0;
        } else if (lineLength >= pieceChars && !c.isLowSurrogate()) {
            out += u'\n';
            lineLength = 0;
        }
        if (c != u'\n')
            ++lineLength;
        out += c;
    }
    return out;
}

} // namespace

EventDetailPane::EventDetailPane(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_json(new QPlainTextEdit(this))
    , m_reply(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy data"), this))
    , m_copySse(new QPushButton(tr("Copy as &SSE"), this))
    , m_save(new QPushButton(tr("Sa&ve event…"), this))
{
    setObjectName(u"eventDetail"_s);
    m_header->setObjectName(u"eventDetailHeader"_s);
    m_header->setAccessibleName(tr("Selected event"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_header->setWordWrap(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : { m_raw, m_json, m_reply }) {
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        edit->setTabChangesFocus(true);
    }
    m_raw->setObjectName(u"eventDetailRaw"_s);
    m_raw->setAccessibleName(tr("Event data, raw"));
    m_json->setObjectName(u"eventDetailJson"_s);
    m_json->setAccessibleName(tr("Event data, formatted JSON"));
    m_tabs->setObjectName(u"eventDetailTabs"_s);
    m_tabs->setAccessibleName(tr("Event data views"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_reply->setObjectName(u"eventDetailReply"_s);
    m_reply->setAccessibleName(tr("Reply assembled from the token stream's deltas"));
    m_tabs->addTab(m_reply, tr("Reply"));
    m_copy->setObjectName(u"copyEventData"_s);
    m_copy->setAccessibleName(tr("Copy the event data"));
    m_copySse->setObjectName(u"copyEventSse"_s);
    m_copySse->setAccessibleName(tr("Copy the event as text/event-stream"));
    m_save->setObjectName(u"saveEventData"_s);
    m_save->setAccessibleName(tr("Save the whole event data to a file"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_header, 1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_copySse);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);

    connect(m_tabs, &QTabWidget::tabBarClicked, this, [this](int index) {
        m_preferRaw = index == 0;
        m_preferReply = index == 2;
    });
    connect(m_copy, &QPushButton::clicked, this, &EventDetailPane::copyData);
    connect(m_copySse, &QPushButton::clicked, this, &EventDetailPane::copyAsSse);
    connect(m_save, &QPushButton::clicked, this, &EventDetailPane::askSavePath);
    connect(session, &DashboardSession::captureReset, this, [this] { displayEvent(0); });
    displayEvent(0);
}

void EventDetailPane::displayEvent(quint64 seq)
{
    const EventStore &store = m_session->store();
    const qint64 row = seq ? store.rowOfSeq(seq) : -1;
    m_seq = row >= 0 ? seq : 0;
    m_copy->setEnabled(row >= 0);
    m_copySse->setEnabled(row >= 0);
    m_save->setEnabled(row >= 0);
    if (row < 0) {
        m_header->setText(seq
                ? tr("Event #%1 was dropped by the memory cap.").arg(m_session->displaySeq(seq))
                : tr("Select an event to see it in full."));
        m_raw->clear();
        m_json->clear();
        m_reply->clear();
        m_tabs->setTabEnabled(1, false);
        m_tabs->setTabEnabled(2, false);
        return;
    }
    const StoredEventView event = store.at(row);
    const QByteArrayView bytes = event.data;
    const QString when = QDateTime::fromMSecsSinceEpoch(event.arrivalWallNs / 1'000'000)
                             .toString(Qt::ISODateWithMs);
    QString header = tr(
        "<b>#%1</b> · %2 · type <b>%3</b> · id <b>%4</b> · %5 · %6 bytes on the wire · chunk %7")
                         .arg(m_session->displaySeq(event.seq))
                         .arg(visibleText(m_session->streamName(event.stream)).toHtmlEscaped(),
                             visibleText(QString::fromUtf8(event.type)).toHtmlEscaped(),
                             visibleText(QString::fromUtf8(event.id.first(
                                             std::min<qsizetype>(event.id.size(), 80))))
                                 .toHtmlEscaped(),
                             when)
                         .arg(event.wireBytes)
                         .arg(event.chunkIndex);
    if (event.latencyMs)
        header += tr(" · latency %1 ms").arg(*event.latencyMs, 0, 'f', 2);
    m_header->setText(header);

    const bool truncated = bytes.size() > kPreviewBytes;
    QString raw = inPieces(
        QString::fromUtf8(bytes.first(std::min(bytes.size(), kPreviewBytes))), kPieceChars);
    if (truncated)
        raw += u"\n\n"_s
            + tr("[The first %L1 bytes of %L2; Save event… or Copy data has all of them.]")
                  .arg(kPreviewBytes)
                  .arg(bytes.size());
    m_raw->setPlainText(raw);

    const bool jsonSized = bytes.size() <= kJsonBytes;
    QJsonParseError error {};
    const QJsonDocument document
        = jsonSized ? QJsonDocument::fromJson(bytes.toByteArray(), &error) : QJsonDocument();
    const bool isJson = jsonSized && error.error == QJsonParseError::NoError
        && (document.isObject() || document.isArray());
    m_tabs->setTabEnabled(1, isJson);
    // Indenting can triple the size: the pretty text is bounded like the raw one.
    QString pretty;
    if (isJson) {
        const QByteArray indented = document.toJson(QJsonDocument::Indented);
        pretty = inPieces(QString::fromUtf8(QByteArrayView(indented).first(
                              std::min(indented.size(), kPreviewBytes))),
            kPieceChars);
        if (indented.size() > kPreviewBytes)
            pretty += u"\n\n"_s
                + tr("[The first %L1 bytes of the formatted JSON.]").arg(kPreviewBytes);
    }
    m_json->setPlainText(pretty);
    // JSON reads best formatted, unless the user picked the raw view.
    if (isJson && !m_preferRaw)
        m_tabs->setCurrentIndex(1);
    else if (!isJson)
        m_tabs->setCurrentIndex(0);
    showReply(row);
}

// The reply as of this event, read back from the store (core's
// assembleReply, bounded): what a chat client had shown at that moment.
void EventDetailPane::showReply(qint64 row)
{
    const EventStore &store = m_session->store();
    const StreamId stream = store.at(row).stream;
    const TokenStreamConfig config = m_session->config(stream).tokens;
    m_tabs->setTabEnabled(2, config.isEnabled());
    if (!config.isEnabled()) {
        m_reply->clear();
        return;
    }
    const TokenStats *tokens = m_session->pipeline().stats().findTokens(stream);
    const qint64 start = tokens ? tokens->replyStartFor(store.at(row).arrivalSteadyNs)
                                : std::numeric_limits<qint64>::min();
    const AssembledReply reply = assembleReply(store, row, TokenDeltaReader(config), start);
    QString text = inPieces(QString::fromUtf8(reply.text), kPieceChars);
    text += u"\n\n"_s
        + (reply.cut ? tr("[The last %Ln tokens of the reply up to this event.]", nullptr,
               int(std::min<quint64>(reply.tokens, INT_MAX)))
                     : tr("[%Ln tokens of the reply up to this event.]", nullptr,
                         int(std::min<quint64>(reply.tokens, INT_MAX))));
    m_reply->setPlainText(text);
    if (m_preferReply)
        m_tabs->setCurrentIndex(2);
}

QString EventDetailPane::replyText() const
{
    return m_reply->toPlainText();
}

bool EventDetailPane::replyShown() const
{
    return m_tabs->isTabEnabled(2);
}

QString EventDetailPane::rawText() const
{
    return m_raw->toPlainText();
}

QString EventDetailPane::prettyJson() const
{
    return m_json->toPlainText();
}

bool EventDetailPane::jsonShown() const
{
    return m_tabs->isTabEnabled(1);
}

QByteArray EventDetailPane::fullData() const
{
    const qint64 row = m_seq ? m_session->store().rowOfSeq(m_seq) : -1;
    return row >= 0 ? m_session->store().at(row).data.toByteArray() : QByteArray();
}

void EventDetailPane::copyData()
{
    QApplication::clipboard()->setText(QString::fromUtf8(fullData()));
}

void EventDetailPane::copyAsSse()
{
    const qint64 row = m_seq ? m_session->store().rowOfSeq(m_seq) : -1;
    if (row >= 0)
        QApplication::clipboard()->setText(QString::fromUtf8(asSse(m_session->store().at(row))));
}

void EventDetailPane::askSavePath()
{
    // Window-modal and asynchronous (open(), not exec()): live capture goes on.
    auto *dialog = new QFileDialog(this, tr("Save Event Data"));
    dialog->setObjectName(u"saveEventDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(tr("event-%1.txt").arg(m_seq));
    const quint64 seq = m_seq;
    connect(dialog, &QFileDialog::fileSelected, this, [this, seq](const QString &path) {
        if (seq == m_seq)
            saveData(path);
    });
    dialog->open();
}

void EventDetailPane::saveData(const QString &path)
{
    const qint64 row = m_seq ? m_session->store().rowOfSeq(m_seq) : -1;
    if (row < 0) {
        QMessageBox::warning(this, tr("Save Event Data"),
            tr("Event #%1 was dropped by the memory cap; nothing was saved.").arg(m_seq));
        return;
    }
    const QByteArrayView bytes = m_session->store().at(row).data;
    QSaveFile file(path);
    QString reason;
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), bytes.size()) != bytes.size()
        || !commitSaveFile(file, &reason)) {
        QMessageBox::warning(this, tr("Save Event Data"),
            tr("Could not save the event to %1: %2")
                .arg(QDir::toNativeSeparators(path),
                    reason.isEmpty() ? file.errorString() : reason));
    }
}

} // namespace ssescope::ui
