#pragma once

#include "core/session/CaptureSession.h"

#include <QColor>
#include <QHash>

namespace ssescope::ui {

// The capture session as the window shows it: the core session (streams,
// pipeline, recording, opened captures) plus each stream's colour. The
// window, its panels and the tests drive it; nothing here measures events on
// its own. GUI thread only.
class DashboardSession final : public CaptureSession
{
    Q_OBJECT
public:
    explicit DashboardSession(EventStoreLimits limits = {}, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DashboardSession)

    QColor streamColor(StreamId stream) const;
    // The stream's palette slot: chosen by its name (paletteSlotForName), the
    // same for a live stream and a captured one of that name, in every capture
    // opened, and kept across edits (replaceStream), so charts can give it the
    // same line style too.
    int streamSlot(StreamId stream) const { return m_colorSlots.value(stream, int(stream)); }

protected:
    void streamListed(StreamId stream, StreamId previous) override;

private:
    int slotFor(StreamId stream);

    QHash<StreamId, int> m_colorSlots;
    QHash<QString, int> m_nameSlots; // for the whole session, so re-opening keeps colours
};

} // namespace ssescope::ui
