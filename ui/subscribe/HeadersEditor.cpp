#include "HeadersEditor.h"

#include <QHBoxLayout>

#include <algorithm>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ssescope::ui {

namespace {
// The table grows with its rows up to this many, then scrolls.
constexpr int kRowsShownAtMost = 10;
} // namespace

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_add(new QPushButton(tr("Add &header"), this))
    , m_remove(new QPushButton(tr("Remove header"), this))
{
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setAccessibleName(tr("Request headers"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Value"), tr("Secret") });
    m_table->horizontalHeaderItem(2)->setToolTip(
        tr("Never sent to another origin when the server redirects (Authorization and Cookie never "
           "are)"));
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(0, 160);
    m_table->horizontalHeader()->resizeSection(2, 56);
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside
    m_add->setObjectName(QStringLiteral("addHeader"));
    m_add->setAccessibleName(tr("Add a request header"));
    m_remove->setObjectName(QStringLiteral("removeHeader"));
    m_remove->setAccessibleName(tr("Remove the selected request header"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow(QString(), QString(), false);
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            fitRows();
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        // Naming a row Authorization marks it Secret (the user can untick it).
        if (item->column() == 0 && isSecretByDefault(item->text().trimmed().toUtf8())) {
            if (QTableWidgetItem *secret = m_table->item(item->row(), 2))
                secret->setCheckState(Qt::Checked);
        }
        Q_EMIT changed();
    });
    fitRows();
}

bool HeadersEditor::isSecretByDefault(QByteArrayView name)
{
    for (const char *secret : { "authorization", "cookie", "proxy-authorization" }) {
        if (name.compare(QByteArrayView(secret), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void HeadersEditor::fitRows()
{
    // Five rows hid the sixth header of a pasted request: show up to ten.
    const int rows = std::clamp(m_table->rowCount(), 3, kRowsShownAtMost);
    const int height = m_table->horizontalHeader()->sizeHint().height()
        + rows * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth();
    m_table->setMinimumHeight(height);
}

void HeadersEditor::addRow(const QString &name, const QString &value, bool secret)
{
    const QSignalBlocker blocker(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    auto *secretItem = new QTableWidgetItem;
    secretItem->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    secretItem->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    secretItem->setData(Qt::AccessibleTextRole, tr("Secret"));
    m_table->setItem(row, 2, secretItem);
    fitRows();
}

void HeadersEditor::setHeaders(const QList<HttpHeader> &headers, const QList<QByteArray> &secret)
{
    {
        const QSignalBlocker blocker(m_table);
        m_table->setRowCount(0);
    }
    for (const auto &[name, value] : headers) {
        const bool isSecret = std::any_of(secret.cbegin(), secret.cend(),
            [&name](const QByteArray &s) { return s.compare(name, Qt::CaseInsensitive) == 0; });
        addRow(QString::fromUtf8(name), QString::fromUtf8(value), isSecret);
    }
    Q_EMIT changed();
}

QList<QByteArray> HeadersEditor::secretNames() const
{
    QList<QByteArray> names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *secret = m_table->item(row, 2);
        if (name && secret && secret->checkState() == Qt::Checked
            && !name->text().trimmed().isEmpty())
            names.append(name->text().trimmed().toUtf8());
    }
    return names;
}

QList<HttpHeader> HeadersEditor::headers() const
{
    QList<HttpHeader> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        const QString key = name ? name->text().trimmed() : QString();
        if (!key.isEmpty())
            out.append({ key.toUtf8(), value ? value->text().toUtf8() : QByteArray() });
    }
    return out;
}

void HeadersEditor::setHeader(const QByteArray &name, const QByteArray &value)
{
    QList<HttpHeader> list = headers();
    bool replaced = false;
    for (auto &header : list) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            replaced = true;
        }
    }
    if (!replaced)
        list.append({ name, value });
    setHeaders(list, secretNames());
}

void HeadersEditor::removeHeader(const QByteArray &name)
{
    QList<HttpHeader> list = headers();
    list.removeIf(
        [&name](const HttpHeader &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    setHeaders(list, secretNames());
}

} // namespace ssescope::ui
