#pragma once

#include "core/store/JsonColumn.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ssescope::ui {

// "Add column from JSON…": a name and a JSON Pointer, checked as typed.
class JsonColumnDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit JsonColumnDialog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(JsonColumnDialog)

    JsonColumn column() const;
    void setPointer(const QString &pointer);
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *pointerEdit() const { return m_pointer; }

private:
    void validate();

    QLineEdit *m_name;
    QLineEdit *m_pointer;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_nameTyped = false;
};

} // namespace ssescope::ui
