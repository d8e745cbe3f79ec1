#include "CliEventWriter.h"

namespace ssescope::cli {

CliEventWriter::CliEventWriter(Settings settings, QIODevice *output)
    : m_settings(std::move(settings))
    , m_writer(CaptureWriter::create(m_settings.format, output))
{
    if (m_settings.keepStats)
        m_stats = std::make_unique<CaptureStats>();
}

CliEventWriter::~CliEventWriter() = default;

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

void CliEventWriter::configure(const std::function<void()> &setUp)
{
    QMutexLocker lock(&m_mutex);
    setUp();
}

void CliEventWriter::lockForRead()
{
    if (!m_lockedByReader) {
        m_mutex.lock();
        m_lockedByReader = true;
    }
}

void CliEventWriter::consumeEvent(const SseEventView &event)
{
    lockForRead();
    if (m_stopped)
        return;
    std::optional<double> latency;
    if (LatencyExtractor *extractor = m_latency.value(event.stream).get()) {
        latency = extractor->latencyMs(event.id, event.data, event.arrivalWallNs);
        if (!latency && m_stats)
            m_stats->recordLatencyMiss(event.stream);
    }
    if (m_stats)
        m_stats->recordEvent(
            event.stream, event.arrivalSteadyNs, event.wireBytes, event.chunkIndex, latency);
    for (const auto &pair : m_pairs) {
        if (event.stream != pair->matcher.streamA() && event.stream != pair->matcher.streamB())
            continue;
        const auto delay = pair->matcher.offer(
            event.stream, event.id.toByteArray(), event.data.toByteArray(), event.arrivalSteadyNs);
        if (delay)
            pair->delays.recordEvent(event.arrivalSteadyNs, 0, event.chunkIndex, delay);
    }
    m_writer->write(CaptureRecordView { CaptureRecordView::Kind::Event, m_names.value(event.stream),
        event.seq, event.id, event.type, event.data, event.arrivalWallNs, event.arrivalSteadyNs,
        event.chunkIndex, event.wireBytes, latency });
    const qint64 written = ++m_written;
    if (m_settings.maxEvents > 0 && written >= m_settings.maxEvents) {
        m_stopped = true;
        if (m_stopRequest)
            m_stopRequest();
    }
}

void CliEventWriter::consumeComment(StreamId stream, QByteArrayView text, const ChunkStamp &stamp)
{
    lockForRead();
    if (m_stopped)
        return;
    if (m_stats)
        m_stats->recordComment(stream, stamp.steadyNs);
    if (!m_settings.comments)
        return;
    CaptureRecordView record;
    record.kind = CaptureRecordView::Kind::Comment;
    record.stream = m_names.value(stream);
    record.data = text;
    record.receivedWallNs = stamp.wallNs;
    record.monoNs = stamp.steadyNs;
    m_writer->write(record);
}

void CliEventWriter::endOfRead()
{
    if (!m_lockedByReader)
        return;
    // Written at once, so that a pipe reader sees events live; a slow output
    // blocks this thread, and TCP pushes back on the server.
    if (!m_writer->flush() && !m_outputFailed.exchange(true)) {
        m_stopped = true;
        if (m_stopRequest)
            m_stopRequest();
    }
    m_lockedByReader = false;
    m_mutex.unlock();
}

bool CliEventWriter::flush()
{
    QMutexLocker lock(&m_mutex);
    m_stopped = true;
    const bool ok = m_writer->flush();
    if (!ok)
        m_outputFailed = true;
    return ok;
}

QString CliEventWriter::errorString() const
{
    return m_writer->errorString();
}

void CliEventWriter::withStats(
    const std::function<void(CaptureStats *, const QList<PairStats> &)> &f)
{
    QMutexLocker lock(&m_mutex);
    QList<PairStats> pairs;
    for (const auto &pair : m_pairs)
        pairs.append(PairStats {
            pair->matcher.streamA(), pair->matcher.streamB(), &pair->matcher, &pair->delays });
    f(m_stats.get(), pairs);
}

} // namespace ssescope::cli
