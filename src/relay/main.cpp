#include "RelayApp.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("feedback-relay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
    feedback::relay::RelayApp relay;
    const int code = relay.start(QCoreApplication::arguments());
    return code >= 0 ? code : app.exec();
}
