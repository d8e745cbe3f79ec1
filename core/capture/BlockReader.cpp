#include "BlockReader.h"

#include <QByteArray>
#include <QIODevice>

namespace ssescope {

namespace {
// Large enough that a read costs little per byte, small enough to stay in cache.
constexpr qsizetype kBlockBytes = 256 * 1024;
} // namespace

bool readCaptureBlocks(QIODevice *device, const BlockHandler &onBlock, QString *fatalError,
    const std::function<bool()> &cancelled)
{
    QByteArray block(kBlockBytes, Qt::Uninitialized);
    while (true) {
        if (cancelled && cancelled())
            return false;
        const qint64 n = device->read(block.data(), kBlockBytes);
        if (n < 0) {
            if (fatalError)
                *fatalError = device->errorString();
            return false;
        }
        if (n == 0)
            return true;
        if (!onBlock(QByteArrayView(block.constData(), qsizetype(n))))
            return false;
    }
}

} // namespace ssescope
