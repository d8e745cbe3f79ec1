#include "EventDetailPane.h"

#include "common/VisibleText.h"
#include "session/DashboardSession.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
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

// A text widget with tens of megabytes freezes; show a large event's start.
constexpr qsizetype kShownBytes = 1024 * 1024;

QByteArray asSse(const StoredEvent &event)
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

} // namespace

EventDetailPane::EventDetailPane(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_json(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy data"), this))
    , m_copySse(new QPushButton(tr("Copy as &SSE"), this))
{
    setObjectName(u"eventDetail"_s);
    m_header->setObjectName(u"eventDetailHeader"_s);
    m_header->setAccessibleName(tr("Selected event"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_header->setWordWrap(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : { m_raw, m_json }) {
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
    m_copy->setObjectName(u"copyEventData"_s);
    m_copy->setAccessibleName(tr("Copy the event data"));
    m_copySse->setObjectName(u"copyEventSse"_s);
    m_copySse->setAccessibleName(tr("Copy the event as text/event-stream"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_header, 1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_copySse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);

    connect(m_tabs, &QTabWidget::tabBarClicked, this, [this](int index) { m_preferRaw = index == 0; });
    connect(m_copy, &QPushButton::clicked, this, &EventDetailPane::copyData);
    connect(m_copySse, &QPushButton::clicked, this, &EventDetailPane::copyAsSse);
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
    if (row < 0) {
        m_header->setText(seq ? tr("Event #%1 was dropped by the memory cap.").arg(m_session->displaySeq(seq))
                              : tr("Select an event to see it in full."));
        m_raw->clear();
        m_json->clear();
        m_tabs->setTabEnabled(1, false);
        m_data.clear();
        m_sse.clear();
        return;
    }
    const StoredEvent event = store.at(row);
    m_data = event.data.toByteArray();
    m_sse = asSse(event);
    const QString when = QDateTime::fromMSecsSinceEpoch(event.arrivalWallNs / 1'000'000)
                             .toString(Qt::ISODateWithMs);
    QString header = tr("<b>#%1</b> · %2 · type <b>%3</b> · id <b>%4</b> · %5 · %6 bytes on the wire · chunk %7")
                         .arg(m_session->displaySeq(event.seq))
                         .arg(visibleText(m_session->streamName(event.stream)).toHtmlEscaped(),
                             visibleText(QString::fromUtf8(event.type)).toHtmlEscaped(),
                             visibleText(QString::fromUtf8(event.id.first(std::min<qsizetype>(event.id.size(), 80))))
                                 .toHtmlEscaped(),
                             when)
                         .arg(event.wireBytes)
                         .arg(event.chunkIndex);
    if (event.latencyMs)
        header += tr(" · latency %1 ms").arg(*event.latencyMs, 0, 'f', 2);
    m_header->setText(header);

    const bool truncated = m_data.size() > kShownBytes;
    QString raw = QString::fromUtf8(QByteArrayView(m_data).first(std::min(m_data.size(), kShownBytes)));
    if (truncated)
        raw += u"\n\n"_s
            + tr("[… %1 more bytes; Copy data copies all of them]").arg(m_data.size() - kShownBytes);
    m_raw->setPlainText(raw);

    QJsonParseError error {};
    const QJsonDocument document
        = truncated ? QJsonDocument() : QJsonDocument::fromJson(m_data, &error);
    const bool isJson = !truncated && error.error == QJsonParseError::NoError
        && (document.isObject() || document.isArray());
    m_tabs->setTabEnabled(1, isJson);
    m_json->setPlainText(isJson ? QString::fromUtf8(document.toJson(QJsonDocument::Indented))
                                : QString());
    // JSON reads best formatted, unless the user picked the raw view.
    if (isJson && !m_preferRaw)
        m_tabs->setCurrentIndex(1);
    else if (!isJson)
        m_tabs->setCurrentIndex(0);
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

void EventDetailPane::copyData()
{
    QApplication::clipboard()->setText(QString::fromUtf8(m_data));
}

void EventDetailPane::copyAsSse()
{
    QApplication::clipboard()->setText(QString::fromUtf8(m_sse));
}

} // namespace ssescope::ui
