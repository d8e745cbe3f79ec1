// What a live stream costs: opens N streams against a demo server running as
// a separate process (so only the client is measured) and reports threads and
// resident memory per stream. Prints BENCH lines.
//   bench_streams [--smoke] [--server PATH]
#include "core/common/ProcessLimits.h"
#include "core/net/StreamManager.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <cstdio>

using namespace ssescope;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(u"--smoke"_s);
    const int streams = smoke ? 50 : 1000;
    QString serverPath
        = QCoreApplication::applicationDirPath() + u"/../../app/ssescope-demo-server"_s;
    if (const qsizetype at = args.indexOf(u"--server"_s); at >= 0 && at + 1 < args.size())
        serverPath = args.at(at + 1);
    raiseOpenFileLimit();

    QProcess server;
    server.start(serverPath, { u"--port"_s, u"0"_s });
    if (!server.waitForStarted(5000) || !server.waitForReadyRead(5000)) {
        std::fprintf(stderr, "bench_streams: cannot start %s\n", qPrintable(serverPath));
        return 1;
    }
    const int port = server.readLine().trimmed().toInt();

    const long rssBefore = processStatusField("VmRSS");
    const long threadsBefore = processStatusField("Threads");
    int exitCode = 0;
    {
        StreamManager manager;
        QList<StreamId> ids;
        QHash<StreamId, int> events;
        QObject::connect(
            &manager, &StreamManager::eventsReceived, &app, [&](const EventBatchPtr &batch) {
                for (qsizetype i = 0; i < batch->eventCount(); ++i)
                    ++events[batch->event(i).stream];
            });
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < streams; ++i) {
            SubscriptionConfig config;
            config.url = QUrl(u"http://127.0.0.1:%1/clock?rate=2"_s.arg(port));
            ids.append(manager.addSubscription(config));
        }
        qint64 allLiveMs = -1;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &app, [&] {
            if (allLiveMs < 0 && events.size() == streams)
                allLiveMs = timer.elapsed();
            if (allLiveMs >= 0 && timer.elapsed() > allLiveMs + 2000)
                app.quit(); // settle, then measure
            if (timer.elapsed() > 120000)
                app.quit();
        });
        poll.start(50);
        app.exec();
        if (allLiveMs < 0) {
            std::fprintf(stderr, "bench_streams: only %lld of %d streams went live\n",
                static_cast<long long>(events.size()), streams);
            exitCode = 1;
        }
        const long rss = processStatusField("VmRSS");
        const long threads = processStatusField("Threads");
        std::printf("BENCH streams_live %d streams\n", int(events.size()));
        std::printf("BENCH streams_all_live_ms %lld ms\n", static_cast<long long>(allLiveMs));
        std::printf("BENCH streams_network_managers %d managers\n", manager.networkManagerCount());
        std::printf("BENCH streams_threads %ld threads\n", threads - threadsBefore);
        std::printf("BENCH streams_rss_total %.1f MB\n", double(rss - rssBefore) / 1024.0);
        std::printf("BENCH streams_rss_per_stream %.1f KB\n", double(rss - rssBefore) / streams);
    }
    server.terminate();
    server.waitForFinished(3000);
    return exitCode;
}
