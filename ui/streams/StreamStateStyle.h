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
// A warning beside a message (a stream that ignores TLS errors).
QIcon warningIcon();

} // namespace ssescope::ui
