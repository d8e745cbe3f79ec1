// Recording to a full disk says the file's real error, not "Unknown error",
// which left the user guessing why the recording stopped.
#include "core/net/EventBatch.h"
#include "core/capture/CaptureRecorder.h"
#include "core/store/EventStore.h"

#include <QFileInfo>
#include <QTest>

using namespace ssescope;
using namespace Qt::StringLiterals;

class CaptureRecorderTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullDiskSaysNoSpace_data()
    {
        QTest::addColumn<int>("eventBytes");
        QTest::newRow("small events") << 100;
        QTest::newRow("1 KiB events") << 1024;
        QTest::newRow("events past QFile's buffer") << 64 * 1024;
    }
    void fullDiskSaysNoSpace()
    {
        QFETCH(int, eventBytes);
        if (!QFileInfo::exists(u"/dev/full"_s))
            QSKIP("no /dev/full here");
        CaptureRecorder recorder;
        QString error;
        QVERIFY2(recorder.start(u"/dev/full"_s, &error), qPrintable(error));
        EventStore store;
        const QByteArray data(eventBytes, 'x');
        bool ok = true;
        // One small batch may stay in a buffer; a few stop the recording.
        for (int i = 0; i < 1000 && ok; ++i) {
            EventBatch batch;
            EventBatch::SharedTexts texts;
            SseEventView event;
            event.stream = 1;
            event.streamSeq = quint64(i) + 1;
            event.data = data;
            batch.append(event, texts, std::nullopt);
            ok = recorder.append(batch, store);
        }
        // The first batch already fails: nothing waits in a buffer to be lost.
        QCOMPARE(recorder.eventsWritten(), qint64(1));
        recorder.stop();
        QVERIFY(!ok);
        QVERIFY2(recorder.errorString().contains(u"No space left on device"_s),
            qPrintable(recorder.errorString()));
    }
};

QTEST_GUILESS_MAIN(CaptureRecorderTest)
#include "tst_capturerecorder.moc"
