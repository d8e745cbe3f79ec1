#include "DashboardSession.h"

#include "ui/session/StreamPalette.h"

#include <QSet>

namespace ssescope::ui {

DashboardSession::DashboardSession(EventStoreLimits limits, QObject *parent)
    : CaptureSession(limits, parent)
{ }

void DashboardSession::streamListed(StreamId stream, StreamId previous)
{
    // An edited stream keeps its colour whatever its new name.
    if (previous != 0)
        m_colorSlots.insert(stream, slotFor(previous));
    else
        slotFor(stream);
}

QColor DashboardSession::streamColor(StreamId stream) const
{
    return ui::streamColor(streamSlot(stream));
}

int DashboardSession::slotFor(StreamId stream)
{
    auto it = m_colorSlots.find(stream);
    if (it != m_colorSlots.end())
        return *it;
    const QString name = streamName(stream);
    auto named = m_nameSlots.constFind(name);
    if (named == m_nameSlots.cend()) {
        const QList<int> used = m_nameSlots.values();
        named = m_nameSlots.insert(
            name, paletteSlotForName(name, QSet<int>(used.cbegin(), used.cend())));
    }
    return *m_colorSlots.insert(stream, *named);
}

} // namespace ssescope::ui
