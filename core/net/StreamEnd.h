#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>

namespace ssescope {

// Why a connection that had opened as an event stream ended. One class per end:
// the first that applies, in the order of this enum after None.
enum class StreamEnd {
    None, // not ended yet, or ended by the user (pause, stop)
    ErrorEvent, // the stream carried an error event (configurable)
    NoTerminal, // a terminal marker was configured and never came
    Framing, // a body cut short: Content-Length not reached, or no last chunk
    Reset, // the connection was reset or broke in the middle of an event
    Timeout, // our idle watchdog fired
    Clean, // the server closed after a complete event
};
constexpr int kStreamEndCount = 6; // without None

// "error-event", "no-terminal", "framing", "reset", "timeout", "clean"; "" for None.
QString streamEndName(StreamEnd end);
// Every class but None, in order.
QList<StreamEnd> streamEnds();
// A short readable phrase for the window ("Reset mid-event").
QString streamEndText(StreamEnd end);

using StreamEndCounts = std::array<quint64, kStreamEndCount>;
inline int streamEndIndex(StreamEnd end)
{
    return static_cast<int>(end) - 1;
}

// Names a proxy's idle timeout: the same stream cut two or more times at the
// same interval after its last byte (within 10%).
class IdleCutDiagnosis final
{
public:
    static constexpr int kKeep = 16; // the last cuts remembered
    // A cut (any end but clean) quietMs after the last byte of its connection.
    void addCut(qint64 quietMs);
    // The sentence, or empty while no interval repeats.
    QString sentence() const;
    // The sentence for count cuts at about intervalMs after the last byte.
    static QString sentenceFor(int count, qint64 intervalMs);

private:
    QList<qint64> m_cuts;
};

} // namespace ssescope
