// courier-feedback: the desktop app (kiosk, dispatcher desk, field laptop).
#include "AppController.h"
#include "AppLanguage.h"
#include "AppStyle.h"
#include "DialogService.h"

#include <QApplication>

#include <cstdio>

namespace {

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setOrganizationName(QStringLiteral("courier-feedback"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEEDBACK_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // The command line first, without a GUI: --help, --version and a wrong option must answer
    // (exit 0 or 2) on a machine without a display, where QApplication would abort in the
    // platform plugin.
    feedback::app::AppOptions options;
    {
        QCoreApplication cli(argc, argv);
        nameApplication();
        feedback::app::AppLanguage::apply(QString());
        bool exitNow = false;
        const auto parsed =
            feedback::app::AppOptions::parse(QCoreApplication::arguments(), &exitNow);
        if (!parsed) {
            std::fprintf(stderr, "courier-feedback: %s\n", qPrintable(parsed.error()));
            return 2;
        }
        if (exitNow)
            return 0;
        options = *parsed;
    }

    QApplication app(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Courier Feedback"));
    QApplication::setDesktopFileName(QStringLiteral("courier-feedback"));
    feedback::app::AppLanguage::apply(QString());
    feedback::app::applyAppStyle(app);

    feedback::app::DialogService dialogs;
    feedback::app::AppController controller(options, dialogs);
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
