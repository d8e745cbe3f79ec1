// A bounded soak under faults: many streams against ssescope-demo-server
// child processes that drop connections at random (a seeded schedule) and
// restart on the same port (attempts meanwhile are refused), while the
// client, in this process, resumes with Last-Event-ID into a store capped at
// 100,000 events. Checks every stream's ids, the RSS once the cap is reached
// and the reconnections against the drops the servers caused.
//
// SSESCOPE_SOAK_SECONDS (faults window, default 120), SSESCOPE_SOAK_STREAMS
// (default 500) and SSESCOPE_SOAK_SEED (default 15) make the longer local run.

#include "SanitizerBuild.h"
#include "core/net/EventBatch.h"
#include "core/net/SubscriptionConfig.h"
#include "core/session/CaptureSession.h"
#include "core/stats/CaptureStats.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace ssescope;
using namespace ssescope::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kServers = 4;
constexpr qint64 kStoreCap = 100'000;
constexpr int kRate = 10; // events per second per stream
constexpr int kChaosMean = 150; // events between random drops, on average

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

qint64 rssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// What one stream received, checked as it comes: ids 1, 2, 3, ... each once.
struct StreamCheck
{
    quint64 last = 0;
    quint64 received = 0;
    quint64 lost = 0;
    quint64 duplicated = 0;
    QByteArray firstProblem;

    void feed(QByteArrayView idText)
    {
        ++received;
        bool ok = false;
        const quint64 id = idText.toByteArray().toULongLong(&ok);
        if (ok && id == last + 1) {
            last = id;
            return;
        }
        if (!ok || id <= last)
            ++duplicated;
        else
            lost += id - last - 1;
        if (firstProblem.isEmpty())
            firstProblem
                = "after id " + QByteArray::number(last) + " came \"" + idText.toByteArray() + '"';
        if (ok && id > last)
            last = id;
    }
};

// One ssescope-demo-server child with the soak faults.
class FaultyServer final
{
public:
    bool start(int restartEveryMs, int faultsForS)
    {
        m_process.start(QStringLiteral(SSESCOPE_DEMO_SERVER),
            { u"--port"_s, u"0"_s, u"--restart-every"_s, QString::number(restartEveryMs),
                u"--restart-down"_s, u"600"_s, u"--faults-for"_s, QString::number(faultsForS) });
        if (!m_process.waitForStarted() || !m_process.waitForReadyRead(10000))
            return false;
        m_port = m_process.readLine().trimmed().toUShort();
        return m_port != 0;
    }
    ~FaultyServer()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    quint16 port() const { return m_port; }
    bool running() const { return m_process.state() == QProcess::Running; }
    // "faults drops=N cuts=N restarts=N", once the faults are over.
    bool readReport()
    {
        if (m_reported)
            return true;
        m_buffer += m_process.readAllStandardOutput();
        const qsizetype at = m_buffer.indexOf("faults ");
        if (at < 0 || m_buffer.indexOf('\n', at) < 0)
            return false;
        for (const QByteArray &field : m_buffer.mid(at + 7).trimmed().split(' ')) {
            const QList<QByteArray> pair = field.split('=');
            const quint64 value = pair.value(1).toULongLong();
            if (pair.value(0) == "drops")
                drops = value;
            else if (pair.value(0) == "cuts")
                cuts = value;
            else if (pair.value(0) == "restarts")
                restarts = value;
        }
        m_reported = true;
        return true;
    }

    quint64 drops = 0;
    quint64 cuts = 0;
    quint64 restarts = 0;

private:
    QProcess m_process;
    QByteArray m_buffer;
    quint16 m_port = 0;
    bool m_reported = false;
};

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void soakUnderFaults();
};

void TestSoak::soakUnderFaults()
{
    const int faultsForS = envInt("SSESCOPE_SOAK_SECONDS", 120);
    const int streamCount = envInt("SSESCOPE_SOAK_STREAMS", 500);
    const int seed = envInt("SSESCOPE_SOAK_SEED", 15);

    std::vector<std::unique_ptr<FaultyServer>> servers;
    for (int i = 0; i < kServers; ++i) {
        servers.push_back(std::make_unique<FaultyServer>());
        // Staggered, so some server is always restarting somewhere.
        QVERIFY2(servers.back()->start(7000 + 1700 * i, faultsForS), "demo server did not start");
    }

    CaptureSession session(EventStoreLimits { kStoreCap, 1024LL * 1024 * 1024 });
    QHash<StreamId, StreamCheck> checks;
    connect(&session, &CaptureSession::batchReceived, this, [&](const EventBatchPtr &batch) {
        batch->forEachEvent(
            [&](const SseEventView &event, auto, auto) { checks[event.stream].feed(event.id); });
    });
    QList<StreamId> streams;
    for (int i = 0; i < streamCount; ++i) {
        SubscriptionConfig config;
        config.name = u"s%1"_s.arg(i);
        config.url = QUrl(u"http://127.0.0.1:%1/clock?rate=%2&chaos=%3&seed=%4&key=%5"_s
                              .arg(servers[i % kServers]->port())
                              .arg(kRate)
                              .arg(kChaosMean)
                              .arg(seed)
                              .arg(i));
        config.reconnect.initialRetryMs = 200;
        config.reconnect.maxBackoffMs = 1000;
        streams.append(session.addStream(config));
    }

    // The faults window, sampling the RSS every second.
    QElapsedTimer clock;
    clock.start();
    qint64 capReachedMs = -1;
    qint64 rssBeforeCap = 0;
    qint64 rssBaseline = -1; // 10 s after the cap is reached
    qint64 rssMin = 0;
    qint64 rssMax = 0;
    // The charts' rate series grow by design, a point per stream every 250 ms
    // for 15 minutes: that bounded history is taken out of the RSS, so that
    // what is checked is what the store's cap and the faults leave.
    const auto seriesKiB = [&] {
        const CaptureStats &stats = session.pipeline().stats();
        qint64 points = qint64(stats.total().series().size());
        for (StreamId stream : std::as_const(streams)) {
            if (const StreamStats *one = stats.find(stream))
                points += qint64(one->series().size());
        }
        return points * qint64(sizeof(SeriesPoint)) / 1024;
    };
    QList<qint64> timeline; // KiB, every 10 s
    qint64 seriesAtEnd = 0;
    const auto sampleRss = [&] {
        seriesAtEnd = seriesKiB();
        const qint64 rss = rssKiB() - seriesAtEnd;
        if (clock.elapsed() / 10000 >= timeline.size())
            timeline.append(rss);
        if (session.store().droppedEvents() == 0) {
            rssBeforeCap = rss;
            return;
        }
        if (capReachedMs < 0)
            capReachedMs = clock.elapsed();
        if (rssBaseline < 0) {
            // Once the cap is reached and the 60 s of rolling slots are full.
            if (clock.elapsed() - std::max<qint64>(capReachedMs, StreamStats::kSlots * 1000)
                >= 10000)
                rssBaseline = rssMin = rssMax = rss;
            return;
        }
        rssMin = std::min(rssMin, rss);
        rssMax = std::max(rssMax, rss);
    };
    bool reported = false;
    while (clock.elapsed() < qint64(faultsForS + 30) * 1000) {
        QTest::qWait(1000);
        sampleRss();
        for (const auto &server : servers)
            QVERIFY2(server->running(), "a demo server exited");
        reported = std::all_of(servers.begin(), servers.end(),
            [](const std::unique_ptr<FaultyServer> &server) { return server->readReport(); });
        if (reported)
            break;
    }
    QVERIFY2(reported, "the servers did not report the end of their faults");

    quint64 drops = 0;
    quint64 cuts = 0;
    quint64 restarts = 0;
    for (const auto &server : servers) {
        drops += server->drops;
        cuts += server->cuts;
        restarts += server->restarts;
    }

    // Calm: every stream reopens once per drop the servers caused.
    quint64 reopened = 0;
    quint64 attempts = 0;
    const auto tally = [&] {
        reopened = attempts = 0;
        bool allOpen = true;
        for (StreamId stream : streams) {
            const SubscriptionCounters counters = session.counters(stream);
            reopened += counters.connections > 0 ? counters.connections - 1 : 0;
            attempts += counters.reconnections;
            allOpen = allOpen && session.status(stream).state == SubscriptionState::Open;
        }
        return allOpen && reopened == drops + cuts;
    };
    QElapsedTimer calm;
    calm.start();
    bool settled = false;
    while (!(settled = tally()) && calm.elapsed() < 20000) {
        QTest::qWait(250);
        sampleRss();
    }
    QTest::qWait(1500); // a few more events on every stream after the last reconnection
    sampleRss();
    session.stopAll();
    session.flush();
    QCoreApplication::processEvents();

    quint64 received = 0;
    quint64 lost = 0;
    quint64 duplicated = 0;
    int silent = 0;
    QByteArray problems;
    for (StreamId stream : streams) {
        const StreamCheck check = checks.value(stream);
        received += check.received;
        lost += check.lost;
        duplicated += check.duplicated;
        silent += check.received == 0 ? 1 : 0;
        if (!check.firstProblem.isEmpty() && problems.size() < 2000)
            problems += session.streamName(stream).toUtf8() + ": " + check.firstProblem + '\n';
    }
    const quint64 refused = attempts > reopened ? attempts - reopened : 0;
    qInfo().noquote() << u"soak: %1 streams, %2 s of faults (%3 s in all), seed %4"_s
                             .arg(streamCount)
                             .arg(faultsForS)
                             .arg(clock.elapsed() / 1000)
                             .arg(seed);
    qInfo().noquote() << u"soak: %1 random drops + %2 streams cut by %3 restarts; %4 reconnections "
                         "(%5 attempts, %6 of them failed: refused while restarting)"_s.arg(drops)
                             .arg(cuts)
                             .arg(restarts)
                             .arg(reopened)
                             .arg(attempts)
                             .arg(refused);
    qInfo().noquote() << u"soak: %1 events received, %2 lost, %3 duplicated; store %4 events, %5 "
                         "dropped by the cap"_s.arg(received)
                             .arg(lost)
                             .arg(duplicated)
                             .arg(session.store().size())
                             .arg(session.store().droppedEvents());
    qInfo().noquote() << u"soak: RSS less the rate series: %1 KiB before the cap, %2 KiB once "
                         "the cap is reached and the slots full (after %3 s), then %4..%5 KiB; "
                         "the series were %6 KiB at the end"_s.arg(rssBeforeCap)
                             .arg(rssBaseline)
                             .arg(std::max<qint64>(capReachedMs, StreamStats::kSlots * 1000) / 1000
                                 + 10)
                             .arg(rssMin)
                             .arg(rssMax)
                             .arg(seriesAtEnd);

    QStringList steps;
    for (qint64 kib : std::as_const(timeline))
        steps.append(QString::number(kib / 1024));
    qInfo().noquote() << u"soak: RSS less the series every 10 s (MiB): "_s + steps.join(u' ');

    QVERIFY2(problems.isEmpty(), problems.constData());
    QCOMPARE(lost, quint64(0));
    QCOMPARE(duplicated, quint64(0));
    QCOMPARE(silent, 0);
    QVERIFY2(drops > quint64(streamCount), "the schedule should drop every stream at least once");
    QVERIFY(restarts >= quint64(kServers));
    QVERIFY2(settled,
        qPrintable(
            u"%1 reconnections for %2 drops and %3 cuts"_s.arg(reopened).arg(drops).arg(cuts)));
    QCOMPARE(reopened, drops + cuts);
    QVERIFY(refused > 0); // restarts refused some attempts, counted apart
    QVERIFY2(rssBaseline > 0, "the store never reached its cap long enough");
    QVERIFY(session.store().droppedEvents() > 0);
    if (kSanitized)
        return;
    QVERIFY2(rssMax <= rssBaseline * 11 / 10 && rssMin >= rssBaseline * 9 / 10,
        qPrintable(u"RSS %1..%2 KiB against %3 KiB"_s.arg(rssMin).arg(rssMax).arg(rssBaseline)));
}

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
