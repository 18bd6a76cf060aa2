// What a locked kiosk shows of sync: a small neutral dot, no words. Customers need nothing
// technical ("Offline · 3 waiting" reads like a fault); staff who know can tell at a glance that
// everything entered here has been sent (filled) or that some feedback still waits (a ring),
// and find the details behind the Staff button.
#pragma once
#include <QWidget>

namespace feedback::app {

class AppSession;

class StatusDot : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(bool allSent READ allSent)
public:
    explicit StatusDot(AppSession &session, QWidget *parent = nullptr);
    bool allSent() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    AppSession &m_session;
};

} // namespace feedback::app
