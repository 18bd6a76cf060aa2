// Notices when nobody has touched the app for a while: any key, click, tap or wheel anywhere in
// the application restarts the countdown. The kiosk uses it to lock itself again when staff walk
// away without pressing "Lock kiosk". The interval is settable so tests need not wait minutes.
#pragma once
#include <QObject>
#include <QTimer>

namespace feedback::app {

class IdleWatch : public QObject
{
    Q_OBJECT
public:
    explicit IdleWatch(int intervalMs, QObject *parent = nullptr);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    void start(); // begins watching (again)
    void stop();
    bool isActive() const { return m_timer.isActive(); }

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
};

} // namespace feedback::app
