#pragma once

namespace ssescope::ui {

// The whole of the "ssescope" program, so that its main() stays one line.
int runDashboard(int argc, char *argv[]);

// Why no window can open here, or empty when one can: checked before
// QApplication exists, because Qt aborts without a display.
const char *missingDisplayReason();

} // namespace ssescope::ui
