// The dashboard. Everything it does lives in ui/ (and the engine in core/).
#include "app/dashboard/DashboardApp.h"

int main(int argc, char *argv[])
{
    return ssescope::ui::runDashboard(argc, argv);
}
