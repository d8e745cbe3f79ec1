// Must compile: the twin of includes_widget.cpp, with what core may use.
#include <QObject>

int layerProbe()
{
    return sizeof(QObject) > 0 ? 1 : 0;
}
