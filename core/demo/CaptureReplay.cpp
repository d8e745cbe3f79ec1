#include "CaptureReplay.h"

#include "core/capture/CaptureIO.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ssescope::demo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CaptureReplay", text);
}

// An event as the capture holds it, before its stream is laid out.
struct ReadEvent
{
    QByteArray id;
    QByteArray type;
    QByteArray data;
    qint64 monoNs = 0;
    qint64 wallNs = 0;
    quint64 chunk = 0;
};

// The event as a server sends it. The id goes out where it changed (the
// capture holds the last event ID, which persists over events without one),
// an empty one as "id" alone, which clears it as it did when received.
QByteArray render(const ReadEvent &event, const QByteArray &previousId, bool first)
{
    QByteArray text;
    if (event.id != previousId || (first && !event.id.isEmpty()))
        text += event.id.isEmpty() ? QByteArray("id\n") : "id: " + event.id + '\n';
    if (!event.type.isEmpty() && event.type != "message")
        text += "event: " + event.type + '\n';
    // An empty data is one empty data line: the event is still dispatched.
    for (const QByteArray &line : event.data.split('\n'))
        text += "data: " + line + '\n';
    text += '\n';
    return text;
}

// "/" + the name, percent-encoded. "", "." and ".." have no such path: "/" is
// the index, and every client resolves "/." and "/.." to it. Such a stream is
// served as /stream-N (N its place in the capture), or a longer name that no
// stream of the capture has.
QByteArray pathFor(const QList<QString> &names, qsizetype index)
{
    const QString &name = names.at(index);
    if (!name.isEmpty() && name != u"." && name != u"..")
        return '/' + QUrl::toPercentEncoding(name);
    QString stand = u"stream-%1"_s.arg(index + 1);
    while (names.contains(stand))
        stand += u"-unnamed"_s;
    return '/' + QUrl::toPercentEncoding(stand);
}

} // namespace

qsizetype CaptureReplay::Stream::resumeAfter(const QByteArray &lastEventId) const
{
    if (lastEventId.isEmpty())
        return 0;
    const qsizetype setBy = idSetBy.value(lastEventId, -1);
    return setBy < 0 ? 0 : setBy + 1;
}

bool CaptureReplay::Stream::hasEnded(const QByteArray &lastEventId) const
{
    return !lastEventId.isEmpty() && (lastEventId == endId || lastEventId == endMarker);
}

bool CaptureReplay::Stream::idsUnique() const
{
    return !idSetBy.isEmpty()
        && std::none_of(idSetBy.cbegin(), idSetBy.cend(), [](qsizetype at) { return at < 0; });
}

qint64 CaptureReplay::Stream::durationNs() const
{
    return writes.empty() ? 0 : writes.back().offsetNs - writes.front().offsetNs;
}

const CaptureReplay::Stream *CaptureReplay::streamForPath(const QByteArray &path) const
{
    if (!path.startsWith('/'))
        return nullptr;
    // Any spelling of the name's encoding (lower-case hex, an unencoded
    // character) finds it.
    const QByteArray name = QByteArray::fromPercentEncoding(path.mid(1));
    for (const Stream &stream : m_streams) {
        if (QByteArray::fromPercentEncoding(stream.path.mid(1)) == name)
            return &stream;
    }
    return nullptr;
}

std::shared_ptr<const CaptureReplay> CaptureReplay::load(
    const QString &path, QString *error, const std::function<bool()> &cancelled)
{
    const auto format = captureFormatFromPath(path);
    if (!format) {
        *error = tr("%1 is not a capture: use .jsonl, .csv or .sse.").arg(path);
        return nullptr;
    }
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = tr("%1 is not a regular file, so it cannot be a capture.").arg(path);
        return nullptr;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return nullptr;
    }

    auto replay = std::make_shared<CaptureReplay>();
    replay->m_path = path;
    std::vector<std::vector<ReadEvent>> read; // by stream, in order of first appearance
    QList<QString> names;
    CaptureStreams streams;
    const ImportResult result = readCaptureEvents(
        *format, &file, streams,
        [&](const SseEventView &event, std::optional<double>, const QByteArray &id) {
            read[std::size_t(event.stream - 1)].push_back(
                { id, event.type.toByteArray(), event.data.toByteArray(), event.arrivalSteadyNs,
                    event.arrivalWallNs, event.chunkIndex });
        },
        [&](StreamId, const QString &name) {
            read.emplace_back();
            names.append(name);
        },
        [&](const CaptureReadError &readError) {
            if (replay->m_skipped++ == 0)
                replay->m_firstSkipReason
                    = tr("line %1: %2").arg(readError.line).arg(readError.message);
        },
        cancelled);
    if (result.cancelled) {
        *error = tr("Reading %1 was cancelled.").arg(path);
        return nullptr;
    }
    if (!result.fatalError.isEmpty()) {
        *error = tr("Cannot read %1: %2").arg(path, result.fatalError);
        return nullptr;
    }
    if (result.events == 0) {
        *error = replay->m_skipped > 0
            ? tr("%1 holds no event that could be read (%2).").arg(path, replay->m_firstSkipReason)
            : tr("%1 holds no events.").arg(path);
        return nullptr;
    }

    // One clock for the whole capture, so that streams recorded side by side
    // replay side by side: the steady one where every event has it, else the
    // wall clock (a foreign capture), else none (all at once).
    bool allMono = true;
    bool allWall = true;
    for (const auto &events : read) {
        for (const ReadEvent &event : events) {
            allMono = allMono && event.monoNs != 0;
            allWall = allWall && event.wallNs != 0;
        }
    }
    const auto timeOf = [&](const ReadEvent &event) {
        return allMono ? event.monoNs : allWall ? event.wallNs : 0;
    };
    qint64 origin = std::numeric_limits<qint64>::max();
    for (const auto &events : read) {
        for (const ReadEvent &event : events)
            origin = std::min(origin, timeOf(event));
    }

    replay->m_events = result.events;
    replay->m_streams.reserve(read.size());
    for (std::size_t s = 0; s < read.size(); ++s) {
        Stream stream;
        stream.name = names.at(qsizetype(s));
        stream.path = pathFor(names, qsizetype(s));
        const std::vector<ReadEvent> &events = read[s];
        stream.events.reserve(events.size());
        stream.writeOf.reserve(events.size());
        QByteArray previousId;
        qint64 previousOffset = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            const ReadEvent &event = events[i];
            const auto index = qsizetype(i);
            // A clock that went back (captures joined together) gives no gap.
            const qint64 offset = std::max(previousOffset, timeOf(event) - origin);
            // Events of one read share its chunk index and its stamp; chunk 0
            // is a capture that did not say (each event its own write).
            const bool sameRead = i > 0 && event.chunk != 0 && event.chunk == events[i - 1].chunk
                && timeOf(event) == timeOf(events[i - 1]);
            if (sameRead)
                stream.writes.back().endEvent = index + 1;
            else
                stream.writes.push_back({ offset, index, index + 1 });
            stream.writeOf.push_back(qsizetype(stream.writes.size()) - 1);
            stream.events.push_back(render(event, previousId, i == 0));
            if (!event.id.isEmpty() && (i == 0 || event.id != previousId)) {
                const auto known = stream.idSetBy.constFind(event.id);
                stream.idSetBy.insert(event.id, known == stream.idSetBy.cend() ? index : -1);
            }
            previousId = event.id;
            previousOffset = offset;
        }
        stream.endId = events.back().id;
        const qsizetype endSetBy = stream.idSetBy.value(stream.endId, -1);
        if (stream.endId.isEmpty() || endSetBy != qsizetype(events.size()) - 1) {
            stream.endMarker = "ssescope-replay-end";
            while (stream.idSetBy.contains(stream.endMarker))
                stream.endMarker += '-';
        }
        replay->m_streams.push_back(std::move(stream));
    }
    return replay;
}

} // namespace ssescope::demo
