#include "StreamStateStyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace ssescope::ui {

QColor stateColor(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::Open:
        return QColor(0x1a, 0x9e, 0x4a);
    case SubscriptionState::Connecting:
        return QColor(0x2f, 0x80, 0xed);
    case SubscriptionState::Waiting:
        return QColor(0xe0, 0x9b, 0x00);
    case SubscriptionState::Paused:
        return QColor(0x7b, 0x61, 0xff);
    case SubscriptionState::Failed:
        return QColor(0xd9, 0x30, 0x25);
    case SubscriptionState::Closed:
    case SubscriptionState::Idle:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QString stateLabel(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::Idle:
        return QCoreApplication::translate("StreamState", "Idle");
    case SubscriptionState::Connecting:
        return QCoreApplication::translate("StreamState", "Connecting");
    case SubscriptionState::Open:
        return QCoreApplication::translate("StreamState", "Live");
    case SubscriptionState::Waiting:
        return QCoreApplication::translate("StreamState", "Reconnecting");
    case SubscriptionState::Paused:
        return QCoreApplication::translate("StreamState", "Paused");
    case SubscriptionState::Closed:
        return QCoreApplication::translate("StreamState", "Closed");
    case SubscriptionState::Failed:
        return QCoreApplication::translate("StreamState", "Failed");
    }
    return {};
}

namespace {

void paintWarningTriangle(QPainter &p, const QRectF &r, const QColor &color, int size)
{
    QPainterPath tri;
    tri.moveTo(r.center().x(), r.top());
    tri.lineTo(r.right(), r.bottom());
    tri.lineTo(r.left(), r.bottom());
    tri.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(tri);
    p.setPen(QPen(Qt::white, size / 9.0, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(r.center().x(), r.top() + size * 0.35),
        QPointF(r.center().x(), r.bottom() - size * 0.3));
    p.drawPoint(QPointF(r.center().x(), r.bottom() - size * 0.13));
}

QPixmap paintStateIcon(SubscriptionState state, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = stateColor(state);
    const QRectF r(1.5, 1.5, size - 3.0, size - 3.0);
    QPen pen(color, size / 8.0);
    pen.setCapStyle(Qt::RoundCap);
    switch (state) {
    case SubscriptionState::Open: // filled disc
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(r);
        break;
    case SubscriptionState::Connecting: // open ring
        p.setPen(pen);
        p.drawArc(r.adjusted(1, 1, -1, -1), 30 * 16, 300 * 16);
        break;
    case SubscriptionState::Waiting: { // circular arrow
        p.setPen(pen);
        p.drawArc(r.adjusted(1, 1, -1, -1), 90 * 16, 270 * 16);
        QPainterPath head;
        head.moveTo(r.center().x(), r.top() - 0.5);
        head.lineTo(r.center().x() + size * 0.28, r.top() + size * 0.12);
        head.lineTo(r.center().x(), r.top() + size * 0.32);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawPath(head);
        break;
    }
    case SubscriptionState::Paused: { // two bars
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const qreal w = size * 0.26;
        p.drawRoundedRect(QRectF(r.left() + size * 0.12, r.top(), w, r.height()), 1, 1);
        p.drawRoundedRect(QRectF(r.right() - size * 0.12 - w, r.top(), w, r.height()), 1, 1);
        break;
    }
    case SubscriptionState::Failed: // triangle with a bar
        paintWarningTriangle(p, r, color, size);
        break;
    case SubscriptionState::Closed: // filled square
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(r.adjusted(size * 0.12, size * 0.12, -size * 0.12, -size * 0.12), 2, 2);
        break;
    case SubscriptionState::Idle: // hollow square
        p.setPen(pen);
        p.drawRoundedRect(r.adjusted(size * 0.15, size * 0.15, -size * 0.15, -size * 0.15), 2, 2);
        break;
    }
    return pixmap;
}

} // namespace

QIcon stateIcon(SubscriptionState state)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(state));
    if (it == cache.end()) {
        QIcon icon;
        for (int size : { 16, 24, 32 })
            icon.addPixmap(paintStateIcon(state, size));
        it = cache.insert(int(state), icon);
    }
    return *it;
}

QIcon warningIcon()
{
    // Painted like the state icons rather than taken from the widget style,
    // so that the models link Qt Gui only.
    static const QIcon icon = [] {
        QIcon result;
        for (int size : { 16, 24, 32 }) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            paintWarningTriangle(
                p, QRectF(1.5, 1.5, size - 3.0, size - 3.0), QColor(0xe0, 0x9b, 0x00), size);
            p.end();
            result.addPixmap(pixmap);
        }
        return result;
    }();
    return icon;
}

} // namespace ssescope::ui
