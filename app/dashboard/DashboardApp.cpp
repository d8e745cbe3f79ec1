#include "DashboardApp.h"

#include "app/dashboard/DashboardOptions.h"
#include "app/dashboard/EnglishPlurals.h"
#include "core/common/ProcessLimits.h"
#include "app/dashboard/CaptureReplayHost.h"
#include "core/demo/DemoServerThread.h"
#include "ui/session/DashboardSession.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QTimer>

#include <algorithm>
#include <optional>

#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cstdlib>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ssescope::ui {

void prepareDashboardProcess()
{
    raiseOpenFileLimit();
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 2);
#endif
}

const char *missingDisplayReason()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const char *platform = std::getenv("QT_QPA_PLATFORM");
    const bool hasX = std::getenv("DISPLAY") && *std::getenv("DISPLAY");
    const bool hasWayland = std::getenv("WAYLAND_DISPLAY") && *std::getenv("WAYLAND_DISPLAY");
    if (platform && *platform) {
        if (std::strncmp(platform, "xcb", 3) == 0 && !hasX)
            return "QT_QPA_PLATFORM is xcb but DISPLAY is not set";
        if (std::strncmp(platform, "wayland", 7) == 0 && !hasWayland)
            return "QT_QPA_PLATFORM is wayland but WAYLAND_DISPLAY is not set";
        return nullptr; // offscreen, vnc, eglfs...: the user chose it
    }
    if (!hasX && !hasWayland)
        return "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)";
#endif
    return nullptr;
}

// --help and --version answer on the terminal, display or not: read from argv
// before the window's QApplication exists. Returns the exit code, or nothing
// when the window should start (bad arguments are reported once it does, so
// that Qt's own options such as -platform are taken out first).
static std::optional<int> answerWithoutWindow(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QString error;
    const auto options = DashboardOptions::parse(arguments, &error);
    if (options && options->version) {
        std::printf("ssescope %s\n", SSESCOPE_VERSION_STRING);
        return 0;
    }
    if (!options && error.isEmpty()) {
        std::fputs(qPrintable(DashboardOptions::usage()), stdout);
        return 0;
    }
    return std::nullopt;
}

int runDashboard(int argc, char *argv[])
{
    if (const auto code = answerWithoutWindow(argc, argv))
        return *code;
    if (const char *reason = missingDisplayReason()) {
        std::fprintf(stderr,
            "ssescope: cannot open the window: %s. To record streams without a window, "
            "use ssescope-cli (see ssescope-cli --help).\n",
            reason);
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"ssescope"_s);
    QApplication::setOrganizationName(u"SSE Scope"_s);
    QApplication::setApplicationDisplayName(u"SSE Scope"_s);
    QApplication::setApplicationVersion(QStringLiteral(SSESCOPE_VERSION_STRING));
    QApplication::setWindowIcon(QIcon(u":/icons/ssescope.svg"_s));
    EnglishPlurals plurals;
    QApplication::installTranslator(&plurals);
    prepareDashboardProcess();

    QString error;
    const auto options = DashboardOptions::parse(QApplication::arguments(), &error);
    if (!options) {
        if (!error.isEmpty())
            std::fprintf(stderr, "ssescope: %s\n", qPrintable(error));
        std::fputs(qPrintable(DashboardOptions::usage()), error.isEmpty() ? stdout : stderr);
        return error.isEmpty() ? 0 : 2;
    }

    EventStoreLimits limits;
    if (options->maxEvents > 0)
        limits.maxEvents = options->maxEvents;
    if (options->maxMemoryMiB > 0)
        limits.maxBytes = options->maxMemoryMiB * 1024 * 1024;
    // Before the session, so that its streams stop before their server does.
    demo::DemoServerThread demoServer;
    CaptureReplayHost replayServers; // "Serve this capture"
    DashboardSession session(limits);
    MainWindow window(&session);
    window.setCaptureServerHost(&replayServers);
    // Shown first, so that a file's error appears over the window it concerns.
    window.show();
    if (!options->workspace.isEmpty())
        window.openWorkspace(options->workspace);
    if (!options->capture.isEmpty())
        window.openCapture(options->capture);
    QList<StreamId> given;
    for (const SubscriptionConfig &config : options->streams)
        given.append(session.addStream(config));
    if (options->compare && given.isEmpty() && !options->capture.isEmpty()) {
        // `--open CAPTURE --compare`: the capture's streams, once it is loaded.
        QObject::connect(
            &session, &DashboardSession::captureLoaded, &window,
            [&window, &session](bool ok) {
                if (!ok)
                    return;
                QList<StreamId> streams = session.store().streamNames().keys();
                std::sort(streams.begin(), streams.end());
                if (streams.size() < 2)
                    window.showMessage(QApplication::translate("DashboardApp",
                                           "--compare needs two or more streams in the capture."),
                        true);
                else
                    window.compareStreams(streams);
            },
            Qt::SingleShotConnection);
    } else if (options->compare) {
        // Once the window shows, so that the view opens over it.
        QTimer::singleShot(0, &window, [&window, given] {
            if (given.size() < 2)
                window.showMessage(QApplication::translate("DashboardApp",
                                       "--compare needs two or more streams on the command line."),
                    true);
            else
                window.compareStreams(given);
        });
    }
    // The embedded demo server is the program's: the session only subscribes to it.
    if (options->wantsDemo()) {
        if (demoServer.start())
            session.subscribeDemoStreams(demoServer.url(QString()));
        else
            window.showMessage(
                QApplication::translate("DashboardApp", "The demo server could not start: %1")
                    .arg(demoServer.errorString()),
                true);
    }
    return QApplication::exec();
}

} // namespace ssescope::ui
