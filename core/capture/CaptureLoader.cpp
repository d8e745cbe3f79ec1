#include "CaptureLoader.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>

namespace ssescope {

namespace {
constexpr int kBatchesInFlight = 4;
} // namespace

CaptureLoader::CaptureLoader(QObject *parent)
    : QObject(parent)
{
}

CaptureLoader::~CaptureLoader()
{
    stopWorker();
}

void CaptureLoader::stopWorker()
{
    if (!m_worker.joinable())
        return;
    m_cancel = true;
    m_slots.release(kBatchesInFlight); // a reader waiting for room wakes and sees the cancel
    m_worker.join();
}

void CaptureLoader::cancel()
{
    stopWorker();
}

void CaptureLoader::start(const QString &path, CaptureFormat format, StreamId firstStream)
{
    stopWorker();
    m_cancel = false;
    m_done = false;
    m_slots.acquire(m_slots.available());
    m_slots.release(kBatchesInFlight);
    m_worker = std::thread([this, path, format, firstStream] { run(path, format, firstStream); });
}

void CaptureLoader::run(const QString &path, CaptureFormat format, StreamId firstStream)
{
    QFile file(path);
    const auto post = [this](auto &&function) {
        QMetaObject::invokeMethod(this, std::forward<decltype(function)>(function), Qt::QueuedConnection);
    };
    if (!file.open(QIODevice::ReadOnly)) {
        const QString message = tr("Cannot open %1: %2").arg(path, file.errorString());
        m_done = true;
        post([this, message] { Q_EMIT finished(false, 0, message); });
        return;
    }
    const qint64 total = file.size();
    QHash<QByteArray, StreamId> ids;
    QHash<StreamId, EventBatch::SharedTexts> texts;
    StreamId next = firstStream;
    auto batch = std::make_shared<EventBatch>();
    QHash<StreamId, QString> newStreams;
    qint64 events = 0;
    qint64 errors = 0;
    CaptureReadError firstError;
    QString fatal;

    const auto flush = [&]() {
        if (batch->eventCount() == 0 && newStreams.isEmpty())
            return;
        // Wait for room: the window sets the pace, memory stays bounded.
        m_slots.acquire();
        if (m_cancel)
            return;
        const qint64 at = file.pos();
        post([this, b = std::move(batch), names = std::move(newStreams), at, total] {
            Q_EMIT batchRead(b, names);
            Q_EMIT progress(at, total);
        });
        batch = std::make_shared<EventBatch>();
        newStreams.clear();
    };
    const auto onRecord = [&](CaptureRecord &&record) {
        if (m_cancel || record.kind != CaptureRecordView::Kind::Event)
            return;
        auto id = ids.find(record.stream);
        if (id == ids.end()) {
            id = ids.insert(record.stream, next++);
            newStreams.insert(*id, QString::fromUtf8(record.stream));
        }
        SseEventView view;
        view.stream = *id;
        view.seq = record.seq;
        view.id = record.id;
        view.type = record.type;
        view.data = record.data;
        view.arrivalSteadyNs = record.monoNs;
        view.arrivalWallNs = record.receivedWallNs;
        view.chunkIndex = record.chunk;
        view.wireBytes = record.bytes;
        batch->append(view, texts[*id], record.latencyMs);
        ++events;
        if (batch->eventCount() >= kBatchEvents)
            flush();
    };
    const auto onError = [&](const CaptureReadError &error) {
        if (errors++ == 0)
            firstError = error;
    };
    readCapture(format, &file, onRecord, onError, &fatal);
    if (!m_cancel)
        flush();
    m_done = true;
    if (m_cancel)
        return;
    QString message;
    bool ok = true;
    if (!fatal.isEmpty()) {
        message = tr("%1: %2").arg(path, fatal);
        ok = events > 0;
    } else if (events == 0 && errors > 0) {
        // Nothing but corrupt records: this is not a capture at all.
        ok = false;
        message = tr("%1 is not a capture in this format: no record could be read.").arg(path);
    } else {
        message = tr("Opened %1: %n event(s).", nullptr, int(std::min<qint64>(events, INT_MAX))).arg(path);
    }
    if (errors > 0)
        message += u' '
            + tr("%n corrupt record(s) skipped; the first is on line %1: %2", nullptr,
                int(std::min<qint64>(errors, INT_MAX)))
                  .arg(firstError.line)
                  .arg(firstError.message);
    post([this, ok, events, message] { Q_EMIT finished(ok, events, message); });
}

} // namespace ssescope
