#include "DemoConnection.h"

#include "core/demo/DemoHttp.h"
#include "core/demo/DemoServer.h"

#include <QTcpSocket>

#include <QHash>

#include <algorithm>
#include <cmath>
#include <random>

using namespace Qt::StringLiterals;

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace ssescope::demo {

namespace {

constexpr qint64 kUnlimitedRateHighWater = 512 * 1024;
constexpr qint64 kFloodLimitBytes = qint64(1) << 30; // flood_headers: 1 GiB at most
constexpr qint64 kHostileLimitBytes = qint64(1) << 30; // endless_*: 1 GiB at most

QByteArray indexPage()
{
    QByteArray page
        = "ssescope-demo-server: Server-Sent Events streams for SSE Scope\n\nStreams:\n";
    for (const DemoStreamInfo &info : demoStreams())
        page += "  " + QByteArray(info.path) + "  " + info.description + "\n";
    page += "\nParameters: rate count size retry heartbeat nobuffer framing=chunked|close burst "
            "period\n"
            "Faults: drop_after drop_mid stall_after drip garbage badutf8 huge status retry_after\n"
            "        content_type (as ct) think (/tokens: ms before the first token)\n"
            "        fail_first+key ct ct_first redirect location close_before_headers\n"
            "        slow_headers flood_headers big_header bomb skip_ids repeat_ids\n"
            "        ignore_last_event_id\n"
            "Hostile: endless_line endless_event garbage_bytes byte_per_s false_gzip\n"
            "Ends: content_length(+count, drop_after) rst_after error_after error_json done\n"
            "      quiet_ms+quiet_every\n";
    return page;
}

} // namespace

DemoConnection::DemoConnection(QTcpSocket *socket, DemoServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    socket->setParent(this);
    ++m_server->m_openConnections;
    connect(socket, &QTcpSocket::readyRead, this, &DemoConnection::handleReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    connect(&m_tick, &QTimer::timeout, this, &DemoConnection::sendDue);
    connect(&m_heartbeat, &QTimer::timeout, this, &DemoConnection::sendHeartbeat);
    connect(&m_dripTimer, &QTimer::timeout, this, &DemoConnection::dripNext);
    handleReadyRead();
}

DemoConnection::~DemoConnection()
{
    --m_server->m_openConnections;
}

void DemoConnection::handleReadyRead()
{
    // One request a connection; what a client sends after it is dropped.
    switch (m_reader.read(m_socket, m_request)) {
    case ParseProgress::NeedMore:
        return;
    case ParseProgress::Bad:
        respondPlain(400, "Malformed request.\n");
        return;
    case ParseProgress::Done:
        respond();
        return;
    }
}

void DemoConnection::respond()
{
    ++m_server->m_requests;
    Q_EMIT m_server->requestReceived(m_request.method, m_request.target);

    if (m_request.flag(u"close_before_headers"_s)) {
        m_finished = true;
        m_socket->disconnectFromHost();
        return;
    }
    if (m_request.flag(u"slow_headers"_s)) { // a status line, then header lines for ever
        m_finished = true;
        m_socket->write("HTTP/1.1 200 OK\r\n");
        connect(&m_tick, &QTimer::timeout, this,
            [this] { m_socket->write("X-Filler: " + QByteArray(64, 'f') + "\r\n"); });
        m_tick.start(20);
        return;
    }
    if (m_request.flag(u"flood_headers"_s)) {
        floodHeaders();
        return;
    }
    if (m_request.path == "/") {
        respondPlain(200, indexPage());
        return;
    }
    const qint64 redirects = m_request.intParam(u"redirect"_s, 0);
    if (redirects > 0) {
        QUrlQuery query = m_request.query;
        query.removeAllQueryItems(u"redirect"_s);
        query.addQueryItem(u"redirect"_s, QString::number(redirects - 1));
        const QByteArray location
            = m_request.path + '?' + query.toString(QUrl::FullyEncoded).toLatin1();
        respondPlain(302, {}, "Location: " + location + "\r\n");
        return;
    }
    int status = static_cast<int>(m_request.intParam(u"status"_s, 200));
    const qint64 failFirst = m_request.intParam(u"fail_first"_s, 0);
    if (failFirst > 0) {
        const int seen = m_server->countRequest(m_request.query.queryItemValue(u"key"_s));
        status = seen <= failFirst ? (status == 200 ? 503 : status) : 200;
    }
    if (status != 200) {
        const qint64 retryAfter = m_request.intParam(u"retry_after"_s, -1);
        QByteArray extra = retryAfter >= 0
            ? "Retry-After: " + QByteArray::number(retryAfter) + "\r\n"
            : QByteArray();
        if (m_request.query.hasQueryItem(u"location"_s))
            extra += "Location: "
                + m_request.query.queryItemValue(u"location"_s, QUrl::FullyDecoded).toUtf8()
                + "\r\n";
        respondPlain(status, "Demo failure " + QByteArray::number(status) + "\n", extra);
        return;
    }
    const auto info = demoStreamForPath(m_request.path);
    if (!info) {
        respondPlain(404, "No such stream. GET / lists them.\n");
        return;
    }
    startStream(*info);
}

// A status line, a Content-Type, then 8 KiB header lines as fast as the socket
// drains, never ending the headers: what starved every stream
// sharing Qt's HTTP thread. Bounded (kFloodLimitBytes) so that a client that
// never cuts it does not make this server write for ever.
void DemoConnection::floodHeaders()
{
    m_finished = true;
    m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n");
    connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::floodMore);
    floodMore();
}

void DemoConnection::floodMore()
{
    static const QByteArray line = "X-Junk: " + QByteArray(8 * 1024, 'j') + "\r\n";
    while (m_socket->bytesToWrite() < kUnlimitedRateHighWater && m_flooded < kFloodLimitBytes) {
        m_socket->write(line);
        m_flooded += line.size();
    }
    if (m_flooded >= kFloodLimitBytes && m_socket->bytesToWrite() == 0)
        m_socket->disconnectFromHost();
}

void DemoConnection::respondPlain(
    int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    m_finished = true;
    m_socket->write(plainResponse(status, body, extraHeaders));
    m_socket->disconnectFromHost();
}

void DemoConnection::startStream(const DemoStreamInfo &info)
{
    m_info = info;
    m_streaming = true;
    m_chunked = m_request.query.queryItemValue(u"framing"_s) != u"close";
    m_drip = m_request.flag(u"drip"_s) || m_request.flag(u"byte_per_s"_s);
    m_rate = static_cast<double>(m_request.intParam(u"rate"_s, -1));
    if (m_rate < 0)
        m_rate = info.defaultRate;
    m_count = m_request.intParam(u"count"_s, -1);
    m_size = m_request.intParam(u"size"_s, 0);
    m_dropAfter = m_request.intParam(u"drop_after"_s, -1);
    m_stallAfter = m_request.intParam(u"stall_after"_s, -1);
    m_huge = m_request.intParam(u"huge"_s, 0);
    m_rstAfter = m_request.intParam(u"rst_after"_s, -1);
    m_errorAfter = m_request.intParam(u"error_after"_s, -1);
    m_quietMs = m_request.intParam(u"quiet_ms"_s, 0);
    m_quietEvery = m_request.intParam(u"quiet_every"_s, 0);
    if (m_request.flag(u"content_length"_s))
        m_chunked = false; // the length is announced instead
    bool resumed = false;
    const quint64 lastId = m_request.header("Last-Event-ID").toULongLong(&resumed);
    if (m_request.flag(u"ignore_last_event_id"_s)) // a reconnection replays from 1
        resumed = false;
    m_skipIds = std::max<qint64>(0, m_request.intParam(u"skip_ids"_s, 0));
    m_repeatIds = std::max<qint64>(0, m_request.intParam(u"repeat_ids"_s, 0));
    if (resumed)
        m_next = lastId + 1;
    planChaos();

    // A finite stream the client already has in full: tell it to stop.
    if (m_count >= 0 && m_next > static_cast<quint64>(m_count)) {
        m_streaming = false;
        respondPlain(204, {});
        return;
    }

    QByteArray head = "HTTP/1.1 200 OK\r\n";
    if (m_request.query.hasQueryItem(u"ct_first"_s)) // a second Content-Type; the last counts
        head
            += "Content-Type: " + m_request.query.queryItemValue(u"ct_first"_s).toLatin1() + "\r\n";
    head += "Content-Type: ";
    // content_type= is ct='s longer spelling (bruno#6371: application/octet-stream).
    const QString typeParam
        = m_request.query.hasQueryItem(u"content_type"_s) ? u"content_type"_s : u"ct"_s;
    head += m_request.query.hasQueryItem(typeParam)
        ? m_request.query.queryItemValue(typeParam, QUrl::FullyDecoded).toLatin1()
        : defaultContentType(info.stream);
    head += "\r\nCache-Control: no-cache\r\nConnection: close\r\n";
    const qint64 bigHeader
        = std::clamp<qint64>(m_request.intParam(u"big_header"_s, 0), 0, qint64(1) << 30);
    if (bigHeader > 0) // one enormous header line, after the Content-Type
        head += "X-Big: " + QByteArray(bigHeader, 'b') + "\r\n";
    if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    if (m_request.flag(u"content_length"_s)) {
        m_socket->write(head);
        sendContentLengthBody();
        return;
    }
    if (m_request.flag(u"nobuffer"_s))
        head += "X-Accel-Buffering: no\r\n";
    const bool bomb = m_request.flag(u"bomb"_s);
    if (bomb)
        head += "Content-Encoding: deflate\r\n";
    if (m_request.flag(u"false_gzip"_s)) // claims gzip; the body stays plain SSE text
        head += "Content-Encoding: gzip\r\n";
    head += "\r\n";
    m_socket->write(head);
    if (bomb) {
        // 32 MiB of comment in about 32 KiB of zlib (which is what HTTP calls
        // "deflate"): past the expansion a client should accept. Then silence,
        // with the connection kept open.
        const QByteArray inflated = ": " + QByteArray(32 * 1024 * 1024, 'x') + "\n";
        writeRaw(qCompress(inflated, 9).mid(4)); // qCompress prefixes the length
        m_finished = true;
        return;
    }

    if (m_request.query.hasQueryItem(u"retry"_s))
        writeBody("retry: " + m_request.query.queryItemValue(u"retry"_s).toLatin1() + "\n\n");
    if (m_huge > 0)
        writeBody("event: huge\ndata: " + QByteArray(m_huge, 'x') + "\n\n");

    const qint64 heartbeat = m_request.intParam(u"heartbeat"_s, 0);
    if (heartbeat > 0)
        m_heartbeat.start(static_cast<int>(heartbeat));

    if (startHostile())
        return;

    // An LLM thinks before its first token: time to first token has something to show.
    const qint64 think
        = info.stream == DemoStream::Tokens ? m_request.intParam(u"think"_s, 250) : 0;
    if (think > 0) {
        QTimer::singleShot(std::chrono::milliseconds(std::min<qint64>(think, 600'000)), this,
            [this, info, resumed] {
                if (!m_finished)
                    beginEvents(info, resumed);
            });
        return;
    }
    beginEvents(info, resumed);
}

void DemoConnection::beginEvents(const DemoStreamInfo &info, bool resumed)
{
    m_clock.start();
    if (info.stream == DemoStream::Echo && !resumed)
        m_dueBase = 1; // "server" and "request" go out together
    if (info.stream == DemoStream::Bursty) {
        m_burst = static_cast<int>(std::max<qint64>(1, m_request.intParam(u"burst"_s, 25)));
        m_tick.start(static_cast<int>(std::max<qint64>(1, m_request.intParam(u"period"_s, 1000))));
    } else if (m_rate > 0) {
        m_tick.start(static_cast<int>(std::clamp(1000.0 / m_rate, 1.0, 1000.0)));
    } else {
        connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::sendDue);
    }
    sendDue();
}

// The hostile modes, once the response headers are out. True when one of them
// took the body over.
bool DemoConnection::startHostile()
{
    if (m_request.flag(u"endless_line"_s)) {
        writeRaw("data: ");
        m_hostileUnit = QByteArray(16 * 1024, 'x'); // never a line break
        m_hostileLimit = kHostileLimitBytes;
    } else if (m_request.flag(u"endless_event"_s)) {
        m_hostileUnit.clear(); // many short lines, never a blank one
        for (int i = 0; i < 256; ++i)
            m_hostileUnit += "data: " + QByteArray(58, 'e') + '\n';
        m_hostileLimit = kHostileLimitBytes;
    } else if (m_request.intParam(u"garbage_bytes"_s, 0) > 0) {
        // Lines with no field name, NULs, bare CRs and invalid UTF-8; no
        // blank line, so no event ever comes of them.
        m_hostileUnit.clear();
        static constexpr char junk[] = " junk\0\xFF\xFE\xC3\x28 no colon here\r";
        for (int i = 0; i < 256; ++i)
            m_hostileUnit += QByteArray::number(i) + QByteArray(junk, sizeof junk - 1);
        m_hostileLimit = std::min(m_request.intParam(u"garbage_bytes"_s, 0), kHostileLimitBytes);
    } else {
        return false;
    }
    connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::pumpHostile);
    pumpHostile();
    return true;
}

void DemoConnection::pumpHostile()
{
    while (m_socket->bytesToWrite() < kUnlimitedRateHighWater && m_hostileSent < m_hostileLimit) {
        const QByteArray unit = m_hostileUnit.left(m_hostileLimit - m_hostileSent);
        writeRaw(unit);
        m_hostileSent += unit.size();
    }
    if (m_hostileSent >= m_hostileLimit && !m_finished)
        finish(); // garbage_bytes ends the response; endless_* stop at the limit
}

// content_length: the count events as one body of announced length, which
// drop_after cuts short (a "framing" end: fewer bytes than Content-Length).
void DemoConnection::sendContentLengthBody()
{
    QByteArray body;
    const qint64 count = std::max<qint64>(m_count, 1);
    QByteArray sent;
    for (qint64 i = 0; i < count; ++i) {
        const QByteArray event = renderEvent(m_info.stream, m_next + quint64(i), m_request, m_size);
        body += event;
        if (m_dropAfter < 0 || i < m_dropAfter)
            sent += event;
    }
    m_socket->write("Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + sent);
    m_finished = true;
    m_streaming = false;
    m_socket->disconnectFromHost();
}

// The end faults due before the next event; true when one ended or paused it.
bool DemoConnection::endFaultDue()
{
    if (m_rstAfter >= 0 && m_sentHere >= quint64(m_rstAfter)) {
        const QByteArray event = renderEvent(m_info.stream, m_next, m_request, m_size);
        writeBody(event.left(event.size() / 2));
        resetConnection();
        return true;
    }
    if (m_errorAfter >= 0 && m_sentHere >= quint64(m_errorAfter)) {
        // An Anthropic-style overload in the middle of a stream, then a clean end.
        const QByteArray json
            = R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})";
        writeBody((m_request.flag(u"error_json"_s) ? QByteArray() : "event: error\n")
            + "data: " + json + "\n\n");
        finish();
        return true;
    }
    return false;
}

// A reset (RST), not a close (FIN): SO_LINGER 0, then close.
void DemoConnection::resetConnection()
{
    m_finished = true;
    m_tick.stop();
    m_heartbeat.stop();
    m_socket->flush();
#ifdef Q_OS_UNIX
    const linger off { 1, 0 };
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &off, sizeof off);
#endif
    m_socket->abort();
}

bool DemoConnection::moreEventsAllowed() const
{
    if (m_finished || m_quiet)
        return false;
    if (m_stallAfter >= 0 && m_sentHere >= static_cast<quint64>(m_stallAfter))
        return false;
    return true;
}

void DemoConnection::sendDue()
{
    if (m_info.stream == DemoStream::Bursty) {
        for (int i = 0; i < m_burst && moreEventsAllowed(); ++i)
            sendEvent();
    } else if (m_rate > 0) {
        const auto due = m_dueBase + 1
            + static_cast<quint64>(
                std::floor(static_cast<double>(m_clock.elapsed()) * m_rate / 1000.0));
        while (m_sentHere < due && moreEventsAllowed())
            sendEvent();
    } else {
        while (m_socket->bytesToWrite() < kUnlimitedRateHighWater && moreEventsAllowed())
            sendEvent();
    }
    if (!moreEventsAllowed() && !m_finished
        && !m_quiet) { // stalled: silence, but keep the connection
        m_tick.stop();
        m_heartbeat.stop();
    }
}

void DemoConnection::sendHeartbeat()
{
    writeBody(": heartbeat\n");
}

void DemoConnection::planChaos()
{
    const qint64 mean = m_request.intParam(u"chaos"_s, 0);
    if (mean <= 0)
        return;
    // Seeded by the seed, the stream (path and query) and where it resumes:
    // the same run drops at the same events every time.
    const quint64 seed = static_cast<quint64>(m_request.intParam(u"seed"_s, 1));
    const QByteArray &where = m_request.target;
    std::seed_seq sequence { static_cast<quint32>(seed), static_cast<quint32>(seed >> 32),
        static_cast<quint32>(qHash(where, 0)), static_cast<quint32>(m_next),
        static_cast<quint32>(m_next >> 32) };
    std::mt19937_64 random(sequence);
    m_chaosAfter = std::uniform_int_distribution<qint64>(1, 2 * mean)(random);
}

bool DemoConnection::chaosDue()
{
    if (m_chaosAfter < 0 || m_sentHere < static_cast<quint64>(m_chaosAfter))
        return false;
    m_chaosAfter = -1;
    if (!m_server->m_faultsEnabled)
        return false;
    ++m_server->m_chaosDrops;
    m_cutResponse = true; // no terminating chunk: the response is cut
    finish();
    return true;
}

bool DemoConnection::cutForRestart()
{
    const bool streaming = m_streaming && !m_finished;
    m_cutResponse = true;
    m_dripQueue.clear();
    finish();
    return streaming;
}

void DemoConnection::sendEvent()
{
    if (chaosDue() || endFaultDue())
        return;
    if (m_dropAfter >= 0 && m_sentHere >= static_cast<quint64>(m_dropAfter)) {
        if (m_request.flag(u"drop_mid"_s)) {
            const QByteArray event = renderEvent(m_info.stream, m_next, m_request, m_size);
            writeBody(event.left(event.size() / 2));
        }
        m_cutResponse = true; // no terminating chunk: the response is cut
        finish();
        return;
    }
    QByteArray event = renderEvent(m_info.stream, m_next, m_request, m_size);
    if (m_request.flag(u"badutf8"_s))
        event.insert(event.size() - 2, "\xC3\x28\xF0\x9F");
    if (m_request.flag(u"garbage"_s))
        event.prepend(garbageLines(m_next));
    writeBody(event);
    ++m_next;
    ++m_sentHere;
    // Id faults: after every N events on this connection, one id is left out
    // (skip_ids) or the last event goes out again (repeat_ids).
    if (m_skipIds > 0 && m_sentHere % quint64(m_skipIds) == 0)
        ++m_next;
    if (m_repeatIds > 0 && m_sentHere % quint64(m_repeatIds) == 0)
        --m_next;
    if (m_count >= 0 && m_next > static_cast<quint64>(m_count)) {
        if (m_request.flag(u"done"_s)) // OpenAI's terminal marker
            writeBody("data: [DONE]\n\n");
        finish();
        return;
    }
    if (m_quietMs > 0 && m_quietEvery > 0 && m_sentHere % quint64(m_quietEvery) == 0) {
        // Not a byte, heartbeats included: what a proxy's idle timeout cuts.
        m_quiet = true;
        m_tick.stop();
        const bool heartbeat = m_heartbeat.isActive();
        m_heartbeat.stop();
        QTimer::singleShot(int(m_quietMs), this, [this, heartbeat] {
            m_quiet = false;
            if (m_finished)
                return;
            m_dueBase = m_sentHere;
            m_clock.restart();
            if (heartbeat)
                m_heartbeat.start();
            if (m_rate > 0)
                m_tick.start();
            sendDue();
        });
    }
}

void DemoConnection::writeBody(const QByteArray &bytes)
{
    if (m_drip) {
        // One byte a second falls ever further behind the events: keep 64 KiB.
        if (m_dripQueue.size() > 64 * 1024)
            return;
        m_dripQueue += bytes;
        if (!m_dripTimer.isActive())
            m_dripTimer.start(m_request.flag(u"byte_per_s"_s) ? 1000 : 1);
        return;
    }
    writeRaw(bytes);
}

void DemoConnection::writeRaw(const QByteArray &bytes)
{
    m_socket->write(m_chunked ? chunkOf(bytes) : bytes);
}

void DemoConnection::dripNext()
{
    if (m_dripQueue.isEmpty()) {
        m_dripTimer.stop();
        if (m_finished)
            finish();
        return;
    }
    writeRaw(m_dripQueue.left(1));
    m_dripQueue.remove(0, 1);
    m_socket->flush();
}

void DemoConnection::finish()
{
    m_finished = true;
    m_tick.stop();
    m_heartbeat.stop();
    if (!m_dripQueue.isEmpty())
        return; // dripNext() finishes once the queue is out
    if (m_chunked && !m_cutResponse)
        m_socket->write(kLastChunk);
    m_socket->disconnectFromHost();
}

} // namespace ssescope::demo
