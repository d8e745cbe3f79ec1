// Connections per origin from the streams' statuses, and the browser's
// six-connection warning.
#include "core/net/OriginConnections.h"

#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

class TestOriginCount final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void counts_data();
    void counts();
};

void TestOriginCount::counts_data()
{
    QTest::addColumn<int>("http1");
    QTest::addColumn<int>("http2");
    QTest::addColumn<int>("notOpen"); // connecting or waiting: not counted
    QTest::addColumn<int>("connections");
    QTest::addColumn<bool>("stall");
    QTest::newRow("none") << 0 << 0 << 3 << 0 << false;
    QTest::newRow("six HTTP/1.1") << 6 << 0 << 2 << 6 << false;
    QTest::newRow("seven HTTP/1.1") << 7 << 0 << 0 << 7 << true;
    QTest::newRow("one HTTP/2") << 0 << 1 << 0 << 1 << false;
    QTest::newRow("300 HTTP/2") << 0 << 300 << 0 << 3 << false;
    QTest::newRow("301 HTTP/2") << 0 << 301 << 0 << 4 << false;
    QTest::newRow("mixed") << 7 << 50 << 1 << 8 << true;
}

void TestOriginCount::counts()
{
    QFETCH(int, http1);
    QFETCH(int, http2);
    QFETCH(int, notOpen);
    const QString origin = u"http://127.0.0.1:8080"_s;
    QHash<QString, OriginConnections> origins;
    const auto add = [&](SubscriptionState state, const QByteArray &protocol, const QString &at) {
        SubscriptionStatus status;
        status.state = state;
        status.protocol = protocol;
        status.origin = at;
        OriginConnections::add(origins, status);
    };
    for (int i = 0; i < http1; ++i)
        add(SubscriptionState::Open, "HTTP/1.1", origin);
    for (int i = 0; i < http2; ++i)
        add(SubscriptionState::Open, "HTTP/2", origin);
    for (int i = 0; i < notOpen; ++i)
        add(SubscriptionState::Waiting, "HTTP/1.1", origin);
    // Another origin's streams are its own.
    for (int i = 0; i < 9; ++i)
        add(SubscriptionState::Open, "HTTP/1.1", u"http://other:80"_s);
    OriginConnections::finish(origins);
    const OriginConnections counted = origins.value(origin);
    QCOMPARE(counted.http1Streams, http1);
    QCOMPARE(counted.http2Streams, http2);
    QTEST(counted.connections, "connections");
    QTEST(counted.browserWouldStall(), "stall");
    QCOMPARE(counted.browserWarning().isEmpty(), !counted.browserWouldStall());
    if (counted.browserWouldStall())
        QCOMPARE(counted.browserWarning(),
            u"A browser opens at most 6 HTTP/1.1 connections to http://127.0.0.1:8080; the 7th "
            "stream would hang. Serve it over HTTP/2 or share one stream."_s);
    QCOMPARE(origins.value(u"http://other:80"_s).connections, 9);
}

QTEST_GUILESS_MAIN(TestOriginCount)
#include "tst_origincount.moc"
