#include "FeedbackCtl.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setOrganizationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
    feedback::cli::FeedbackCtl ctl;
    QTimer::singleShot(0, &ctl, [&ctl] { ctl.start(QCoreApplication::arguments()); });
    return app.exec();
}
