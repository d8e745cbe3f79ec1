#pragma once

#include <QLoggingCategory>

// Diagnostics of the network side, off by default: enable with
// QT_LOGGING_RULES="ssescope.net.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcNet)
