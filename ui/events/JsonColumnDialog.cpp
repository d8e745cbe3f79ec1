#include "JsonColumnDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

JsonColumnDialog::JsonColumnDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_pointer(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"jsonColumnDialog"_s);
    setWindowTitle(tr("Add column from JSON"));
    m_pointer->setObjectName(u"jsonColumnPointer"_s);
    m_pointer->setAccessibleName(tr("JSON Pointer"));
    m_pointer->setPlaceholderText(tr("/choices/0/delta/content"));
    m_name->setObjectName(u"jsonColumnName"_s);
    m_name->setAccessibleName(tr("Column name"));
    m_error->setObjectName(u"jsonColumnError"_s);
    m_error->setAccessibleName(tr("Why the column cannot be added"));
    m_error->setWordWrap(true);
    auto *help = new QLabel(tr("Each event's data is read as JSON; the column shows the value at "
                               "this JSON Pointer (RFC 6901), as /status or /items/0/name."),
        this);
    help->setWordWrap(true);
    auto *form = new QFormLayout(this);
    form->addRow(help);
    form->addRow(tr("JSON &Pointer:"), m_pointer);
    form->addRow(tr("Column &name:"), m_name);
    form->addRow(m_error);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameTyped = true; });
    connect(m_name, &QLineEdit::textChanged, this, &JsonColumnDialog::validate);
    connect(m_pointer, &QLineEdit::textChanged, this, [this](const QString &pointer) {
        // The pointer's last token is a fine default name.
        if (!m_nameTyped)
            m_name->setText(pointer.section(u'/', -1));
        validate();
    });
    // The name field was made first, so without this the dialog opened on it.
    setTabOrder(m_pointer, m_name);
    m_pointer->setFocus();
    validate();
}

JsonColumn JsonColumnDialog::column() const
{
    return { m_name->text().trimmed(), m_pointer->text().trimmed() };
}

void JsonColumnDialog::setPointer(const QString &pointer)
{
    m_pointer->setText(pointer);
}

void JsonColumnDialog::validate()
{
    const QString why = m_pointer->text().trimmed().isEmpty() ? QString() : column().validate();
    m_error->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_pointer->text().trimmed().isEmpty() && why.isEmpty());
}

} // namespace ssescope::ui
