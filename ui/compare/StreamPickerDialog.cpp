#include "StreamPickerDialog.h"

#include "ui/session/DashboardSession.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

namespace {
constexpr int kStreamRole = Qt::UserRole + 1;
}

QList<StreamId> StreamPickerDialog::candidates(const DashboardSession *session)
{
    QList<StreamId> streams = session->streams();
    QList<StreamId> opened;
    const auto &names = session->store().streamNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        if (!streams.contains(it.key()))
            opened.append(it.key());
    std::sort(opened.begin(), opened.end());
    return streams + opened;
}

StreamPickerDialog::StreamPickerDialog(
    const DashboardSession *session, const QList<StreamId> &checked, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Compare streams"));
    setObjectName(u"streamPicker"_s);
    auto *label = new QLabel(tr("Check two or more streams to compare side by side:"), this);
    label->setBuddy(m_list);
    m_list->setObjectName(u"streamPickerList"_s);
    m_list->setAccessibleName(tr("Streams to compare"));
    for (StreamId stream : candidates(session)) {
        auto *item = new QListWidgetItem(session->streamName(stream), m_list);
        QPixmap swatch(12, 12);
        swatch.fill(session->streamColor(stream));
        item->setIcon(swatch);
        item->setData(kStreamRole, stream);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(stream) ? Qt::Checked : Qt::Unchecked);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Compare the checked streams"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, &StreamPickerDialog::updateOk);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list);
    layout->addWidget(m_buttons);
    updateOk();
}

QList<StreamId> StreamPickerDialog::checkedStreams() const
{
    QList<StreamId> streams;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if (item->checkState() == Qt::Checked)
            streams.append(item->data(kStreamRole).value<StreamId>());
    }
    return streams;
}

void StreamPickerDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(checkedStreams().size() >= 2);
}

} // namespace ssescope::ui
