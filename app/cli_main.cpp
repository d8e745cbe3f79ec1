#include "app/cli/CliCommands.h"
#include "app/cli/CliCompare.h"
#include "app/cli/CliOptions.h"
#include "app/cli/CliSession.h"
#include "core/common/ProcessLimits.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ssescope;

namespace {

int g_signalPipe[2] = { -1, -1 };

void handleSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ssescope-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SSESCOPE_VERSION_STRING));

    // A closed output is an error to report (exit 3, "Broken pipe"), not a silent death.
    std::signal(SIGPIPE, SIG_IGN);

    const cli::ParsedCommandLine parsed = cli::parseCommandLine(app.arguments());
    if (!parsed.error.isEmpty()) {
        const QString hint = QCoreApplication::translate("CliOptions", "Try ssescope-cli --help.");
        std::fprintf(stderr, "ssescope-cli: %s\n%s\n", qPrintable(parsed.error), qPrintable(hint));
        return cli::ExitUsage;
    }
    switch (parsed.command) {
    case cli::ParsedCommandLine::Command::Help:
        std::fputs(qPrintable(parsed.helpText), stdout);
        return cli::ExitOk;
    case cli::ParsedCommandLine::Command::Version:
        std::printf("ssescope-cli %s\n", SSESCOPE_VERSION_STRING);
        return cli::ExitOk;
    case cli::ParsedCommandLine::Command::Stats:
        return cli::runStats(parsed.stats);
    case cli::ParsedCommandLine::Command::Convert:
        return cli::runConvert(parsed.convert);
    case cli::ParsedCommandLine::Command::Compare:
        if (!parsed.compare.capture.isEmpty())
            return cli::runCompareCapture(parsed.compare);
        break;
    case cli::ParsedCommandLine::Command::Run:
        break;
    }

    raiseOpenFileLimit();
    // SIGINT and SIGTERM end the run cleanly: through a socket pair into the
    // event loop, since almost nothing is safe inside a signal handler.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        struct sigaction action
        {
        };
        action.sa_handler = handleSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }

    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    if (parsed.command == cli::ParsedCommandLine::Command::Compare) {
        // A signal cuts a live comparison short: the report covers what was seen.
        cli::CliCompare compare(parsed.compare);
        QObject::connect(&signalNotifier, &QSocketNotifier::activated, &compare, [&compare] {
            char byte;
            [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
            compare.finish();
        });
        QObject::connect(
            &compare, &cli::CliCompare::finished, &app, [&app](int code) { app.exit(code); });
        compare.start();
        return app.exec();
    }

    cli::CliSession session(parsed.run);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &session, [&session] {
        char byte;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
        session.finish(u"signal"_s, true);
    });
    QObject::connect(
        &session, &cli::CliSession::finished, &app, [&app](int code) { app.exit(code); });
    if (!session.start())
        return session.exitCode();
    return app.exec();
}
