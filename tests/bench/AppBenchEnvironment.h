// What the desktop app's benchmarks set before their QApplication: offscreen unless a display
// was asked for, the quick key derivation, no keychain.
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace feedback::bench {

inline void useAppBenchEnvironment()
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("FEEDBACK_KDF", "interactive");
    qputenv("FEEDBACK_KEYCHAIN", "off");
}

} // namespace feedback::bench
