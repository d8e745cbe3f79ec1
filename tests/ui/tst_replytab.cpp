// The detail pane's Reply tab: a token stream's deltas joined up to the
// selected event, read back from the store.
#include "core/demo/DemoServerThread.h"
#include "ui/events/EventDetailPane.h"
#include "ui/session/DashboardSession.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ssescope;
using namespace ssescope::ui;

class TestReplyTab final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyUpToTheSelectedEvent();
};

void TestReplyTab::replyUpToTheSelectedEvent()
{
    demo::DemoServerThread demo;
    QVERIFY2(demo.start(), qPrintable(demo.errorString()));
    DashboardSession session;
    EventDetailPane pane(&session);
    SubscriptionConfig config;
    config.name = u"llm"_s;
    config.url = demo.url(u"/tokens?count=8&rate=200&think=50&style=anthropic"_s);
    config.tokens = TokenStreamConfig::anthropic();
    config.reconnect.reconnect = false;
    session.addStream(config);
    config.name = u"plain"_s;
    config.url = demo.url(u"/ticker?count=3&rate=200"_s);
    config.tokens = {};
    session.addStream(config);
    const EventStore &store = session.store();
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), qint64(11), 10000);
    quint64 third = 0;
    quint64 last = 0;
    quint64 plain = 0;
    for (qint64 row = 0; row < store.size(); ++row) {
        const StoredEventView event = store.at(row);
        const bool isLlm = session.streamName(event.stream) == u"llm"_s;
        if (isLlm && event.streamSeq == 3)
            third = event.seq;
        if (isLlm && event.streamSeq == 8)
            last = event.seq;
        if (!isLlm)
            plain = event.seq;
    }
    QVERIFY(third && last && plain);

    pane.displayEvent(third);
    QVERIFY(pane.replyShown());
    QVERIFY2(pane.replyText().startsWith(u"Server-Sent Events\n"_s), qPrintable(pane.replyText()));
    QVERIFY(pane.replyText().contains(u"3 tokens"_s));
    pane.displayEvent(last);
    QVERIFY2(pane.replyText().startsWith(u"Server-Sent Events keep one HTTP response open\n"_s),
        qPrintable(pane.replyText()));
    pane.displayEvent(plain);
    QVERIFY(!pane.replyShown());
    QVERIFY(pane.replyText().isEmpty());
}

QTEST_MAIN(TestReplyTab)
#include "tst_replytab.moc"
