// ByteBuffer and the short-copy helpers the hot paths are built on.
#include "core/common/ByteBuffer.h"

#include <QTest>

using namespace ssescope;

class ByteBufferTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // copyBytes inlines copies up to 64 bytes in pieces: every length and
    // misalignment copies exactly its bytes and touches nothing around them.
    void copyBytesCopiesExactly_data()
    {
        QTest::addColumn<int>("offset");
        for (int offset = 0; offset < 4; ++offset)
            QTest::addRow("offset %d", offset) << offset;
    }
    void copyBytesCopiesExactly()
    {
        QFETCH(int, offset);
        QByteArray source(200, '\0');
        for (int i = 0; i < source.size(); ++i)
            source[i] = char('a' + i % 26);
        for (int n = 0; n <= 130; ++n) {
            QByteArray target(200, '#');
            copyBytes(target.data() + 8 + offset, source.constData() + offset, n);
            const QByteArray expected = QByteArray(8 + offset, '#') + source.mid(offset, n)
                + QByteArray(200 - 8 - offset - n, '#');
            QVERIFY2(target == expected, qPrintable(QStringLiteral("length %1").arg(n)));
        }
    }

    void appendsGrowAndKeepEverything()
    {
        ByteBuffer buffer(4);
        QByteArray expected;
        for (int i = 0; i < 300; ++i) {
            const QByteArray piece(i % 70, char('A' + i % 26));
            buffer.append(piece);
            expected += piece;
        }
        QCOMPARE(buffer.view(), QByteArrayView(expected));
    }

    void copiesAreTightAndMovesLeaveItEmpty()
    {
        ByteBuffer buffer(1024);
        buffer.append(QByteArrayView("twelve bytes"));
        const ByteBuffer copy(buffer);
        QCOMPARE(copy.view(), QByteArrayView("twelve bytes"));
        QCOMPARE(copy.capacity(), qsizetype(12)); // a snapshot holds no spare room
        ByteBuffer moved(std::move(buffer));
        QCOMPARE(moved.view(), QByteArrayView("twelve bytes"));
        QCOMPARE(buffer.size(), qsizetype(0)); // NOLINT: moved-from is empty and usable
        buffer.append(QByteArrayView("again"));
        QCOMPARE(buffer.view(), QByteArrayView("again"));
        moved.ensureCapacity(4096);
        QVERIFY(moved.capacity() >= 4096);
        QCOMPARE(moved.view(), QByteArrayView("twelve bytes"));
        moved.shrinkToFit();
        QCOMPARE(moved.capacity(), qsizetype(12));
        QCOMPARE(moved.view(), QByteArrayView("twelve bytes"));
    }
};

QTEST_GUILESS_MAIN(ByteBufferTest)
#include "tst_bytebuffer.moc"
