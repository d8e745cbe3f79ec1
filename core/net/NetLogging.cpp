#include "NetLogging.h"

Q_LOGGING_CATEGORY(lcNet, "ssescope.net", QtWarningMsg)
