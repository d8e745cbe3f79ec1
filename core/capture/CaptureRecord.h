#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace ssescope {

// One line of a capture, as views: writers format it without copying.
struct CaptureRecordView
{
    enum class Kind { Event, Comment };
    Kind kind = Kind::Event;
    QByteArrayView stream; // the stream's name, UTF-8
    quint64 streamSeq = 0; // per stream
    QByteArrayView id; // the last event ID, as a browser reports it
    QByteArrayView type;
    QByteArrayView data; // for a comment: its text
    qint64 receivedWallNs = 0;
    qint64 monoNs = 0;
    quint64 chunk = 0;
    quint64 bytes = 0; // the event's size on the wire
    std::optional<double> latencyMs;
};

// The same, owning its bytes: what readers produce.
struct CaptureRecord
{
    CaptureRecordView::Kind kind = CaptureRecordView::Kind::Event;
    QByteArray stream;
    quint64 streamSeq = 0;
    QByteArray id;
    QByteArray type;
    QByteArray data;
    qint64 receivedWallNs = 0;
    qint64 monoNs = 0;
    quint64 chunk = 0;
    quint64 bytes = 0; // the event's size on the wire
    std::optional<double> latencyMs;

    CaptureRecordView view() const
    {
        return CaptureRecordView { kind, stream, streamSeq, id, type, data, receivedWallNs, monoNs,
            chunk, bytes, latencyMs };
    }
};

} // namespace ssescope
