// Must not compile against core or the models: they link no Qt Widgets
// (see CMakeLists.txt here).
#include <QWidget>

int layerProbe()
{
    return sizeof(QWidget) > 0 ? 1 : 0;
}
