#include "CliEventWriter.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace ssescope::cli {

namespace {

constexpr int kFrames = 8;
constexpr qsizetype kFrameBytes = 256 * 1024;

// One record of a frame, followed by its id, type and data bytes.
struct RecordHeader
{
    quint32 kind; // 0 event, 1 comment
    StreamId stream;
    quint64 seq;
    qint64 steadyNs;
    qint64 wallNs;
    quint64 chunk;
    quint64 wireBytes;
    quint32 idLength;
    quint32 typeLength;
    quint32 dataLength;
};

void appendRecord(ByteBuffer &frame, const RecordHeader &header, QByteArrayView id,
    QByteArrayView type, QByteArrayView data)
{
    frame.append(reinterpret_cast<const char *>(&header), sizeof header);
    frame.append(id);
    frame.append(type);
    frame.append(data);
}

} // namespace

CliEventWriter::CliEventWriter(Settings settings, QIODevice *output)
    : m_settings(std::move(settings))
    , m_writer(CaptureWriter::create(m_settings.format, output))
{
    if (m_settings.keepStats)
        m_stats = std::make_unique<CaptureStats>();
    for (int i = 0; i < kFrames; ++i)
        m_free.push_back(std::make_unique<ByteBuffer>(kFrameBytes));
    m_thread.reset(QThread::create([this] { writerLoop(); }));
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
    m_names.insert(stream, name);
    if (m_settings.latency.isEnabled())
        m_latency.insert(stream, std::make_shared<LatencyExtractor>(m_settings.latency));
}

void CliEventWriter::addPair(StreamId a, StreamId b)
{
    m_pairs.push_back(std::make_unique<Pair>(Pair { RouteMatcher(a, b), StreamStats() }));
}

void CliEventWriter::requestStop()
{
    if (!m_stopped.exchange(true) && m_stopRequest)
        m_stopRequest();
}

ByteBuffer *CliEventWriter::frameToFill()
{
    if (!m_filling) {
        std::unique_lock lock(m_queueMutex);
        m_queueChanged.wait(lock, [this] { return !m_free.empty() || m_closing; });
        if (m_free.empty())
            return nullptr;
        m_filling = std::move(m_free.back());
        m_free.pop_back();
    }
    return m_filling.get();
}

void CliEventWriter::consumeEvent(const SseEventView &event)
{
    if (m_stopped.load(std::memory_order_relaxed))
        return;
    ByteBuffer *frame = frameToFill();
    if (!frame)
        return;
    const RecordHeader header { 0, event.stream, event.seq, event.arrivalSteadyNs,
        event.arrivalWallNs, event.chunkIndex, event.wireBytes, quint32(event.id.size()),
        quint32(event.type.size()), quint32(event.data.size()) };
    appendRecord(*frame, header, event.id, event.type, event.data);
    if (m_settings.maxEvents > 0 && ++m_accepted >= m_settings.maxEvents) {
        endOfRead(); // the last events go out before the stop
        requestStop();
    }
}

void CliEventWriter::consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp)
{
    if (m_stopped.load(std::memory_order_relaxed))
        return;
    if (!m_settings.comments && !m_stats)
        return;
    ByteBuffer *frame = frameToFill();
    if (!frame)
        return;
    const RecordHeader header { 1, stream, 0, stamp.steadyNs, stamp.wallNs, 0, 0, 0, 0,
        quint32(text.size()) };
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
        writeFrame(*frame);
        frame->clear();
        {
            std::lock_guard lock(m_queueMutex);
            m_free.push_back(std::move(frame));
        }
        m_queueChanged.notify_all();
    }
    if (!m_outputFailed.load() && !m_writer->flush())
        m_outputFailed = true;
}

void CliEventWriter::writeFrame(const ByteBuffer &frame)
{
    std::lock_guard lock(m_stateMutex);
    const char *p = frame.data();
    const char *end = p + frame.size();
    while (p < end && !m_outputFailed.load(std::memory_order_relaxed)) {
        RecordHeader h;
        std::memcpy(&h, p, sizeof h);
        p += sizeof h;
        const QByteArrayView id(p, h.idLength);
        const QByteArrayView type(p + h.idLength, h.typeLength);
        const QByteArrayView data(p + h.idLength + h.typeLength, h.dataLength);
        p += h.idLength + h.typeLength + h.dataLength;
        if (h.kind == 1) {
            if (m_stats)
                m_stats->recordComment(h.stream, h.steadyNs);
            if (m_settings.comments) {
                CaptureRecordView record;
                record.kind = CaptureRecordView::Kind::Comment;
                record.stream = m_names.value(h.stream);
                record.data = data;
                record.receivedWallNs = h.wallNs;
                record.monoNs = h.steadyNs;
                m_writer->write(record);
            }
            continue;
        }
        std::optional<double> latency;
        if (LatencyExtractor *extractor = m_latency.value(h.stream).get()) {
            latency = extractor->latencyMs(id, data, h.wallNs);
            if (!latency && m_stats)
                m_stats->recordLatencyMiss(h.stream);
        }
        if (m_stats)
            m_stats->recordEvent(h.stream, h.steadyNs, h.wireBytes, h.chunk, latency);
        for (const auto &pair : m_pairs) {
            if (h.stream != pair->matcher.streamA() && h.stream != pair->matcher.streamB())
                continue;
            const auto delay
                = pair->matcher.offer(h.stream, id.toByteArray(), data.toByteArray(), h.steadyNs);
            if (delay)
                pair->delays.recordEvent(h.steadyNs, 0, h.chunk, delay);
        }
        m_writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, m_names.value(h.stream),
            h.seq, id, type, data, h.wallNs, h.steadyNs, h.chunk, h.wireBytes, latency });
        ++m_written;
    }
    if (!m_outputFailed.load() && !m_writer->flush()) {
        m_outputFailed = true;
        requestStop();
    }
}

bool CliEventWriter::flush()
{
    if (m_thread) {
        endOfRead(); // whatever the network thread left in its frame
        {
            std::lock_guard lock(m_queueMutex);
            m_closing = true;
        }
        m_queueChanged.notify_all();
        m_thread->wait();
        m_thread.reset();
        m_stopped = true;
    }
    return !m_outputFailed.load();
}

QString CliEventWriter::errorString() const
{
    return m_writer->errorString();
}

void CliEventWriter::withStats(
    const std::function<void(CaptureStats *, const QList<PairStats> &)> &f)
{
    std::lock_guard lock(m_stateMutex);
    QList<PairStats> pairs;
    for (const auto &pair : m_pairs)
        pairs.append(PairStats {
            pair->matcher.streamA(), pair->matcher.streamB(), &pair->matcher, &pair->delays });
    f(m_stats.get(), pairs);
}

} // namespace ssescope::cli
