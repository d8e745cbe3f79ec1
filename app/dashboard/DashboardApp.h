#pragma once

namespace ssescope::ui {

// The whole of the "ssescope" program, so that its main() stays one line.
int runDashboard(int argc, char *argv[]);

// Process settings the window wants before it starts: more open files (many
// streams), and few malloc arenas, because batches are built on network
// threads and freed on the GUI thread, which leaves per-thread arenas holding
// freed memory (measured: ~30 MB more resident with a million events held).
void prepareDashboardProcess();

// Why no window can open here, or empty when one can: checked before
// QApplication exists, because Qt aborts without a display.
const char *missingDisplayReason();

} // namespace ssescope::ui
