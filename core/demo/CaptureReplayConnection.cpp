#include "CaptureReplayConnection.h"

#include "core/demo/CaptureReplayServer.h"
#include "core/demo/DemoHttp.h"

#include <QTcpSocket>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ssescope::demo {

namespace {
// Past this many unsent bytes (a slow client, a high speed) wait for the
// socket to drain instead of piling the capture up in memory.
constexpr qint64 kHighWaterBytes = qint64(1024) * 1024;
// Writes sent in one go before the event loop gets a turn.
constexpr int kMaxWritesPerTurn = 256;
// Between two passes of --loop: at least this long at speed 1.
constexpr qint64 kMinLoopPauseNs = 1'000'000'000;
constexpr qint64 kTimerResolutionNs = 1'000'000;
} // namespace

CaptureReplayConnection::CaptureReplayConnection(QTcpSocket *socket, CaptureReplayServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    socket->setParent(this);
    // Each read's write goes out at once: with Nagle's algorithm a small write
    // after another waits for the client's delayed ACK (40 ms on Linux).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_server->m_openConnections;
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CaptureReplayConnection::sendDue);
    connect(socket, &QTcpSocket::readyRead, this, &CaptureReplayConnection::handleReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_waitingForDrain && m_socket->bytesToWrite() < kHighWaterBytes / 2) {
            m_waitingForDrain = false;
            sendDue();
        }
    });
    handleReadyRead();
}

CaptureReplayConnection::~CaptureReplayConnection()
{
    --m_server->m_openConnections;
}

void CaptureReplayConnection::handleReadyRead()
{
    switch (m_reader.read(m_socket, m_request)) {
    case ParseProgress::NeedMore:
        return;
    case ParseProgress::Bad:
        m_socket->write(plainResponse(400, "Malformed request.\n"));
        m_socket->disconnectFromHost();
        return;
    case ParseProgress::Done:
        respond();
        return;
    }
}

void CaptureReplayConnection::respond()
{
    if (m_request.path == "/") {
        m_socket->write(jsonResponse(m_server->listing()));
        m_socket->disconnectFromHost();
        return;
    }
    const CaptureReplay::Stream *stream = m_server->replay().streamForPath(m_request.path);
    if (!stream) {
        m_socket->write(plainResponse(404,
            "This capture has no stream at " + m_request.path
                + ". GET / lists its streams, each at /NAME with the name percent-encoded.\n"));
        m_socket->disconnectFromHost();
        return;
    }
    startStream(*stream);
}

void CaptureReplayConnection::startStream(const CaptureReplay::Stream &stream)
{
    m_stream = &stream;
    const QByteArray lastEventId = m_request.header("Last-Event-ID");
    const qsizetype start = stream.resumeAfter(lastEventId);
    const auto size = qsizetype(stream.events.size());
    if (!m_server->options().loop && (start >= size || stream.hasEnded(lastEventId))) {
        // The client has the whole stream: tell it to stop reconnecting.
        m_socket->write(plainResponse(204, {}));
        m_socket->disconnectFromHost();
        return;
    }
    // Any origin: a browser's EventSource on a page under test may be the client.
    m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                    "Cache-Control: no-cache\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
                    "X-Accel-Buffering: no\r\nAccess-Control-Allow-Origin: *\r\n\r\n");
    m_socket->flush();
    m_clock.start();
    m_nextEvent = start % size;
    m_passStartNs = 0;
    if (start >= size) {
        // Looping, and the client has the last event: the next pass.
        m_passBaseNs = stream.writes.front().offsetNs;
        m_passStartNs = loopPauseNs();
    } else if (start == 0) {
        // From the capture's start: each stream at its offset from the
        // capture's first arrival, so streams recorded together stay together.
        m_passBaseNs = 0;
    } else {
        // Resumed: the rest of the read that held the client's last event
        // at once, then the capture's gaps from there.
        m_passBaseNs = stream.writes[std::size_t(stream.writeOf[std::size_t(start - 1)])].offsetNs;
    }
    schedule();
}

qint64 CaptureReplayConnection::dueNs(qsizetype write) const
{
    const double gap = double(m_stream->writes[std::size_t(write)].offsetNs - m_passBaseNs)
        / m_server->options().speed;
    return m_passStartNs + qint64(std::max(0.0, gap));
}

void CaptureReplayConnection::schedule()
{
    if (m_waitingForDrain)
        return;
    const qsizetype write = m_stream->writeOf[std::size_t(m_nextEvent)];
    const qint64 waitNs = dueNs(write) - m_clock.nsecsElapsed();
    if (waitNs <= kTimerResolutionNs) {
        m_timer.start(0);
        return;
    }
    const qint64 waitMs = (waitNs + kTimerResolutionNs - 1) / kTimerResolutionNs;
    m_timer.start(int(std::min<qint64>(waitMs, std::numeric_limits<int>::max())));
}

void CaptureReplayConnection::sendDue()
{
    const auto &events = m_stream->events;
    const auto &writes = m_stream->writes;
    for (int sent = 0; sent < kMaxWritesPerTurn; ++sent) {
        if (m_socket->bytesToWrite() >= kHighWaterBytes) {
            m_waitingForDrain = true;
            return;
        }
        const qsizetype write = m_stream->writeOf[std::size_t(m_nextEvent)];
        // Timers count whole milliseconds: a read due within the next one
        // goes now (two reads 0.1 ms apart stay apart, but not 1 ms apart).
        if (dueNs(write) > m_clock.nsecsElapsed() + kTimerResolutionNs)
            break;
        QByteArray text;
        const qsizetype end = writes[std::size_t(write)].endEvent;
        for (qsizetype i = m_nextEvent; i < end; ++i)
            text += events[std::size_t(i)];
        m_socket->write(chunkOf(text));
        m_socket->flush(); // one read's events, one send
        m_nextEvent = end;
        if (m_nextEvent < qsizetype(events.size()))
            continue;
        if (!m_server->options().loop) {
            finish();
            return;
        }
        // The next pass after a pause (the stream's own lead from the
        // capture's start, at least a second), both divided by the speed.
        m_passStartNs = dueNs(write) + loopPauseNs();
        m_passBaseNs = writes.front().offsetNs;
        m_nextEvent = 0;
    }
    schedule();
}

qint64 CaptureReplayConnection::loopPauseNs() const
{
    const qint64 pauseNs = std::max(kMinLoopPauseNs, m_stream->writes.front().offsetNs);
    return qint64(double(pauseNs) / m_server->options().speed);
}

void CaptureReplayConnection::finish()
{
    m_timer.stop();
    if (!m_stream->endMarker.isEmpty())
        m_socket->write(chunkOf("id: " + m_stream->endMarker + "\n\n"));
    m_socket->write(kLastChunk);
    m_socket->disconnectFromHost();
}

} // namespace ssescope::demo
