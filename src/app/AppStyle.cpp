#include "AppStyle.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QStyleFactory>

namespace feedback::app {

void applyAppStyle(QApplication &app)
{
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    QFile sheet(QStringLiteral(":/styles/app.qss"));
    if (sheet.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(sheet.readAll()));
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/courier-feedback.svg")));
}

} // namespace feedback::app
