// Until the dashboard lands, "ssescope" is the embedded demo server plus a
// console subscription that prints its live events.
#include "common/ProcessLimits.h"
#include "demo/DemoServerThread.h"
#include "demo/DemoStreams.h"
#include "net/StreamManager.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace ssescope;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ssescope"_s);
    raiseOpenFileLimit();

    demo::DemoServerThread server;
    if (!server.start()) {
        std::fprintf(stderr, "ssescope: cannot start the demo server: %s\n",
            qPrintable(server.errorString()));
        return 1;
    }
    std::fprintf(
        stderr, "ssescope: demo server on %s\n", qPrintable(server.url(u"/"_s).toString()));

    StreamManager manager;
    QHash<StreamId, QString> names;
    for (const demo::DemoStreamInfo &info : demo::demoStreams()) {
        SubscriptionConfig config;
        config.name = QString::fromLatin1(info.name);
        config.url = server.url(QString::fromLatin1(info.path));
        names.insert(manager.addSubscription(config), config.name);
    }
    QObject::connect(&manager, &StreamManager::statusChanged, &app,
        [&names](StreamId id, const SubscriptionStatus &status) {
            std::fprintf(stderr, "[%s] %s: %s\n", qPrintable(names.value(id)),
                qPrintable(stateName(status.state)), qPrintable(status.message));
        });
    QObject::connect(
        &manager, &StreamManager::eventsReceived, &app, [&names](const EventBatchPtr &batch) {
            for (qsizetype i = 0; i < batch->eventCount(); ++i) {
                const SseEventView event = batch->event(i);
                std::printf("%-7s #%-5.*s %-8.*s %.*s\n", qPrintable(names.value(event.stream)),
                    int(event.id.size()), event.id.data(), int(event.type.size()),
                    event.type.data(), int(std::min<qsizetype>(event.data.size(), 100)),
                    event.data.data());
            }
            std::fflush(stdout);
        });
    return app.exec();
}
