#pragma once

#include <QLoggingCategory>

// Diagnostics of the store, off by default: QT_LOGGING_RULES="ssescope.store.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcStore)
