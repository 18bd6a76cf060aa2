#include "RelayApp.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // Qt's GLib event dispatcher scans every socket each time one's write notifier is switched
    // off, which happens for each frame the relay sends: with 1,000 live devices that scan was a
    // third of the relay's CPU and doubled its fan-out p99 (ARCHITECTURE.md, "Fan-out"). The
    // relay runs no GLib code, so it takes Qt's own dispatcher unless told otherwise.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("feedback-relay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
    feedback::relay::RelayApp relay;
    const int code = relay.start(QCoreApplication::arguments());
    return code >= 0 ? code : app.exec();
}
