#pragma once

#include "core/demo/DemoRequest.h"
#include "core/demo/DemoStreams.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace ssescope::demo {

class DemoServer;

// One client connection of the demo server. Query parameters of a stream:
//   think=MS (/tokens: silence before the first token, default 250),
//   style=anthropic (/tokens: Anthropic's content_block_delta, not OpenAI's),
//   rate=N (events/s; 0 = as fast as the socket drains), count=N, size=BYTES,
//   retry=MS, heartbeat=MS, nobuffer=1 (X-Accel-Buffering: no),
//   framing=chunked|close, burst=N & period=MS (bursty),
// and fault modes:
//   drop_after=N [& drop_mid=1], stall_after=N, drip=1, garbage=1, badutf8=1,
//   huge=BYTES (first event), status=CODE [& retry_after=S],
//   fail_first=N & key=K (first N requests with that key get status or 503),
//   ct=TYPE (or content_type=TYPE), ct_first=TYPE (an earlier second Content-Type), redirect=N,
//   location=URL (with status=3xx), close_before_headers=1, slow_headers=1
//   (header lines for ever), flood_headers=1 (8 KiB header lines as fast as the
//   socket drains, up to 1 GiB), big_header=BYTES (one header line that long),
//   bomb=1 (a deflate body that inflates to 32 MiB),
//   skip_ids=N (after every N events of a connection one id is left out),
//   repeat_ids=N (after every N events the last one goes out again),
//   ignore_last_event_id=1 (a reconnection replays the stream from id 1),
// and the hostile ones (DemoConnection's "hostile" functions; each sends as
// fast as the socket drains, up to 1 GiB, unless said otherwise):
//   endless_line=1 (one data line that never ends), endless_event=1 (data
//   lines for ever, never the blank line that ends the event),
//   garbage_bytes=N (N bytes of junk that is no SSE at all, then the end),
//   byte_per_s=1 (the ticker's bytes one per second), false_gzip=1
//   (Content-Encoding: gzip on a body that is plain text).
// Soak faults: chaos=MEAN & seed=S (drop each connection, cleanly between
//   events, after a pseudo-random 1..2*MEAN events drawn from seed, the path
//   and query and the resume point: a reproducible schedule; counted in
//   DemoServer::chaosDrops(), off once DemoServer::setFaultsEnabled(false)).
class DemoConnection final : public QObject
{
    Q_OBJECT
public:
    DemoConnection(QTcpSocket *socket, DemoServer *server);
    ~DemoConnection() override;
    Q_DISABLE_COPY_MOVE(DemoConnection)

private:
    void handleReadyRead();
    void respond();
    void respondPlain(int status, const QByteArray &body, const QByteArray &extraHeaders = {});
    void startStream(const DemoStreamInfo &info);
    void beginEvents(const DemoStreamInfo &info, bool resumed);
    void sendDue();
    void sendHeartbeat();
    void sendEvent();
    void writeBody(const QByteArray &bytes);
    void writeRaw(const QByteArray &bytes);
    void dripNext();
    void floodHeaders();
    void floodMore();
    void finish();
    bool moreEventsAllowed() const;
    bool startHostile();
    void pumpHostile();
    // End faults (a stream's end classes): see startStream().
    void sendContentLengthBody();
    bool endFaultDue();
    void resetConnection();
    void planChaos();
    bool chaosDue();

public:
    // A server restart: cut a stream cleanly between events (its bytes go out
    // first). True when it was streaming, so the client will reconnect.
    bool cutForRestart();

private:
    QTcpSocket *m_socket;
    DemoServer *m_server;
    RequestReader m_reader;
    DemoRequest m_request;
    DemoStreamInfo m_info {};
    bool m_streaming = false;
    bool m_chunked = true;
    bool m_drip = false;
    bool m_finished = false;
    bool m_cutResponse = false; // close without ending the response (drop faults)
    double m_rate = 0;
    qint64 m_count = -1;
    qint64 m_size = 0;
    qint64 m_dropAfter = -1;
    qint64 m_stallAfter = -1;
    qint64 m_huge = 0;
    qint64 m_skipIds = 0; // skip_ids: 0 = off
    qint64 m_repeatIds = 0; // repeat_ids: 0 = off
    qint64 m_rstAfter = -1; // reset (RST) in the middle of the event after these
    qint64 m_errorAfter = -1; // an error event after these, then a clean end
    qint64 m_quietMs = 0; // silence for this long every m_quietEvery events
    qint64 m_quietEvery = 0;
    bool m_quiet = false;
    qint64 m_flooded = 0; // flood_headers: header bytes written so far
    int m_burst = 0;
    quint64 m_next = 1; // number of the next event to send
    quint64 m_sentHere = 0; // events sent on this connection
    quint64 m_dueBase = 0;
    qint64 m_chaosAfter = -1; // chaos: events on this connection before the drop
    QElapsedTimer m_clock;
    QTimer m_tick;
    QTimer m_heartbeat;
    QTimer m_dripTimer;
    QByteArray m_dripQueue;
    // Hostile modes: what pumpHostile() sends again and again, up to a limit.
    QByteArray m_hostileUnit;
    qint64 m_hostileSent = 0;
    qint64 m_hostileLimit = 0;
};

} // namespace ssescope::demo
