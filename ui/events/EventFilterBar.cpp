#include "EventFilterBar.h"

#include "ui/common/VisibleText.h"
#include "ui/session/DashboardSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

#include <algorithm>
#include <QPainter>
#include <QAbstractItemView>
#include <QPixmap>

namespace ssescope::ui {

namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2);
    return QIcon(pixmap);
}

} // namespace

EventFilterBar::EventFilterBar(DashboardSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_stream(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_scope(new QComboBox(this))
    , m_regex(new QCheckBox(tr("Re&gex"), this))
    , m_case(new QCheckBox(tr("&Aa"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("eventFilterBar"));
    m_stream->setObjectName(QStringLiteral("filterStream"));
    m_stream->setAccessibleName(tr("Filter by stream"));
    m_stream->setMinimumContentsLength(12);
    m_type->setObjectName(QStringLiteral("filterType"));
    m_type->setAccessibleName(tr("Filter by event type"));
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->lineEdit()->setPlaceholderText(tr("any type"));
    m_type->lineEdit()->setAccessibleName(tr("Event type"));
    m_type->setMinimumContentsLength(10);
    m_text->setObjectName(QStringLiteral("filterText"));
    m_text->setAccessibleName(tr("Filter text"));
    m_text->setPlaceholderText(tr("Filter the data (Ctrl+F)…"));
    m_text->setClearButtonEnabled(true);
    m_scope->setObjectName(QStringLiteral("filterScope"));
    m_scope->setAccessibleName(tr("Look for the filter text in"));
    m_scope->setToolTip(tr("Look for the text in the whole data or in a JSON column's value"));
    m_scope->addItem(tr("in data"), QString());
    m_scope->setVisible(false); // until the table has custom columns
    m_regex->setObjectName(QStringLiteral("filterRegex"));
    m_regex->setAccessibleName(tr("Treat filter text as a regular expression"));
    m_case->setObjectName(QStringLiteral("filterCase"));
    m_case->setAccessibleName(tr("Match case"));
    m_case->setToolTip(tr("Match case"));
    m_message->setObjectName(QStringLiteral("filterMessage"));
    m_message->setAccessibleName(tr("Filter status"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    // Alt+S and Alt+E open the Streams and Events menus.
    auto *streamLabel = new QLabel(tr("S&tream"), this);
    streamLabel->setBuddy(m_stream);
    auto *typeLabel = new QLabel(tr("T&ype"), this);
    typeLabel->setBuddy(m_type);
    layout->addWidget(streamLabel);
    layout->addWidget(m_stream);
    layout->addWidget(typeLabel);
    layout->addWidget(m_type);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_scope);
    layout->addWidget(m_regex);
    layout->addWidget(m_case);
    layout->addWidget(m_message);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, [this] { Q_EMIT filterChanged(filter()); });
    connect(m_text, &QLineEdit::textChanged, this, &EventFilterBar::emitSoon);
    connect(m_type, &QComboBox::currentTextChanged, this, &EventFilterBar::emitSoon);
    connect(m_stream, &QComboBox::currentIndexChanged, this, &EventFilterBar::emitSoon);
    connect(m_regex, &QCheckBox::toggled, this, &EventFilterBar::emitSoon);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &EventFilterBar::emitSoon);
    connect(m_case, &QCheckBox::toggled, this, &EventFilterBar::emitSoon);
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        Q_EMIT filterChanged(filter());
    });
    connect(session, &DashboardSession::streamAdded, this, &EventFilterBar::refreshStreams);
    connect(session, &DashboardSession::streamRemoved, this, &EventFilterBar::refreshStreams);
    connect(session, &DashboardSession::streamReplaced, this, &EventFilterBar::refreshStreams);
    connect(session, &DashboardSession::captureReset, this, &EventFilterBar::refreshStreams);
    connect(session, &DashboardSession::captureStreamsAdded, this, &EventFilterBar::refreshStreams);
    refreshStreams();
    // New types appear as streams send them; keep the list current when idle.
    auto *typeRefresh = new QTimer(this);
    typeRefresh->setInterval(3000);
    connect(typeRefresh, &QTimer::timeout, this, [this] {
        if (!m_type->view()->isVisible() && !m_type->hasFocus() && !m_stream->hasFocus())
            refreshStreams();
    });
    typeRefresh->start();
}

void EventFilterBar::focusText()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void EventFilterBar::emitSoon()
{
    m_debounce.start();
}

void EventFilterBar::refreshStreams()
{
    const StreamId current = m_stream->currentData().value<StreamId>();
    const QSignalBlocker blocker(m_stream);
    m_stream->clear();
    m_stream->addItem(tr("All streams"), QVariant::fromValue<StreamId>(0));
    // Live streams first, then streams only the capture knows (removed, opened).
    QList<StreamId> streams = m_session->streams();
    const auto &names = m_session->store().streamNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        // An edited stream's earlier ids are the same stream: its entry
        // covers their events (filter()), so they get none of their own.
        if (!streams.contains(it.key()) && !m_session->isReplaced(it.key()))
            streams.append(it.key());
    }
    for (StreamId stream : std::as_const(streams))
        m_stream->addItem(swatch(m_session->streamColor(stream)),
            visibleText(m_session->streamName(stream)), QVariant::fromValue(stream));
    const int index = m_stream->findData(QVariant::fromValue(current));
    m_stream->setCurrentIndex(index < 0 ? 0 : index);

    const QString type = m_type->currentText();
    const QSignalBlocker typeBlocker(m_type);
    m_type->clear();
    m_type->addItem(QStringLiteral("message"));
    // The store interns every type it has seen; list them for picking.
    for (int typeIndex = 0; typeIndex < 4096; ++typeIndex) {
        const QByteArray name = m_session->store().typeName(quint16(typeIndex));
        if (name.isEmpty())
            break;
        if (m_type->findText(QString::fromUtf8(name)) < 0)
            m_type->addItem(QString::fromUtf8(name));
    }
    m_type->setCurrentText(type);
}

void EventFilterBar::setStreamFilter(StreamId stream)
{
    const int index = m_stream->findData(QVariant::fromValue(stream));
    m_stream->setCurrentIndex(index < 0 ? 0 : index);
}

EventFilter EventFilterBar::filter() const
{
    EventFilter filter;
    const StreamId stream = m_stream->currentData().value<StreamId>();
    if (stream != 0) {
        filter.streams.insert(stream);
        for (StreamId earlier : m_session->earlierIds(stream))
            filter.streams.insert(earlier);
    }
    filter.type = m_type->currentText().trimmed().toUtf8();
    filter.text = m_text->text();
    filter.regex = m_regex->isChecked();
    filter.caseSensitive = m_case->isChecked();
    filter.pointer = m_scope->currentData().toString();
    return filter;
}

void EventFilterBar::setColumns(const QList<JsonColumn> &columns)
{
    const QString current = m_scope->currentData().toString();
    {
        const QSignalBlocker blocker(m_scope);
        while (m_scope->count() > 1)
            m_scope->removeItem(1);
        for (const JsonColumn &column : columns)
            m_scope->addItem(tr("in %1").arg(column.name), column.pointer);
        const int index = current.isEmpty() ? 0 : m_scope->findData(current);
        m_scope->setCurrentIndex(std::max(0, index));
    }
    m_scope->setVisible(!columns.isEmpty());
    if (m_scope->currentData().toString() != current)
        emitSoon();
}

void EventFilterBar::showError(const QString &message)
{
    m_message->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: #d93025;"));
    m_message->setText(message);
    m_text->setToolTip(message);
}

void EventFilterBar::showStatus(const QString &message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
}

} // namespace ssescope::ui
