// Always in the status bar: offline / connecting / syncing n of m / up to date (with the age of
// the last sync) / error with the reason, and how many records wait to be sent. A click opens
// the sync panel: relay, device, last problem, recent events, "Sync now".
#pragma once
#include <QDialog>
#include <QPushButton>
#include <QTimer>

#include <memory>

namespace Ui {
class SyncPanel;
}

namespace feedback::app {

class AppSession;

QString describeAge(const QDateTime &when, const QDateTime &now);

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
    void addEvent(const QString &kind, const QJsonObject &details);
    AppSession &m_session;
    std::unique_ptr<Ui::SyncPanel> m_ui;
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
};

QString syncSummary(const AppSession &session); // the status bar's words

} // namespace feedback::app
