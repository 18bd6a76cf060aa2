#include "KioskView.h"

#include "AppSession.h"
#include "CaptureForm.h"
#include "DialogService.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace feedback::app {

KioskView::KioskView(AppSession &session, DialogService &dialogs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dialogs(dialogs)
{
    setProperty("kiosk", true);
    auto *outer = new QVBoxLayout(this);
    auto *top = new QHBoxLayout();
    top->addStretch();
    m_leave = new QPushButton(this);
    m_leave->setObjectName(QStringLiteral("kioskLeaveButton"));
    m_leave->setFlat(true);
    m_leave->setProperty("class", QStringLiteral("quiet"));
    m_leave->setFocusPolicy(Qt::NoFocus); // staff only: not in the customer's tab order
    top->addWidget(m_leave);
    outer->addLayout(top);

    m_pages = new QStackedWidget(this);
    outer->addWidget(m_pages, 1);

    auto *formPage = new QWidget(m_pages);
    auto *formLayout = new QHBoxLayout(formPage);
    m_form = new CaptureForm(session, formPage);
    m_form->setObjectName(QStringLiteral("captureForm"));
    m_form->setKioskStyle(true);
    m_form->setMaximumWidth(820);
    formLayout->addStretch();
    formLayout->addWidget(m_form, 4);
    formLayout->addStretch();
    m_pages->addWidget(formPage);

    auto *thanksPage = new QWidget(m_pages);
    thanksPage->setObjectName(QStringLiteral("thankYouPage"));
    auto *thanksLayout = new QVBoxLayout(thanksPage);
    m_thanks = new QLabel(thanksPage);
    m_thanks->setProperty("class", QStringLiteral("hero"));
    m_thanks->setAlignment(Qt::AlignCenter);
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
    auto *staff = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+L")), this);
    connect(staff, &QShortcut::activated, this, &KioskView::requestLeave);
    retranslate();
    showForm();
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
