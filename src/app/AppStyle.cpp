#include "AppStyle.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QRegularExpression>
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

QString kioskStyleSheet(double scale)
{
    QFile file(QStringLiteral(":/styles/kiosk.qss"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const QString sheet = QString::fromUtf8(file.readAll());
    static const QRegularExpression size(QStringLiteral("\\{(\\d+)\\}"));
    QString out;
    qsizetype last = 0;
    for (const QRegularExpressionMatch &m : size.globalMatch(sheet)) {
        out += QStringView(sheet).mid(last, m.capturedStart() - last);
        out += QString::number(qMax(1, qRound(m.captured(1).toInt() * scale)));
        last = m.capturedEnd();
    }
    out += QStringView(sheet).mid(last);
    return out;
}

} // namespace feedback::app
