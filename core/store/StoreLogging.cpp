#include "StoreLogging.h"

Q_LOGGING_CATEGORY(lcStore, "ssescope.store", QtWarningMsg)
