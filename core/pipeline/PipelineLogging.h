#pragma once

#include <QLoggingCategory>

// Diagnostics of the capture pipeline, off by default:
// QT_LOGGING_RULES="ssescope.pipeline.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcPipeline)
