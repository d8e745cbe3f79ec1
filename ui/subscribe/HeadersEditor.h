#pragma once

#include "core/net/SubscriptionConfig.h"

#include <QWidget>

class QTableWidget;
class QPushButton;

namespace ssescope::ui {

// Request headers as an editable two-column table.
class HeadersEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit HeadersEditor(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HeadersEditor)

    void setHeaders(const QList<HttpHeader> &headers, const QList<QByteArray> &secret = {});
    QList<HttpHeader> headers() const; // rows with an empty name are left out
    // Names marked secret: never sent to another origin on a redirect.
    QList<QByteArray> secretNames() const;
    void setHeader(const QByteArray &name, const QByteArray &value); // replaces one of that name
    void removeHeader(const QByteArray &name);
    QTableWidget *table() const { return m_table; }

    // Authorization, Cookie and Proxy-Authorization: credentials, marked
    // Secret as soon as such a row is pasted or named.
    static bool isSecretByDefault(QByteArrayView name);

Q_SIGNALS:
    void changed();

private:
    void addRow(const QString &name, const QString &value, bool secret);
    void fitRows();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace ssescope::ui
