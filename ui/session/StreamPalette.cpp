#include "StreamPalette.h"

#include <array>
#include <cmath>

namespace ssescope::ui {

QColor streamColor(int slot)
{
    static constexpr std::array<QRgb, kPaletteSize> kColors = {
        0x0072B2,
        0xE69F00,
        0x009E73,
        0xCC79A7,
        0x56B4E9,
        0xD55E00,
        0x8E6C8A,
        0x4E79A7,
        0x59A14F,
        0xB07AA1,
        0x9C755F,
        0xEDC948,
    };
    const auto index = static_cast<std::size_t>(slot < 0 ? 0 : slot);
    if (index < kColors.size())
        return QColor::fromRgb(kColors[index]);
    // Past the palette, golden-ratio steps around the hue circle keep
    // neighbours apart, with lightness varied so no two repeat.
    const double hue = std::fmod(0.11 + double(index) * 0.618033988749895, 1.0);
    const double lightness = 0.38 + 0.08 * double((index / kColors.size()) % 3);
    return QColor::fromHslF(float(hue), 0.65f, float(lightness));
}

int paletteSlotForName(const QString &name, const QSet<int> &taken)
{
    // FNV-1a over UTF-8: qHash is seeded per process, and a colour that
    // changed with every start would be no better than the order it replaces.
    quint32 hash = 2166136261u;
    for (const char byte : name.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    const int home = int(hash % quint32(kPaletteSize));
    for (int step = 0; step < kPaletteSize; ++step) {
        const int slot = (home + step) % kPaletteSize;
        if (!taken.contains(slot))
            return slot;
    }
    int slot = kPaletteSize;
    while (taken.contains(slot))
        ++slot;
    return slot;
}

} // namespace ssescope::ui
