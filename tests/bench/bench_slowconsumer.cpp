// A consumer ten times slower than a fast stream: the batcher's bound stops
// the subscription reading, TCP pushes back on the demo server (a separate
// process), memory stays flat and no event is lost. Prints BENCH lines.
//   bench_slowconsumer [--smoke] [--server PATH]
#include "core/common/ProcessLimits.h"
#include "core/net/StreamManager.h"
#include "core/pipeline/CapturePipeline.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace ssescope;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    qint64 received = 0;
    bool inOrder = true;
    double seconds = 0;
    long rssKb[4] = {}; // at 25, 50, 75 and 100% of the run
};

// Streams count events from /ticker at full speed into a pipeline whose
// consumer takes at most consumerRate events a second (0 = as fast as it can).
Outcome run(int port, qint64 count, double consumerRate, int timeoutMs)
{
    Outcome out;
    StreamManager manager;
    // A capped store, so that what is measured is the queue, not the capture.
    CapturePipeline pipeline(EventStoreLimits { EventStore::kSegmentEvents, 8 * 1024 * 1024 });
    QElapsedTimer clock;
    int nextMark = 0;
    QObject::connect(
        &manager, &StreamManager::eventsReceived, &pipeline, [&](const EventBatchPtr &batch) {
            batch->forEachEvent([&](const SseEventView &event, auto, auto) {
                out.inOrder = out.inOrder && event.id == QByteArray::number(out.received + 1);
                ++out.received;
            });
            pipeline.ingest(*batch);
            while (nextMark < 4 && out.received * 4 >= count * (nextMark + 1))
                out.rssKb[nextMark++] = processStatusField("VmRSS");
            if (consumerRate > 0) { // the slow consumer's work
                const qint64 dueMs = qint64(double(out.received) / consumerRate * 1000);
                if (dueMs > clock.elapsed())
                    QThread::msleep(quint64(dueMs - clock.elapsed()));
            }
            if (out.received >= count)
                QCoreApplication::quit();
        });
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &pipeline, [] { QCoreApplication::quit(); });
    limit.start(timeoutMs);
    SubscriptionConfig config;
    config.url = QUrl(u"http://127.0.0.1:%1/ticker?rate=0&count=%2"_s.arg(port).arg(count));
    clock.start();
    manager.addSubscription(config);
    QCoreApplication::exec();
    out.seconds = double(clock.elapsed()) / 1000;
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(u"--smoke"_s);
    QString serverPath
        = QCoreApplication::applicationDirPath() + u"/../../app/ssescope-demo-server"_s;
    if (const qsizetype at = args.indexOf(u"--server"_s); at >= 0 && at + 1 < args.size())
        serverPath = args.at(at + 1);

    QProcess server;
    server.start(serverPath, { u"--port"_s, u"0"_s });
    if (!server.waitForStarted(5000) || !server.waitForReadyRead(5000)) {
        std::fprintf(stderr, "bench_slowconsumer: cannot start %s\n", qPrintable(serverPath));
        return 1;
    }
    const int port = server.readLine().trimmed().toInt();

    // First the stream's own pace, with a consumer that keeps up.
    const qint64 probeCount = smoke ? 5000 : 300'000;
    const Outcome probe = run(port, probeCount, 0, 60000);
    if (probe.received != probeCount || !probe.inOrder) {
        std::fprintf(stderr, "bench_slowconsumer: probe got %lld of %lld\n",
            static_cast<long long>(probe.received), static_cast<long long>(probeCount));
        return 1;
    }
    const double streamRate = double(probe.received) / probe.seconds;
    // Then a consumer ten times too slow, for about ten seconds (bounded).
    const double consumerRate = streamRate / 10;
    const qint64 count
        = smoke ? 5000 : std::clamp<qint64>(qint64(consumerRate * 10), 50'000, 2'000'000);
    const Outcome slow = run(port, count, consumerRate, smoke ? 30000 : 120000);
    server.kill();
    server.waitForFinished(5000);

    std::printf("BENCH slow_consumer_stream_rate %.0f events/s\n", streamRate);
    std::printf(
        "BENCH slow_consumer_consumer_rate %.0f events/s\n", double(slow.received) / slow.seconds);
    const char *marks[] = { "25", "50", "75", "100" };
    for (int i = 0; i < 4; ++i)
        std::printf("BENCH slow_consumer_rss_%s %.1f MB\n", marks[i], double(slow.rssKb[i]) / 1024);
    std::printf(
        "BENCH slow_consumer_peak_rss %.1f MB\n", double(processStatusField("VmHWM")) / 1024);
    std::printf(
        "BENCH slow_consumer_lost %lld events\n", static_cast<long long>(count - slow.received));
    if (slow.received != count || !slow.inOrder) {
        std::fprintf(stderr, "bench_slowconsumer: received %lld of %lld (in order: %d)\n",
            static_cast<long long>(slow.received), static_cast<long long>(count), slow.inOrder);
        return 1;
    }
    return 0;
}
