// Always in the status bar (behind Staff on a kiosk): not set up / off / "Cannot reach HOST —
// retrying in 8 s" (a countdown of the real reconnect timer) / connecting / syncing n of m / up
// to date (with the age of the last sync), and how many records wait to be sent. A click opens
// the sync panel: relay, device, last problem, recent events in words, "Sync now"/"Retry now".
#pragma once
#include "SyncWords.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPushButton>
#include <QTime>
#include <QTimer>

#include <memory>

namespace Ui {
class SyncPanel;
}

namespace feedback::app {

class AppSession;

class SyncPanel : public QDialog
{
    Q_OBJECT
public:
    explicit SyncPanel(AppSession &session, QWidget *parent = nullptr);
    ~SyncPanel() override;
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Event
    {
        QTime at;
        sync::SyncEvent kind;
        QJsonObject details;
    };
    void addEvent(sync::SyncEvent kind, const QJsonObject &details);
    void showEvents(); // again in the language now in use
    QString eventLine(const Event &event) const;
    AppSession &m_session;
    std::unique_ptr<Ui::SyncPanel> m_ui;
    QList<Event> m_events; // newest first
};

class SyncStatusWidget : public QPushButton
{
    Q_OBJECT
    Q_PROPERTY(QString syncState READ syncStateName)
    Q_PROPERTY(qint64 pending READ pending)
public:
    explicit SyncStatusWidget(AppSession &session, QWidget *parent = nullptr);
    QString syncStateName() const;
    qint64 pending() const;
    SyncPanel *panel() { return m_panel; }
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    AppSession &m_session;
    SyncPanel *m_panel;
    QTimer m_ageTimer;
    QTimer m_countdown; // while a retry is scheduled: the next whole second of its countdown
};

} // namespace feedback::app
