// The app's look: Fusion with one style sheet (resources/styles/app.qss), so every mode shares
// colours, spacing and the large touch targets of the kiosk.
#pragma once

class QApplication;

namespace feedback::app {
void applyAppStyle(QApplication &app);
}
