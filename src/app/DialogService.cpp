#include "DialogService.h"

#include <QApplication>
#include <QDesktopServices>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace feedback::app {

void DialogService::confirm(QWidget *parent, const QString &title, const QString &text,
                            const QString &accept, std::function<void(bool)> done)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    // Texts name devices, files and errors that come from other devices or the disk: never
    // markup (a device named "<img src=…>" would otherwise render as one).
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(accept, QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, yes, done] { done(box->clickedButton() == yes); });
    box->open();
}

void DialogService::askText(QWidget *parent, const QString &title, const QString &label,
                            bool secret, std::function<void(std::optional<QString>)> done)
{
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    if (auto *text = dialog->findChild<QLabel *>())
        text->setTextFormat(Qt::PlainText);
    dialog->setTextEchoMode(secret ? QLineEdit::Password : QLineEdit::Normal);
    QObject::connect(dialog, &QInputDialog::finished, dialog, [dialog, done](int result) {
        if (result == QDialog::Accepted)
            done(dialog->textValue());
        else
            done(std::nullopt);
    });
    dialog->open();
}

void DialogService::inform(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void DialogService::chooseSaveFile(QWidget *parent, const QString &title, const QString &suggested,
                                   const QString &filter, std::function<void(QString)> done)
{
    auto *dialog = new QFileDialog(parent, title, suggested, filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    QObject::connect(dialog, &QFileDialog::finished, dialog, [dialog, done](int result) {
        const QStringList files = dialog->selectedFiles();
        done(result == QDialog::Accepted && !files.isEmpty() ? files.first() : QString());
    });
    dialog->open();
}

void DialogService::notify(const QString &title, const QString &text)
{
    // One icon for the app's lifetime, shown only once there is something to tell.
    static QSystemTrayIcon *tray = [] {
        auto *icon = new QSystemTrayIcon(QApplication::windowIcon(), qApp);
        icon->setToolTip(QApplication::applicationDisplayName());
        return icon;
    }();
    if (QSystemTrayIcon::isSystemTrayAvailable() || QSystemTrayIcon::supportsMessages()) {
        tray->show();
        tray->showMessage(title, text, QSystemTrayIcon::Information);
    }
    // Without a tray the taskbar entry asks for attention instead.
    if (QWidget *window = QApplication::activeWindow() ? QApplication::activeWindow()
                                                       : QApplication::topLevelWidgets().value(0))
        QApplication::alert(window);
}

bool DialogService::openUrl(const QUrl &url)
{
    return QDesktopServices::openUrl(url);
}

} // namespace feedback::app
