#include "KioskView.h"

#include "AppSession.h"
#include "AppSettings.h"
#include "AppStyle.h"
#include "CaptureForm.h"
#include "DialogService.h"
#include "NumericKeypad.h"
#include "StatusDot.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <common/LogCategories.h>

namespace feedback::app {

namespace {
// The form is laid out for this size; larger screens scale it up (see kiosk.qss).
constexpr double kBaseWidth = 1280;
constexpr double kBaseHeight = 800;
} // namespace

KioskView::KioskView(AppSession &session, DialogService &dialogs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dialogs(dialogs)
{
    setProperty("kiosk", true);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_staffBar = buildStaffBar();
    outer->addWidget(m_staffBar);

    // The staff's corner: a neutral dot and the discreet Staff button, beside the form's title.
    auto *corner = new QWidget(this);
    corner->setObjectName(QStringLiteral("kioskCorner"));
    auto *top = new QHBoxLayout(corner);
    top->setContentsMargins(0, 0, 0, 0);
    m_dot = new StatusDot(session, corner);
    top->addWidget(m_dot, 0, Qt::AlignVCenter);
    m_leave = new QPushButton(corner);
    m_leave->setObjectName(QStringLiteral("kioskLeaveButton"));
    m_leave->setFlat(true);
    m_leave->setProperty("class", QStringLiteral("quiet"));
    m_leave->setFocusPolicy(Qt::NoFocus); // staff only: not in the customer's tab order
    top->addWidget(m_leave);

    m_pages = new QStackedWidget(this);
    outer->addWidget(m_pages, 1);
    m_pages->addWidget(buildFormPage());
    m_form->setCornerWidget(corner);

    auto *thanksPage = new QWidget(m_pages);
    thanksPage->setObjectName(QStringLiteral("thankYouPage"));
    auto *thanksLayout = new QVBoxLayout(thanksPage);
    m_thanks = new QLabel(thanksPage);
    m_thanks->setProperty("class", QStringLiteral("hero"));
    m_thanks->setAlignment(Qt::AlignCenter);
    m_thanks->setWordWrap(true);
    m_thanksDetail = new QLabel(thanksPage);
    m_thanksDetail->setAlignment(Qt::AlignCenter);
    m_thanksDetail->setWordWrap(true);
    m_again = new QPushButton(thanksPage);
    m_again->setObjectName(QStringLiteral("newFeedbackButton"));
    m_again->setProperty("class", QStringLiteral("primary"));
    thanksLayout->addStretch();
    thanksLayout->addWidget(m_thanks);
    thanksLayout->addWidget(m_thanksDetail);
    thanksLayout->addWidget(m_again, 0, Qt::AlignCenter);
    thanksLayout->addStretch();
    m_pages->addWidget(thanksPage);

    m_reset.setSingleShot(true);
    m_reset.setInterval(6000);
    connect(&m_reset, &QTimer::timeout, this, &KioskView::showForm);
    connect(m_again, &QPushButton::clicked, this, &KioskView::showForm);
    connect(m_form, &CaptureForm::submitted, this, &KioskView::showThanks);
    m_idle.setSingleShot(true);
    m_idle.setInterval(90000);
    connect(m_form, &CaptureForm::edited, &m_idle, qOverload<>(&QTimer::start));
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!isThankingYou())
            m_form->reset();
    });
    connect(m_leave, &QPushButton::clicked, this, &KioskView::requestLeave);
    m_leaveShortcut = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+L")), this);
    connect(m_leaveShortcut, &QShortcut::activated, this, &KioskView::requestLeave);
    retranslate();
    applyKeypadSetting();
    applyScale(1.0);
    setStaffMode(false, nullptr, 0);
    showForm();
}

QWidget *KioskView::buildFormPage()
{
    // Centred in both directions, as wide as the scale allows; a scroll area only where the
    // screen is smaller than the form (below 1280x800), so nothing is ever cut off.
    m_scroll = new QScrollArea(m_pages);
    m_scroll->setObjectName(QStringLiteral("kioskScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    auto *content = new QWidget(m_scroll);
    content->setObjectName(QStringLiteral("kioskFormPage"));
    auto *rows = new QVBoxLayout(content);
    auto *columns = new QHBoxLayout();
    m_form = new CaptureForm(m_session, content);
    m_form->setObjectName(QStringLiteral("captureForm"));
    m_form->setKioskStyle(true);
    m_keypad = new NumericKeypad(m_form);
    m_form->setKeypad(m_keypad);
    columns->addStretch();
    columns->addWidget(m_form, 100);
    columns->addStretch();
    rows->addStretch(1);
    rows->addLayout(columns);
    rows->addStretch(1);
    m_scroll->setWidget(content);
    return m_scroll;
}

QWidget *KioskView::buildStaffBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("kioskStaffBar"));
    bar->setAttribute(Qt::WA_StyledBackground);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(12, 6, 12, 6);
    m_staffText = new QLabel(bar);
    m_staffText->setObjectName(QStringLiteral("staffModeText"));
    m_staffText->setWordWrap(true);
    layout->addWidget(m_staffText, 1);
    m_keypadLabel = new QLabel(bar);
    layout->addWidget(m_keypadLabel);
    m_keypadCombo = new QComboBox(bar);
    m_keypadCombo->setObjectName(QStringLiteral("keypadSettingCombo"));
    for (const char *value : {"auto", "on", "off"})
        m_keypadCombo->addItem(QString(), QString::fromLatin1(value));
    m_keypadLabel->setBuddy(m_keypadCombo);
    layout->addWidget(m_keypadCombo);
    connect(m_keypadCombo, &QComboBox::activated, this, [this] {
        if (Status s = m_session.profile().set(settings::kKeypad,
                                               m_keypadCombo->currentData().toString());
            !s) // the keypad still follows the choice, until the app restarts
            qCWarning(lcApp) << "cannot save the keypad setting:" << s.error();
        applyKeypadSetting();
    });
    m_lockButton = new QToolButton(bar);
    m_lockButton->setObjectName(QStringLiteral("lockKioskButton"));
    m_lockButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_lockButton);
    return bar;
}

void KioskView::applyKeypadSetting()
{
    const QString setting = m_session.profile().get(settings::kKeypad);
    m_keypad->setVisible(NumericKeypad::wanted(setting));
    m_keypadCombo->setCurrentIndex(qMax(0, m_keypadCombo->findData(setting)));
}

void KioskView::setStaffMode(bool staff, QAction *lock, int relockMinutes)
{
    m_staff = staff;
    m_relockMinutes = relockMinutes;
    if (lock)
        m_lockButton->setDefaultAction(lock);
    m_staffBar->setVisible(staff);
    m_leave->setVisible(!staff);
    m_leaveShortcut->setEnabled(!staff);
    retranslate();
}

void KioskView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Steps of 5 %: a window a few pixels smaller must not restyle everything.
    const double fit = qMin(width() / kBaseWidth, height() / kBaseHeight);
    applyScale(qBound(0.75, std::floor(fit * 20) / 20, 2.0));
}

void KioskView::applyScale(double scale)
{
    if (qFuzzyCompare(scale, m_scale))
        return;
    m_scale = scale;
    setStyleSheet(kioskStyleSheet(scale));
    m_form->setScale(scale);
    m_form->setMaximumWidth(qRound((kBaseWidth - 48) * scale));
    const int margin = qRound(24 * scale);
    m_scroll->widget()->layout()->setContentsMargins(margin, qRound(8 * scale), margin,
                                                     qRound(8 * scale));
}

void KioskView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KioskView::retranslate()
{
    m_leave->setText(tr("Staff"));
    m_leave->setAccessibleName(tr("Leave kiosk mode (staff, needs the PIN)"));
    m_thanks->setText(tr("Thank you!"));
    m_thanksDetail->setText(tr("Your feedback was saved. It helps us deliver better."));
    m_again->setText(tr("Give more feedback"));
    m_staffText->setText(
        tr("Staff mode. The kiosk locks itself again after %n minute(s) without use.", nullptr,
           m_relockMinutes));
    m_keypadLabel->setText(tr("On-screen &keypad:"));
    m_keypadCombo->setAccessibleName(tr("On-screen keypad"));
    m_keypadCombo->setItemText(0, tr("Automatic (touch screen, no keyboard)"));
    m_keypadCombo->setItemText(1, tr("Always"));
    m_keypadCombo->setItemText(2, tr("Never"));
}

bool KioskView::isThankingYou() const
{
    return m_pages->currentIndex() == 1;
}

void KioskView::showThanks()
{
    m_pages->setCurrentIndex(1);
    m_again->setFocus();
    m_reset.start();
}

void KioskView::showForm()
{
    m_reset.stop();
    m_form->reset();
    m_pages->setCurrentIndex(0);
    m_form->reset(); // focus lands on the order number now that the page is visible
}

void KioskView::requestLeave()
{
    const QString pin = m_session.kioskPin();
    if (pin.isEmpty()) {
        Q_EMIT leaveGranted(); // no PIN set: the settings warn about it
        return;
    }
    if (m_lockedSince.isValid() && m_lockedSince.elapsed() < m_lockoutMs) {
        const int seconds = int((m_lockoutMs - m_lockedSince.elapsed()) / 1000 + 1);
        m_dialogs.inform(this, tr("Leave kiosk mode"),
                         tr("Too many wrong PINs. Try again in %n second(s).", nullptr, seconds));
        return;
    }
    m_dialogs.askText(this, tr("Leave kiosk mode"), tr("Staff PIN:"), true,
                      [this, pin](const std::optional<QString> &typed) {
                          if (!typed)
                              return;
                          if (*typed == pin) {
                              m_failedPins = 0;
                              Q_EMIT leaveGranted();
                              return;
                          }
                          // From the third wrong PIN on, each one doubles a waiting time:
                          // guessing a four-digit PIN at the counter takes days, not minutes.
                          if (++m_failedPins >= 3) {
                              m_lockoutMs = 30000LL << std::min(m_failedPins - 3, 10);
                              m_lockedSince.start();
                          }
                          m_dialogs.inform(this, tr("Leave kiosk mode"),
                                           tr("That PIN is not right."));
                      });
}

} // namespace feedback::app
