// Every question the app asks a person goes through here, asynchronously (no nested event loop
// from exec()): the real implementation opens window-modal dialogs, tests answer from a script.
// So does everything that leaves the window: a desktop notification, a link opened in the
// browser.
#pragma once
#include <QString>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <optional>

namespace feedback::app {

class DialogService
{
public:
    virtual ~DialogService() = default;
    // Yes/no; `accept` labels the button that says yes.
    virtual void confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &accept, std::function<void(bool)> done);
    // A line of text (secret: a PIN or passphrase, not echoed); nullopt when cancelled.
    virtual void askText(QWidget *parent, const QString &title, const QString &label, bool secret,
                         std::function<void(std::optional<QString>)> done);
    virtual void inform(QWidget *parent, const QString &title, const QString &text);
    // A file to write; an empty string when cancelled.
    virtual void chooseSaveFile(QWidget *parent, const QString &title, const QString &suggested,
                                const QString &filter, std::function<void(QString)> done);
    // A desktop notification (the system tray's, which the desktop shows as a freedesktop
    // notification): plain text, never feedback a customer wrote.
    virtual void notify(const QString &title, const QString &text);
    // The browser (QDesktopServices); false when nothing could open it.
    virtual bool openUrl(const QUrl &url);
};

} // namespace feedback::app
