// The line under a field that shows what is wrong with it. Its space is reserved: one line
// always, and a cleared message leaves the space it took until the form is reset. Errors then
// disappear without moving the controls below, so a customer's next tap lands on what they
// aimed at.
#pragma once
#include <QLabel>

namespace feedback::app {

class MessageLabel : public QLabel
{
    Q_OBJECT
public:
    explicit MessageLabel(QWidget *parent = nullptr);

    void showMessage(const QString &text); // empty: clears the text, keeps its space
    void releaseSpace();                   // back to one line (a new customer)

protected:
    void changeEvent(QEvent *event) override;

private:
    int oneLine() const;
};

} // namespace feedback::app
