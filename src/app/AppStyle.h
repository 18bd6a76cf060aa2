// The app's look: Fusion with one style sheet (resources/styles/app.qss), so every mode shares
// colours and spacing; the kiosk adds resources/styles/kiosk.qss, scaled to its screen.
#pragma once
#include <QString>

class QApplication;

namespace feedback::app {
void applyAppStyle(QApplication &app);
// The kiosk's sizes at `scale` (1.0: 1280x800): every {N} of kiosk.qss becomes N x scale pixels.
QString kioskStyleSheet(double scale);
} // namespace feedback::app
