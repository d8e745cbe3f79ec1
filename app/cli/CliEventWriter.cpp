#include "CliEventWriter.h"

#include "core/sse/Utf8.h"

#include <QDeadlineTimer>

#include <csignal>
#include <cstring>
#include <pthread.h>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

constexpr int kFrames = 8;
constexpr qsizetype kFrameBytes = 256 * 1024;
// A frame up to this size is kept for the next read: a full 1 MiB socket read
// of large events fits, so steady large events never reallocate (replacing
// every frame past 256 KiB cost a third of the large-event throughput).
constexpr qsizetype kRetainedFrameBytes = 2 * 1024 * 1024;
// Interrupts a write(2) blocked on a reader that never reads. Its default
// action is to ignore it, so a stray one harms nothing.
constexpr int kInterruptSignal = SIGURG;

enum RecordKind : quint32 {
    EventWithId, // the stream's last event ID changed: its bytes follow
    EventSameId, // the ID is the stream's previous one: no bytes
    Comment,
};

// One record of a frame, followed by its id, type and data bytes.
struct RecordHeader
{
    quint32 kind;
    StreamId stream;
    quint64 seq;
    qint64 steadyNs;
    qint64 wallNs;
    quint64 chunk;
    quint64 wireBytes;
    double latencyMs;
    quint16 hasLatency;
    quint16 idOrigin; // an IdOrigin
    quint32 idLength;
    quint32 typeLength;
    quint32 dataLength;
};

struct Record
{
    RecordHeader h;
    QByteArrayView id;
    QByteArrayView type;
    QByteArrayView data;
};

void appendRecord(ByteBuffer &frame, const RecordHeader &header, QByteArrayView id,
    QByteArrayView type, QByteArrayView data)
{
    frame.append(reinterpret_cast<const char *>(&header), sizeof header);
    frame.append(id);
    frame.append(type);
    frame.append(data);
}

template<typename F> void forEachRecord(const ByteBuffer &frame, F f)
{
    const char *p = frame.data();
    const char *end = p + frame.size();
    while (p < end) {
        Record r;
        std::memcpy(&r.h, p, sizeof r.h);
        p += sizeof r.h;
        r.id = QByteArrayView(p, r.h.idLength);
        r.type = QByteArrayView(p + r.h.idLength, r.h.typeLength);
        r.data = QByteArrayView(p + r.h.idLength + r.h.typeLength, r.h.dataLength);
        p += r.h.idLength + r.h.typeLength + r.h.dataLength;
        if (!f(r))
            return;
    }
}

std::optional<double> latencyOf(const RecordHeader &header)
{
    return header.hasLatency ? std::optional<double>(header.latencyMs) : std::nullopt;
}

void ignoreSignal(int) { }

void installInterruptHandler()
{
    static const bool installed = [] {
        struct sigaction action
        {
        };
        action.sa_handler = ignoreSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: a blocked write returns EINTR
        return sigaction(kInterruptSignal, &action, nullptr) == 0;
    }();
    Q_UNUSED(installed);
}

} // namespace

CliEventWriter::CliEventWriter(Settings settings, CliOutput *output)
    : m_settings(std::move(settings))
    , m_output(output)
    , m_writer(CaptureWriter::create(m_settings.format, output, { m_settings.columns, nullptr }))
{
    installInterruptHandler();
    if (m_settings.keepStats)
        m_measurer = std::make_unique<CaptureMeasurer>(m_settings.wholeRun);
    for (int i = 0; i < kFrames; ++i)
        m_free.push_back(std::make_unique<ByteBuffer>(kFrameBytes));
    m_thread.reset(QThread::create([this] {
        {
            std::lock_guard lock(m_queueMutex);
            m_writerHandle = QThread::currentThreadId();
        }
        writerLoop();
        std::lock_guard lock(m_queueMutex);
        m_writerDone = true;
    }));
    m_thread->setObjectName(u"ssescope-cli-writer"_s);
    m_thread->start();
}

CliEventWriter::~CliEventWriter()
{
    flush();
}

void CliEventWriter::configure(const std::function<void()> &setUp)
{
    std::lock_guard lock(m_stateMutex);
    setUp();
}

void CliEventWriter::addStream(StreamId stream, const QByteArray &name)
{
    auto state = std::make_shared<StreamState>();
    state->name = name;
    m_streams.insert(stream, state);
}

void CliEventWriter::setTokenStream(StreamId stream, const TokenStreamConfig &config)
{
    if (m_measurer)
        m_measurer->setTokenStream(stream, config);
}

void CliEventWriter::addPair(StreamId a, StreamId b)
{
    if (!m_measurer)
        m_measurer = std::make_unique<CaptureMeasurer>();
    m_measurer->addRoutePair(a, b);
}

void CliEventWriter::requestStop()
{
    if (!m_stopped.exchange(true) && m_stopRequest)
        m_stopRequest();
}

void CliEventWriter::stopAccepting()
{
    {
        std::lock_guard lock(m_queueMutex);
        m_stopped = true;
    }
    m_queueChanged.notify_all();
}

ByteBuffer *CliEventWriter::frameToFill()
{
    if (!m_filling) {
        std::unique_lock lock(m_queueMutex);
        // A stop wakes it too: the network thread must never wait for an
        // output that may stay blocked, or stopping the streams would hang.
        m_queueChanged.wait(
            lock, [this] { return !m_free.empty() || m_closing || m_stopped.load(); });
        if (m_free.empty() || m_stopped.load())
            return nullptr;
        m_filling = std::move(m_free.back());
        m_free.pop_back();
    }
    return m_filling.get();
}

void CliEventWriter::consumeEvent(const SseEventView &event, std::optional<double> latencyMs)
{
    if (m_stopped.load(std::memory_order_relaxed))
        return;
    ByteBuffer *frame = frameToFill();
    if (!frame)
        return;
    std::shared_ptr<ByteBuffer> &sent = m_sentIds[event.stream];
    const bool sameId = sent && sent->view() == event.id;
    if (!sameId) {
        if (!sent)
            sent = std::make_shared<ByteBuffer>(64);
        sent->assign(event.id);
    }
    const QByteArrayView id = sameId ? QByteArrayView() : event.id;
    const RecordHeader header { sameId ? EventSameId : EventWithId, event.stream, event.streamSeq,
        event.arrivalSteadyNs, event.arrivalWallNs, event.chunkIndex, event.wireBytes,
        latencyMs.value_or(0), quint16(latencyMs.has_value()), quint16(event.idOrigin),
        quint32(id.size()), quint32(event.type.size()), quint32(event.data.size()) };
    appendRecord(*frame, header, id, event.type, event.data);
    const qint64 accepted = ++m_accepted;
    if (m_settings.maxEvents > 0 && accepted >= m_settings.maxEvents) {
        endOfRead(); // the last events go out before the stop
        requestStop();
    }
}

void CliEventWriter::consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp)
{
    if (m_stopped.load(std::memory_order_relaxed))
        return;
    if (!m_settings.comments && !m_measurer)
        return;
    ByteBuffer *frame = frameToFill();
    if (!frame)
        return;
    const RecordHeader header { Comment, stream, 0, stamp.steadyNs, stamp.wallNs, 0, 0, 0, 0, 0, 0,
        0, quint32(text.size()) };
    appendRecord(*frame, header, {}, {}, text);
}

void CliEventWriter::endOfRead()
{
    // Handed over after every read, so that a pipe reader sees events live.
    if (!m_filling || m_filling->isEmpty())
        return;
    {
        std::lock_guard lock(m_queueMutex);
        m_full.push_back(std::move(m_filling));
    }
    m_queueChanged.notify_all();
}

void CliEventWriter::writerLoop()
{
    for (;;) {
        std::unique_ptr<ByteBuffer> frame;
        {
            std::unique_lock lock(m_queueMutex);
            m_queueChanged.wait(lock, [this] { return !m_full.empty() || m_closing; });
            if (m_full.empty())
                break; // closing, and nothing left
            frame = std::move(m_full.front());
            m_full.pop_front();
        }
        if (!m_outputFailed.load()) {
            // Measured under the lock, then formatted and written without it:
            // the main thread (stats, metrics, signals) never waits for I/O.
            {
                std::lock_guard lock(m_stateMutex);
                measureFrame(*frame);
            }
            formatFrame(*frame);
        }
        // A burst of huge events grew it: give the memory back.
        if (frame->capacity() > kRetainedFrameBytes)
            frame = std::make_unique<ByteBuffer>(kFrameBytes);
        frame->clear();
        {
            std::lock_guard lock(m_queueMutex);
            m_free.push_back(std::move(frame));
        }
        m_queueChanged.notify_all();
    }
    if (!m_outputFailed.load()) {
        if (m_writer->flush())
            m_flushed = m_written.load();
        else
            m_outputFailed = true;
    }
}

void CliEventWriter::measureFrame(const ByteBuffer &frame)
{
    Q_ASSERT(QThread::currentThread() == m_thread.get()); // the writer thread only
    m_recordStreams.clear();
    forEachRecord(frame, [this](const Record &r) {
        StreamState *state = m_streams.value(r.h.stream).get();
        m_recordStreams.push_back(state);
        if (!state)
            return true;
        if (r.h.kind == Comment) {
            if (m_measurer)
                m_measurer->measureComment(r.h.stream, r.h.steadyNs);
            return true;
        }
        if (!state->touched) {
            state->touched = true;
            state->measureId = state->id.view();
            state->formatId = state->id.view();
        }
        if (r.h.kind == EventWithId)
            state->measureId = r.id;
        if (m_measurer) {
            m_measurer->measure(
                SseEventView { r.h.stream, r.h.seq, state->measureId, r.type, r.data, r.h.steadyNs,
                    r.h.wallNs, r.h.chunk, r.h.wireBytes, IdOrigin(r.h.idOrigin) },
                latencyOf(r.h));
        }
        return true;
    });
    if (m_measurer)
        m_measurer->flush();
}

void CliEventWriter::formatFrame(const ByteBuffer &frame)
{
    Q_ASSERT(QThread::currentThread() == m_thread.get()); // the writer thread only
    // StreamStates are reached through pointers measureFrame() took under the
    // lock; each stream's ID fields belong to this thread alone.
    size_t index = 0;
    std::vector<StreamState *> touched;
    forEachRecord(frame, [&](const Record &r) {
        StreamState *state = m_recordStreams[index];
        ++index;
        if (!state)
            return true;
        if (r.h.kind == Comment) {
            if (m_settings.comments) {
                // The parser repairs events but hands comments over raw.
                QByteArrayView text = r.data;
                if (!utf8::isAscii(text)) {
                    m_repaired = utf8::sanitized(text);
                    text = m_repaired;
                }
                CaptureRecordView record;
                record.kind = CaptureRecordView::Kind::Comment;
                record.stream = state->name;
                record.data = text;
                record.receivedWallNs = r.h.wallNs;
                record.monoNs = r.h.steadyNs;
                m_writer->write(record);
            }
            return !m_writer->hasError();
        }
        if (r.h.kind == EventWithId)
            state->formatId = r.id;
        if (state->touched) {
            state->touched = false;
            touched.push_back(state);
        }
        m_writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, state->name, r.h.seq,
            state->formatId, r.type, r.data, r.h.wallNs, r.h.steadyNs, r.h.chunk, r.h.wireBytes,
            latencyOf(r.h) });
        ++m_written;
        return !m_writer->hasError();
    });
    // The frame is about to be reused: keep each stream's last ID.
    for (StreamState *state : touched) {
        if (state->formatId.data() != state->id.data())
            state->id.assign(state->formatId);
    }
    if (!m_writer->hasError() && m_writer->flush()) {
        m_flushed = m_written.load();
    } else {
        m_outputFailed = true;
        requestStop();
    }
}

void CliEventWriter::interruptWriter()
{
    // Under the lock the writer takes to say it is done: never signal a thread
    // that may have ended.
    std::lock_guard lock(m_queueMutex);
    if (m_writerHandle && !m_writerDone)
        pthread_kill(reinterpret_cast<pthread_t>(m_writerHandle), kInterruptSignal);
}

bool CliEventWriter::flush(int stallMs, int totalMs)
{
    if (m_thread) {
        endOfRead(); // whatever the network thread left in its frame
        {
            std::lock_guard lock(m_queueMutex);
            m_closing = true;
            m_stopped = true;
        }
        m_queueChanged.notify_all();
        const QDeadlineTimer total = totalMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                                 : QDeadlineTimer(qint64(totalMs));
        QDeadlineTimer stalled(stallMs);
        qint64 progress = m_output->bytesWritten();
        while (!m_thread->wait(QDeadlineTimer(50))) {
            if (total.hasExpired())
                break;
            if (const qint64 now = m_output->bytesWritten(); now != progress) {
                progress = now;
                stalled.setRemainingTime(stallMs);
            } else if (stalled.hasExpired()) {
                break;
            }
        }
        if (!m_thread->isFinished()) {
            // The output takes nothing, or not in time: abandon it, and wake the write(2)
            // that blocks. Repeated, in case it lands just before the call.
            m_output->abandon();
            for (int i = 0; i < 40 && !m_thread->wait(QDeadlineTimer(25)); ++i)
                interruptWriter();
        }
        if (m_thread->isFinished()) {
            // QThread::wait() joins through Qt's own futex, which ThreadSanitizer
            // cannot see. The writer's last act is to set m_writerDone under
            // m_queueMutex, so taking that lock once orders everything the writer
            // did before this thread destroys the queues.
            {
                std::lock_guard lock(m_queueMutex);
                Q_ASSERT(m_writerDone);
            }
            m_thread.reset();
        } else {
            // Never happens short of a kernel that ignores signals; a running
            // QThread must not be destroyed, and the process is ending anyway.
            m_outputFailed = true;
            (void)m_thread.release();
        }
    }
    return !m_outputFailed.load();
}

qsizetype CliEventWriter::frameBytes()
{
    std::lock_guard lock(m_queueMutex);
    qsizetype bytes = m_filling ? m_filling->capacity() : 0;
    for (const auto &frame : m_free)
        bytes += frame->capacity();
    for (const auto &frame : m_full)
        bytes += frame->capacity();
    return bytes;
}

QString CliEventWriter::errorString() const
{
    return m_writer->errorString();
}

void CliEventWriter::applyCounters(const QHash<StreamId, SubscriptionCounters> &counters)
{
    std::lock_guard lock(m_stateMutex);
    if (!m_measurer)
        return;
    for (auto it = counters.cbegin(); it != counters.cend(); ++it)
        m_measurer->applyCounters(it.key(), it.value());
}

void CliEventWriter::withStats(
    const std::function<void(CaptureStats *, const QList<PairStats> &)> &f)
{
    std::lock_guard lock(m_stateMutex);
    QList<PairStats> pairs;
    CaptureStats *stats = nullptr;
    if (m_measurer) {
        const auto &routes = m_measurer->routes();
        for (size_t i = 0; i < routes.size(); ++i)
            pairs.append(PairStats { routes[i]->streamA(), routes[i]->streamB(), routes[i].get(),
                &m_measurer->routeDelays(i) });
        if (m_settings.keepStats)
            stats = &m_measurer->stats();
    }
    f(stats, pairs);
}

void CliEventWriter::withMeasurer(const std::function<void(CaptureMeasurer *)> &f)
{
    std::lock_guard lock(m_stateMutex);
    if (m_measurer)
        m_measurer->flush();
    f(m_measurer.get());
}

} // namespace ssescope::cli
