#include "common/ProcessLimits.h"
#include "demo/DemoServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ssescope-demo-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QT_STRINGIFY(SSESCOPE_VERSION)));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Demo and test Server-Sent Events server (loopback by default)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(
        u"port"_s, u"Port to listen on; 0 picks a free one."_s, u"port"_s, u"8808"_s);
    const QCommandLineOption bindOption(
        u"bind"_s, u"Address to bind to."_s, u"address"_s, u"127.0.0.1"_s);
    parser.addOptions({ portOption, bindOption });
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "ssescope-demo-server: --port must be a number from 0 to 65535\n";
        return 2;
    }
    const QHostAddress address(parser.value(bindOption));
    if (address.isNull()) {
        err << "ssescope-demo-server: --bind needs an IP address, not \""
            << parser.value(bindOption) << "\"\n";
        return 2;
    }
    ssescope::raiseOpenFileLimit();
    ssescope::demo::DemoServer server;
    if (!server.listen(address, static_cast<quint16>(port))) {
        err << "ssescope-demo-server: cannot listen on " << address.toString() << ':' << port
            << ": " << server.errorString() << '\n';
        return 1;
    }
    // The port alone on the first line, so scripts and tests can read it.
    std::printf("%u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    err << "Serving SSE on " << server.url(u"/"_s).toString() << " (GET / lists the streams)\n";
    err.flush();
    return app.exec();
}
