#include "PipelineLogging.h"

Q_LOGGING_CATEGORY(lcPipeline, "ssescope.pipeline", QtWarningMsg)
