#pragma once

#include <QStyledItemDelegate>

namespace ssescope::ui {

// Paints StreamListModel::SparklineRole as a small filled line in the
// stream's colour: the last minute's rate at a glance, bursts included.
class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ssescope::ui
