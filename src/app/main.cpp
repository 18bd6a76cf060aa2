// courier-feedback: the desktop app (kiosk, dispatcher desk, field laptop).
#include "AppController.h"
#include "AppLanguage.h"
#include "AppStyle.h"
#include "DialogService.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("courier-feedback"));
    QApplication::setApplicationDisplayName(QStringLiteral("Courier Feedback"));
    QApplication::setOrganizationName(QStringLiteral("courier-feedback"));
    QApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("courier-feedback"));
    feedback::app::AppLanguage::apply(QString());
    feedback::app::applyAppStyle(app);

    bool exitNow = false;
    const auto options = feedback::app::AppOptions::parse(QApplication::arguments(), &exitNow);
    if (!options) {
        std::fprintf(stderr, "courier-feedback: %s\n", qPrintable(options.error()));
        return 2;
    }
    if (exitNow)
        return 0;
    feedback::app::DialogService dialogs;
    feedback::app::AppController controller(*options, dialogs);
    int status = 0;
    QObject::connect(&controller, &feedback::app::AppController::failed, &app,
                     [&status](const QString &reason) {
                         std::fprintf(stderr, "courier-feedback: %s\n", qPrintable(reason));
                         status = 1;
                         QApplication::exit(1);
                     });
    controller.start();
    const int code = QApplication::exec();
    return status ? status : code;
}
