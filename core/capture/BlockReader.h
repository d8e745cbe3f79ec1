#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>

class QIODevice;

namespace ssescope {

// Each capture codec reads its device block by block and carries its own
// state (an open line, an open quote) from block to block; the loop, the
// block size and what ends a capture are written here once.
//
// onBlock returns false to stop (the codec found something fatal and said
// so). Only a read of nothing ends a capture: for a pipe or a FIFO atEnd()
// is true before anything has arrived. Returns false on a read error, with
// the device's reason in fatalError, when onBlock stopped, or when cancelled
// returned true (asked before each block, so a cancelled read of a huge
// capture stops within one block).
using BlockHandler = std::function<bool(QByteArrayView block)>;
bool readCaptureBlocks(QIODevice *device, const BlockHandler &onBlock, QString *fatalError,
    const std::function<bool()> &cancelled = {});

} // namespace ssescope
