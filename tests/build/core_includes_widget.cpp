// Must not compile: core/ links no Qt Widgets (see CMakeLists.txt here).
#include <QWidget>

int layerProbe()
{
    return sizeof(QWidget) > 0 ? 1 : 0;
}
