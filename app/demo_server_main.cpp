#include "core/common/ProcessLimits.h"
#include "core/demo/CaptureReplayServer.h"
#include "core/demo/DemoServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The server's sentences, in a context lupdate reads.
struct Text final
{
    Q_DECLARE_TR_FUNCTIONS(DemoServerMain)
};

// Listens, then prints the port alone on the first line of standard output
// (scripts and tests read it); false after saying why on stderr.
template<typename Server>
bool listenAndPrintPort(Server &server, const QHostAddress &address, quint16 port, QTextStream &err)
{
    if (!server.listen(address, port)) {
        err << "ssescope-demo-server: "
            << Text::tr("cannot listen on %1:%2: %3")
                   .arg(address.toString(), QString::number(port), server.errorString())
            << '\n';
        return false;
    }
    std::printf("%u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    return true;
}

// --replay: a saved capture served again; no TLS and no soak faults.
int serveReplay(const QCommandLineParser &parser, const QCommandLineOption &replayOption,
    const QCommandLineOption &speedOption, const QCommandLineOption &loopOption,
    const QHostAddress &address, quint16 port)
{
    using ssescope::demo::ReplayOptions;
    QTextStream err(stderr);
    const QStringList conflicting { u"tls-cert"_s, u"tls-key"_s, u"restart-every"_s,
        u"faults-for"_s };
    for (const QString &name : conflicting) {
        if (parser.isSet(name)) {
            err << "ssescope-demo-server: " << Text::tr("--%1 does not go with --replay").arg(name)
                << '\n';
            return 2;
        }
    }
    bool ok = false;
    ReplayOptions options;
    options.speed = parser.value(speedOption).toDouble(&ok);
    if (!ok || !std::isfinite(options.speed) || options.speed < ReplayOptions::kMinSpeed
        || options.speed > ReplayOptions::kMaxSpeed) {
        err << "ssescope-demo-server: "
            << Text::tr("--speed must be a number from %1 to %2, not \"%3\"")
                   .arg(ReplayOptions::kMinSpeed)
                   .arg(ReplayOptions::kMaxSpeed)
                   .arg(parser.value(speedOption))
            << '\n';
        return 2;
    }
    options.loop = parser.isSet(loopOption);
    QString error;
    const auto replay = ssescope::demo::CaptureReplay::load(parser.value(replayOption), &error);
    if (!replay) {
        err << "ssescope-demo-server: " << error << '\n';
        return 1;
    }
    if (replay->skippedRecords() > 0)
        err << "ssescope-demo-server: "
            << Text::tr("skipped %1 records that could not be read (first: %2)")
                   .arg(replay->skippedRecords())
                   .arg(replay->firstSkipReason())
            << '\n';
    ssescope::demo::CaptureReplayServer server(replay, options);
    if (!listenAndPrintPort(server, address, port, err))
        return 1;
    err << Text::tr("Replaying %1 events of %2 streams from %3 on %4 (GET / lists them)")
               .arg(replay->events())
               .arg(replay->streams().size())
               .arg(replay->path(), server.url("/").toString())
        << '\n';
    err.flush();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ssescope-demo-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SSESCOPE_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Demo and test Server-Sent Events server (loopback by default)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(
        u"port"_s, Text::tr("Port to listen on; 0 picks a free one."), u"port"_s, u"8808"_s);
    const QCommandLineOption bindOption(
        u"bind"_s, Text::tr("Address to bind to."), u"address"_s, u"127.0.0.1"_s);
    const QCommandLineOption certOption(
        u"tls-cert"_s, Text::tr("Serve https with this PEM certificate."), u"file"_s);
    const QCommandLineOption keyOption(
        u"tls-key"_s, Text::tr("The certificate's PEM private key."), u"file"_s);
    const QCommandLineOption restartEveryOption(u"restart-every"_s,
        Text::tr("Soak fault: every MS milliseconds stop listening, cut every stream, and "
                 "listen on the same port again after --restart-down."),
        u"ms"_s, u"0"_s);
    const QCommandLineOption restartDownOption(u"restart-down"_s,
        Text::tr("How long a --restart-every restart refuses connections (default 500 ms)."),
        u"ms"_s, u"500"_s);
    const QCommandLineOption faultsForOption(u"faults-for"_s,
        Text::tr("Stop the soak faults (restarts, chaos= drops) after S seconds, then print "
                 "\"faults drops=N cuts=N restarts=N\" on standard output; 0 = never."),
        u"s"_s, u"0"_s);
    const QCommandLineOption replayOption(u"replay"_s,
        Text::tr("Serve each stream of this capture (.jsonl, .csv, .sse) at /NAME, with its "
                 "original gaps; GET / lists them."),
        u"capture"_s);
    const QCommandLineOption speedOption(u"speed"_s,
        Text::tr("With --replay: divide the gaps by X (0.01 to 1000; default 1)."), u"x"_s, u"1"_s);
    const QCommandLineOption loopOption(
        u"loop"_s, Text::tr("With --replay: after the last event, start again from the first."));
    parser.addOptions({ portOption, bindOption, certOption, keyOption, restartEveryOption,
        restartDownOption, faultsForOption, replayOption, speedOption, loopOption });
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "ssescope-demo-server: " << Text::tr("--port must be a number from 0 to 65535")
            << '\n';
        return 2;
    }
    const QHostAddress address(parser.value(bindOption));
    if (address.isNull()) {
        err << "ssescope-demo-server: "
            << Text::tr("--bind needs an IP address, not \"%1\"").arg(parser.value(bindOption))
            << '\n';
        return 2;
    }
    ssescope::raiseOpenFileLimit();
    if (parser.isSet(replayOption))
        return serveReplay(
            parser, replayOption, speedOption, loopOption, address, static_cast<quint16>(port));
    if (parser.isSet(speedOption) || parser.isSet(loopOption)) {
        err << "ssescope-demo-server: " << Text::tr("--speed and --loop go with --replay") << '\n';
        return 2;
    }
    ssescope::demo::DemoServer server;
    if (parser.isSet(certOption) != parser.isSet(keyOption)) {
        err << "ssescope-demo-server: " << Text::tr("--tls-cert and --tls-key go together") << '\n';
        return 2;
    }
    if (parser.isSet(certOption)) {
        QFile certificateFile(parser.value(certOption));
        QFile keyFile(parser.value(keyOption));
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            err << "ssescope-demo-server: " << Text::tr("cannot read the certificate or the key")
                << '\n';
            return 2;
        }
        const QSslCertificate certificate(&certificateFile, QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (certificate.isNull() || key.isNull() || !server.enableTls(certificate, key)) {
            err << "ssescope-demo-server: "
                << Text::tr("the certificate or key is not usable PEM, or TLS is unavailable")
                << '\n';
            return 2;
        }
    }
    if (!listenAndPrintPort(server, address, static_cast<quint16>(port), err))
        return 1;
    err << Text::tr("Serving SSE on %1 (GET / lists the streams)")
               .arg(server.url(u"/"_s).toString())
        << '\n';
    err.flush();
    const int restartEvery = parser.value(restartEveryOption).toInt();
    const int restartDown = parser.value(restartDownOption).toInt();
    const double faultsFor = parser.value(faultsForOption).toDouble();
    if (restartEvery < 0 || restartDown < 0 || faultsFor < 0) {
        err << "ssescope-demo-server: "
            << Text::tr("--restart-every, --restart-down and --faults-for take positive numbers")
            << '\n';
        return 2;
    }
    QTimer restartTimer;
    if (restartEvery > 0) {
        QObject::connect(
            &restartTimer, &QTimer::timeout, &server, [&] { server.restart(restartDown); });
        QObject::connect(
            &server, &ssescope::demo::DemoServer::relistened, &app, [](bool listening) {
                if (!listening) { // the port was taken meanwhile: a soak cannot go on
                    std::fprintf(stderr, "ssescope-demo-server: cannot listen again\n");
                    QCoreApplication::exit(1);
                }
            });
        restartTimer.start(restartEvery);
    }
    if (faultsFor > 0) {
        QTimer::singleShot(static_cast<int>(faultsFor * 1000), &server, [&] {
            restartTimer.stop();
            server.setFaultsEnabled(false);
            // Reported once listening again, so every cut is final.
            const auto report = [&server] {
                std::printf("faults drops=%llu cuts=%llu restarts=%llu\n",
                    static_cast<unsigned long long>(server.chaosDrops()),
                    static_cast<unsigned long long>(server.restartCuts()),
                    static_cast<unsigned long long>(server.restarts()));
                std::fflush(stdout);
            };
            if (server.isListening())
                report();
            else
                QObject::connect(&server, &ssescope::demo::DemoServer::relistened, &server, report,
                    Qt::SingleShotConnection);
        });
    }
    return app.exec();
}
