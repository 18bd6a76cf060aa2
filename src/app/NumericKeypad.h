// An on-screen number pad for touch-only kiosks: digits, backspace, "Next" and a key that types
// the order prefix ("ORD-"), so a typical order id needs no physical keyboard. It types into the
// focused field of those it serves by sending that field ordinary key events, so the field
// behaves exactly as with a keyboard or a barcode scanner: "Next" is the scanner's Enter.
// Its keys never take the focus.
#pragma once
#include <QPointer>
#include <QWidget>

class QInputDevice;
class QLineEdit;
class QPushButton;

namespace feedback::app {

class NumericKeypad : public QWidget
{
    Q_OBJECT
public:
    explicit NumericKeypad(QWidget *parent = nullptr);

    // The keypad types into `field` while it has the focus; `prefix` (may be empty) is what
    // the prefix key types there.
    void addField(QLineEdit *field, const QString &prefix = QString());
    QLineEdit *target() const;

    // "on", "off" or "auto" (the setting kiosk/keypad; FEEDBACK_KEYPAD overrides it). Auto shows
    // the keypad when the platform reports a touch screen and no physical keyboard.
    static bool wanted(const QString &setting, const QList<const QInputDevice *> &devices);
    static bool wanted(const QString &setting);

protected:
    void changeEvent(QEvent *event) override;

private:
    QPushButton *addKey(const QString &name, int row, int column, int columnSpan = 1);
    void type(int key, const QString &text);
    void follow(QWidget *focused);
    void retranslate();

    QList<std::pair<QLineEdit *, QString>> m_fields;
    QPointer<QLineEdit> m_target;
    QList<QPushButton *> m_keys;
    QPushButton *m_prefix;
    QPushButton *m_backspace;
    QPushButton *m_next;
};

} // namespace feedback::app
