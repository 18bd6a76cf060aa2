#include "FeedbackCtl.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setOrganizationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
    // The bytes as given: FeedbackCtl refuses arguments that are not UTF-8 before Qt would
    // decode them to replacement characters.
    QList<QByteArray> arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QByteArray(argv[i]));
    feedback::cli::FeedbackCtl ctl;
    QTimer::singleShot(0, &ctl, [&ctl, arguments] { ctl.start(arguments); });
    return app.exec();
}
