#pragma once

#include "core/net/SubscriptionStatus.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace ssescope::ui {

// Each state has its own colour *and* shape, so it reads without colour too.
QColor stateColor(SubscriptionState state);
QIcon stateIcon(SubscriptionState state);
QString stateLabel(SubscriptionState state); // translated, for people

} // namespace ssescope::ui
