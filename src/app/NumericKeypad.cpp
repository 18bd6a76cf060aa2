#include "NumericKeypad.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QInputDevice>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace feedback::app {

NumericKeypad::NumericKeypad(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("numericKeypad"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    // Phone order (1 at the top left), as on card terminals; prefix and backspace above the
    // digits, "Next" wide beside the 0 where the thumb ends.
    m_prefix = addKey(QStringLiteral("keypadPrefix"), 0, 0, 2);
    m_backspace = addKey(QStringLiteral("keypadBackspace"), 0, 2);
    m_backspace->setAutoRepeat(true);
    for (int digit = 1; digit <= 9; ++digit) {
        QPushButton *key =
            addKey(QStringLiteral("keypadKey%1").arg(digit), 1 + (digit - 1) / 3, (digit - 1) % 3);
        key->setText(QString::number(digit));
        connect(key, &QPushButton::clicked, this,
                [this, digit] { type(Qt::Key_0 + digit, QString::number(digit)); });
    }
    QPushButton *zero = addKey(QStringLiteral("keypadKey0"), 4, 0);
    zero->setText(QStringLiteral("0"));
    connect(zero, &QPushButton::clicked, this, [this] { type(Qt::Key_0, QStringLiteral("0")); });
    m_next = addKey(QStringLiteral("keypadNext"), 4, 1, 2);
    m_backspace->setText(QStringLiteral("⌫"));
    connect(m_backspace, &QPushButton::clicked, this, [this] { type(Qt::Key_Backspace, {}); });
    connect(m_next, &QPushButton::clicked, this, [this] { type(Qt::Key_Return, {}); });
    connect(m_prefix, &QPushButton::clicked, this, [this] {
        for (const auto &[field, prefix] : std::as_const(m_fields)) {
            if (field == m_target && !m_target->text().startsWith(prefix))
                type(Qt::Key_unknown, prefix);
        }
    });
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *now) { follow(now); });
    retranslate();
    follow(QApplication::focusWidget());
}

QPushButton *NumericKeypad::addKey(const QString &name, int row, int column, int columnSpan)
{
    auto *key = new QPushButton(this);
    key->setObjectName(name);
    key->setProperty("class", QStringLiteral("key"));
    key->setFocusPolicy(Qt::NoFocus); // typing goes to the field, which keeps the focus
    key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    static_cast<QGridLayout *>(layout())->addWidget(key, row, column, 1, columnSpan);
    m_keys.append(key);
    return key;
}

void NumericKeypad::addField(QLineEdit *field, const QString &prefix)
{
    m_fields.append({field, prefix});
    retranslate();
    follow(QApplication::focusWidget());
}

QLineEdit *NumericKeypad::target() const
{
    return m_target;
}

void NumericKeypad::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NumericKeypad::retranslate()
{
    m_backspace->setAccessibleName(tr("Delete the last character"));
    m_next->setText(tr("Next"));
    m_next->setAccessibleName(tr("Next field"));
    QString prefix;
    for (const auto &[field, fieldPrefix] : std::as_const(m_fields)) {
        if (!fieldPrefix.isEmpty())
            prefix = fieldPrefix;
    }
    m_prefix->setText(prefix);
    m_prefix->setAccessibleName(tr("Type %1").arg(prefix));
    m_prefix->setVisible(!prefix.isEmpty());
    for (QPushButton *key : std::as_const(m_keys)) {
        if (key->accessibleName().isEmpty())
            key->setAccessibleName(key->text());
    }
}

void NumericKeypad::follow(QWidget *focused)
{
    m_target = nullptr;
    QString prefix;
    for (const auto &[field, fieldPrefix] : std::as_const(m_fields)) {
        if (field == focused) {
            m_target = field;
            prefix = fieldPrefix;
        }
    }
    // Keys that would type nowhere are shown disabled rather than hidden: the layout stays put.
    for (QPushButton *key : std::as_const(m_keys))
        key->setEnabled(m_target != nullptr);
    m_prefix->setEnabled(m_target && !prefix.isEmpty());
}

void NumericKeypad::type(int key, const QString &text)
{
    if (!m_target)
        return;
    // Real key events: the field validates, emits textEdited and returnPressed exactly as when
    // a keyboard or a scanner types.
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(m_target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    if (m_target)
        QCoreApplication::sendEvent(m_target, &release);
}

bool NumericKeypad::wanted(const QString &setting, const QList<const QInputDevice *> &devices)
{
    if (setting == QLatin1String("on"))
        return true;
    if (setting == QLatin1String("off"))
        return false;
    // The X server's virtual keyboards, ACPI buttons and the media keys of mice, webcams and
    // touch screens report themselves as keyboards on nearly every PC; none lets anyone type a
    // number. (Under Xvfb, Qt 6.4 lists "Virtual core keyboard", "Virtual core XTEST keyboard"
    // and "Xvfb keyboard": the last one counts.)
    static const QRegularExpression notTyping(
        QStringLiteral("virtual|xtest|button|video bus|switch|hotkey|wmi|speaker|webcam|"
                       "hid events|gpio|consumer control|system control"),
        QRegularExpression::CaseInsensitiveOption);
    bool touch = false;
    bool keyboard = false;
    for (const QInputDevice *device : devices) {
        if (device->type() == QInputDevice::DeviceType::TouchScreen)
            touch = true;
        else if (device->type() == QInputDevice::DeviceType::Keyboard &&
                 !notTyping.match(device->name()).hasMatch())
            keyboard = true;
    }
    return touch && !keyboard;
}

bool NumericKeypad::wanted(const QString &setting)
{
    const QByteArray forced = qgetenv("FEEDBACK_KEYPAD");
    return wanted(forced.isEmpty() ? setting : QString::fromLatin1(forced),
                  QInputDevice::devices());
}

} // namespace feedback::app
