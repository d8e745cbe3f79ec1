// Hostile servers all at once: ONE ssescope-cli process subscribed to every
// kind of misbehaving stream the demo server has (an endless line, an endless
// event, 100 MB of garbage, one byte a second, headers that never end, a
// redirect loop, a false gzip) beside two healthy tickers. The healthy ones
// must keep their rate throughout, every hostile one must say in its own
// sentence what went wrong, and the process must stay within a memory bound.
#include "SanitizerBuild.h"
#include "CliProcess.h"
#include "core/demo/DemoServerThread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kHealthyRate = 20; // events/s of each healthy ticker
constexpr int kRunMs = 35'000; // how long the CLI runs against them all
constexpr qint64 kWindowNs = 5'000'000'000; // healthy flow is checked per 5 s window
constexpr qint64 kMaxRssKiB = 256 * 1024;
// The process's peak resident set (VmHWM) in KiB, -1 if unknown.
qint64 peakRssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestHostileServers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthyStreamsFlowBesideEveryHostileOne();
};

void TestHostileServers::healthyStreamsFlowBesideEveryHostileOne()
{
    demo::DemoServerThread server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const auto url = [&](const QString &query) {
        return server.url(u"/ticker?"_s + query).toString();
    };
    // name -> address; then, for each hostile one, the words its sentence must say
    const QList<std::pair<QString, QString>> streams {
        { u"healthy1"_s, url(u"rate=%1"_s.arg(kHealthyRate)) },
        { u"healthy2"_s, url(u"rate=%1"_s.arg(kHealthyRate)) },
        { u"endless_line"_s, url(u"endless_line=1"_s) },
        { u"endless_event"_s, url(u"endless_event=1"_s) },
        { u"garbage"_s, url(u"garbage_bytes=104857600"_s) },
        { u"byte_per_s"_s, url(u"byte_per_s=1"_s) },
        { u"endless_headers"_s, url(u"slow_headers=1"_s) },
        { u"redirect_loop"_s, url(u"redirect=1000"_s) },
        { u"false_gzip"_s, url(u"false_gzip=1"_s) },
    };
    const QHash<QString, QStringList> said {
        { u"endless_line"_s, { u"A line of more than 64.0 MiB exceeded the line size limit"_s } },
        { u"endless_event"_s,
            { u"An event of more than 64.0 MiB exceeded the event size limit"_s } },
        { u"garbage"_s, { u"without completing a single event"_s } },
        { u"byte_per_s"_s, { u"without completing a single event"_s } },
        // 64-byte header lines every 20 ms stay under the 64 KiB limit for
        // longer than the connect timeout. (Said "more than 64 KiB" only when
        // its guard cut another stream's socket: issue 15.)
        { u"endless_headers"_s, { u"No response within 15 s"_s } },
        { u"redirect_loop"_s, { u"Too many redirects"_s } },
        { u"false_gzip"_s, { u"Content-Encoding: gzip"_s, u"cannot be read as events"_s } },
    };
    QStringList args;
    for (const auto &[name, address] : streams)
        args << name + u'=' + address;
    args << u"--max-events"_s << u"100000"_s;

    QProcess cli;
    cli.start(QStringLiteral(SSESCOPE_CLI), args);
    QVERIFY(cli.waitForStarted(5000));
    QElapsedTimer clock;
    clock.start();

    QHash<QString, QStringList> messages; // stream -> every state and error sentence
    QHash<QString, std::vector<qint64>> arrivals; // healthy stream -> event mono_ns
    QByteArray outPending;
    QByteArray errPending;
    const auto takeLines = [](QByteArray &pending, const QByteArray &more) {
        pending += more;
        const qsizetype end = pending.lastIndexOf('\n');
        if (end < 0)
            return QList<QByteArray>();
        const QList<QByteArray> lines = pending.left(end).split('\n');
        pending.remove(0, end + 1);
        return lines;
    };
    const auto readSome = [&] {
        for (const QByteArray &line : takeLines(outPending, cli.readAllStandardOutput())) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"kind"_s).toString() == u"event")
                arrivals[o.value(u"stream"_s).toString()].push_back(
                    o.value(u"mono_ns"_s).toInteger());
        }
        for (const QByteArray &line : takeLines(errPending, cli.readAllStandardError())) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString message = o.value(u"message"_s).toString();
            if (!message.isEmpty())
                messages[o.value(u"stream"_s).toString()] << message;
        }
    };
    qint64 peakKiB = -1;
    while (clock.elapsed() < kRunMs && cli.state() == QProcess::Running) {
        cli.waitForReadyRead(200);
        readSome();
        peakKiB = std::max(peakKiB, peakRssKiB(cli.processId()));
    }
    QCOMPARE(cli.state(), QProcess::Running); // nothing hostile ended or crashed it
    peakKiB = std::max(peakKiB, peakRssKiB(cli.processId()));
    cli.terminate();
    if (!cli.waitForFinished(10000)) {
        cli.kill();
        cli.waitForFinished();
    }
    readSome();
    std::printf("BENCH hostile_servers_peak_rss %lld KiB\n", static_cast<long long>(peakKiB));

    // The healthy streams kept their rate in every 5 s window, from their
    // first event to the end of the run.
    for (const QString &name : { u"healthy1"_s, u"healthy2"_s }) {
        const std::vector<qint64> &times = arrivals.value(name);
        QVERIFY2(times.size() > 10, qPrintable(name));
        const qint64 first = times.front();
        const int windows = int((kRunMs - 5'000) / 5'000); // the first seconds may go to connecting
        for (int w = 0; w < windows; ++w) {
            const qint64 from = first + w * kWindowNs;
            const auto n = std::count_if(times.begin(), times.end(),
                [&](qint64 t) { return t >= from && t < from + kWindowNs; });
            // Half the rate at least: generous for a loaded machine, far above
            // a stream starved by its neighbours.
            QVERIFY2(n >= kHealthyRate * 5 / 2,
                qPrintable(u"%1: %2 events in window %3"_s.arg(name).arg(n).arg(w)));
        }
        for (const QString &message : messages.value(name))
            QVERIFY2(!message.contains(u"cut"_s) && !message.contains(u"exceeded"_s),
                qPrintable(name + u": "_s + message));
    }

    // Every hostile one said what happened.
    for (auto it = said.cbegin(); it != said.cend(); ++it) {
        const QStringList &got = messages.value(it.key());
        const bool found = std::any_of(got.cbegin(), got.cend(), [&](const QString &message) {
            return std::all_of(it.value().cbegin(), it.value().cend(),
                [&](const QString &words) { return message.contains(words); });
        });
        QVERIFY2(found,
            qPrintable(it.key() + u" never said \""_s + it.value().join(u" … "_s)
                + u"\"; it said:\n  "_s + got.join(u"\n  "_s)));
    }

    const QString peak = u"peak RSS %1 KiB (bound %2 KiB)"_s.arg(peakKiB).arg(kMaxRssKiB);
    qInfo("%s", qPrintable(peak));
    QVERIFY2(peakKiB > 0 && (kSanitized || peakKiB < kMaxRssKiB), qPrintable(peak));
}

QTEST_GUILESS_MAIN(TestHostileServers)
#include "tst_hostileservers.moc"
