#include "SparklineDelegate.h"

#include "ui/streams/StreamListModel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ssescope::ui {

void SparklineDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QList<qreal> values = index.data(StreamListModel::SparklineRole).value<QList<qreal>>();
    if (values.size() < 2)
        return;
    const qreal peak = *std::max_element(values.cbegin(), values.cend());
    const QRectF area = QRectF(option.rect).adjusted(3, 3, -3, -3);
    QColor color = index.data(StreamListModel::StreamColorRole).value<QColor>();
    if (!color.isValid())
        color = option.palette.color(QPalette::Highlight);
    QPainterPath line;
    const qreal step = area.width() / qreal(values.size() - 1);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const qreal y
            = peak > 0 ? area.bottom() - values.at(i) / peak * area.height() : area.bottom();
        const QPointF point(area.left() + step * qreal(i), y);
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    QPainterPath fill = line;
    fill.lineTo(area.bottomRight());
    fill.lineTo(area.bottomLeft());
    fill.closeSubpath();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fillColor = color;
    fillColor.setAlpha(60);
    painter->fillPath(fill, fillColor);
    painter->setPen(QPen(color, 1.4));
    painter->drawPath(line);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return { std::max(base.width(), 120), base.height() };
}

} // namespace ssescope::ui
