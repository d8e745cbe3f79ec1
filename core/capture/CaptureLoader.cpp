#include "CaptureLoader.h"

#include "core/capture/CaptureIO.h"

#include <QCoreApplication>
#include <QFile>

#include <climits>

namespace ssescope {

namespace {
constexpr int kBatchesInFlight = 4;
} // namespace

CaptureLoader::CaptureLoader(QObject *parent)
    : QObject(parent)
    , m_task(new BackgroundTask(this))
{ }

CaptureLoader::~CaptureLoader()
{
    cancel();
}

bool CaptureLoader::isRunning() const
{
    return m_task->isRunning() && !m_reported;
}

void CaptureLoader::cancel()
{
    m_task->requestCancel();
    m_slots.release(kBatchesInFlight); // a reader waiting for room wakes and sees the cancel
    m_task->waitForFinished();
}

void CaptureLoader::start(const QString &path, CaptureFormat format, StreamId firstStream)
{
    cancel();
    m_reported = false;
    m_slots.acquire(m_slots.available());
    m_slots.release(kBatchesInFlight);
    m_task->start([this, path, format, firstStream](BackgroundTask::Context &context) {
        run(context, path, format, firstStream);
    });
}

void CaptureLoader::run(BackgroundTask::Context &context, const QString &path, CaptureFormat format,
    StreamId firstStream)
{
    const auto report = [this, &context](bool ok, qint64 events, const QString &message) {
        context.post([this, ok, events, message] {
            m_reported = true;
            Q_EMIT finished(ok, events, message);
        });
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report(false, 0, tr("Cannot open %1: %2").arg(path, file.errorString()));
        return;
    }
    const qint64 total = file.size();
    CaptureStreams streams;
    streams.next = firstStream;
    QHash<StreamId, EventBatch::SharedTexts> texts;
    auto batch = std::make_shared<EventBatch>();
    QHash<StreamId, QString> newStreams;
    qint64 errors = 0;
    CaptureReadError firstError;

    const auto flush = [&]() {
        if (batch->eventCount() == 0 && newStreams.isEmpty())
            return;
        // Wait for room: the window sets the pace, memory stays bounded.
        m_slots.acquire();
        if (context.isCanceled())
            return;
        const qint64 at = file.pos();
        context.post([this, b = std::move(batch), names = std::move(newStreams), at, total] {
            Q_EMIT batchRead(b, names);
            Q_EMIT progress(at, total);
        });
        batch = std::make_shared<EventBatch>();
        newStreams.clear();
    };
    const auto onEvent
        = [&](const SseEventView &event, std::optional<double> latencyMs, const QByteArray &) {
              if (context.isCanceled())
                  return;
              batch->append(event, texts[event.stream], latencyMs);
              if (batch->eventCount() >= kBatchEvents)
                  flush();
          };
    const auto onNewStream = [&](StreamId stream, const QString &name) {
        newStreams.insert(stream, name);
    };
    const auto onError = [&](const CaptureReadError &error) {
        if (errors++ == 0)
            firstError = error;
    };
    const ImportResult read = readCaptureEvents(format, &file, streams, onEvent, onNewStream,
        onError, [&context] { return context.isCanceled(); });
    if (context.isCanceled())
        return;
    flush();
    const qint64 events = read.events;
    QString message;
    bool ok = true;
    if (!read.fatalError.isEmpty()) {
        message = tr("%1: %2").arg(path, read.fatalError);
        ok = events > 0;
    } else if (events == 0 && errors > 0) {
        // Nothing but corrupt records: this is not a capture at all.
        ok = false;
        message = tr("%1 is not a capture in this format: no record could be read.").arg(path);
    } else {
        message = tr("Opened %1: %n event(s).", nullptr, int(std::min<qint64>(events, INT_MAX)))
                      .arg(path);
    }
    if (errors > 0)
        message += u' '
            + tr("%n corrupt record(s) skipped; the first is on line %1: %2", nullptr,
                int(std::min<qint64>(errors, INT_MAX)))
                  .arg(firstError.line)
                  .arg(firstError.message);
    report(ok, events, message);
}

} // namespace ssescope
