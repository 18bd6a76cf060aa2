#include "CaptureForm.h"

#include "AppSession.h"
#include "FlowLayout.h"
#include "ReasonNames.h"
#include "StarRating.h"
#include "ui_CaptureForm.h"

#include <QEvent>
#include <QRegularExpression>
#include <QStyle>

#include <core/Validation.h>

namespace feedback::app {

CaptureForm::CaptureForm(AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::CaptureForm>())
{
    m_ui->setupUi(this);
    auto *ratingLayout = new QHBoxLayout(m_ui->ratingHost);
    ratingLayout->setContentsMargins(0, 0, 0, 0);
    m_rating = new StarRating(m_ui->ratingHost);
    m_rating->setObjectName(QStringLiteral("ratingStars"));
    ratingLayout->addWidget(m_rating);
    ratingLayout->addStretch();
    m_ui->ratingLabel->setBuddy(m_rating);

    auto *chips = new FlowLayout(m_ui->reasonsHost);
    for (const QString &tag : m_session.store().book().validator().catalog().tags()) {
        auto *chip = new QPushButton(reasonLabel(tag), m_ui->reasonsHost);
        chip->setObjectName(QStringLiteral("reason_") + tag);
        chip->setCheckable(true);
        chip->setProperty("class", QStringLiteral("chip"));
        chip->setProperty("tag", tag);
        chip->setAccessibleName(tr("Reason: %1").arg(reasonLabel(tag)));
        chips->addWidget(chip);
        m_reasons.append(chip);
    }

    QWidget *previous = m_ui->courierIdEdit;
    setTabOrder(m_ui->orderIdEdit, m_ui->courierIdEdit);
    setTabOrder(previous, m_rating);
    previous = m_rating;
    for (QPushButton *chip : std::as_const(m_reasons)) {
        setTabOrder(previous, chip);
        previous = chip;
    }
    setTabOrder(previous, m_ui->commentEdit);

    // A scanner types the number and presses Enter: move on, never submit half a form.
    connect(m_ui->orderIdEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_ui->courierIdEdit->text().isEmpty())
            m_ui->courierIdEdit->setFocus(Qt::TabFocusReason);
        else
            m_rating->setFocus(Qt::TabFocusReason);
    });
    connect(m_ui->courierIdEdit, &QLineEdit::returnPressed, this,
            [this] { m_rating->setFocus(Qt::TabFocusReason); });
    connect(m_ui->orderIdEdit, &QLineEdit::textEdited, this,
            [this] { showError(m_ui->orderIdError, QString()); });
    connect(m_ui->courierIdEdit, &QLineEdit::textEdited, this,
            [this] { showError(m_ui->courierIdError, QString()); });
    connect(m_rating, &StarRating::ratingChanged, this, &CaptureForm::onRatingChanged);
    connect(m_ui->followUpCheck, &QCheckBox::clicked, this, [this] { m_followUpChosen = true; });
    connect(m_ui->commentEdit, &QPlainTextEdit::textChanged, this, &CaptureForm::updateCounter);
    connect(m_ui->submitButton, &QPushButton::clicked, this, &CaptureForm::submit);
    for (QLineEdit *edit : {m_ui->orderIdEdit, m_ui->courierIdEdit})
        connect(edit, &QLineEdit::textEdited, this, &CaptureForm::edited);
    connect(m_ui->commentEdit, &QPlainTextEdit::textChanged, this, &CaptureForm::edited);
    connect(m_rating, &StarRating::ratingChanged, this, &CaptureForm::edited);
    for (QAbstractButton *button :
         std::initializer_list<QAbstractButton *>{m_ui->consentCheck, m_ui->followUpCheck})
        connect(button, &QAbstractButton::clicked, this, &CaptureForm::edited);
    for (QPushButton *chip : std::as_const(m_reasons))
        connect(chip, &QPushButton::clicked, this, &CaptureForm::edited);
    reset();
}

CaptureForm::~CaptureForm() = default;

void CaptureForm::setKioskStyle(bool kiosk)
{
    m_rating->setStarSize(kiosk ? 56 : 28);
    setProperty("kiosk", kiosk);
}

void CaptureForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        for (QPushButton *chip : std::as_const(m_reasons))
            chip->setText(reasonLabel(chip->property("tag").toString()));
        updateCounter();
    }
    QWidget::changeEvent(event);
}

void CaptureForm::reset()
{
    // setText, not clear(): clear() can be undone, and Ctrl+Z would show the next customer the
    // previous one's numbers.
    m_ui->orderIdEdit->setText(QString());
    m_ui->courierIdEdit->setText(QString());
    m_rating->setRating(0);
    for (QPushButton *chip : std::as_const(m_reasons))
        chip->setChecked(false);
    m_ui->commentEdit->clear();
    m_ui->consentCheck->setChecked(false);
    m_ui->followUpCheck->setChecked(false);
    m_followUpChosen = false;
    clearErrors();
    updateCounter();
    m_ui->orderIdEdit->setFocus(Qt::OtherFocusReason);
}

void CaptureForm::onRatingChanged(int rating)
{
    showError(m_ui->ratingError, QString());
    // Low ratings usually deserve a call back; the person can still untick it.
    if (!m_followUpChosen)
        m_ui->followUpCheck->setChecked(rating > 0 && rating <= 2);
}

void CaptureForm::updateCounter()
{
    const qsizetype used = characterCount(m_ui->commentEdit->toPlainText());
    m_ui->commentCounter->setText(tr("%1 / %2").arg(used).arg(limits::kCommentMaxChars));
    const bool over = used > limits::kCommentMaxChars;
    m_ui->commentCounter->setProperty("class",
                                      over ? QStringLiteral("error") : QStringLiteral("hint"));
    m_ui->commentCounter->style()->unpolish(m_ui->commentCounter);
    m_ui->commentCounter->style()->polish(m_ui->commentCounter);
    showError(m_ui->commentError,
              over ? tr("Please shorten the comment by %n character(s).", nullptr,
                        static_cast<int>(used - limits::kCommentMaxChars))
                   : QString());
}

void CaptureForm::showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void CaptureForm::setStatus(const QString &text)
{
    showError(m_ui->statusLabel, text);
}

QString CaptureForm::status() const
{
    return m_ui->statusLabel->text();
}

void CaptureForm::clearErrors()
{
    for (QLabel *label : {m_ui->orderIdError, m_ui->courierIdError, m_ui->ratingError,
                          m_ui->commentError, m_ui->statusLabel})
        showError(label, QString());
}

std::optional<NewFeedback> CaptureForm::collect()
{
    clearErrors();
    bool ok = true;
    QWidget *firstBad = nullptr;
    auto bad = [&](QLabel *label, QWidget *field, const QString &text) {
        showError(label, text);
        ok = false;
        if (!firstBad)
            firstBad = field;
    };
    NewFeedback input;
    input.orderId = m_ui->orderIdEdit->text().trimmed();
    static const QRegularExpression orderPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]*$"));
    if (input.orderId.isEmpty())
        bad(m_ui->orderIdError, m_ui->orderIdEdit, tr("Scan or type the order number."));
    else if (!orderPattern.match(input.orderId).hasMatch())
        bad(m_ui->orderIdError, m_ui->orderIdEdit,
            tr("An order number has only letters, digits and dashes, like ORD-123456."));
    bool number = false;
    input.courierId = m_ui->courierIdEdit->text().trimmed().toLongLong(&number);
    if (!number || input.courierId <= 0 || input.courierId > limits::kCourierIdMax)
        bad(m_ui->courierIdError, m_ui->courierIdEdit,
            tr("Type the courier number from the badge (digits only)."));
    input.rating = m_rating->rating();
    if (input.rating == 0)
        bad(m_ui->ratingError, m_rating, tr("Choose from 1 to 5 stars."));
    for (QPushButton *chip : std::as_const(m_reasons)) {
        if (chip->isChecked())
            input.reasons.append(chip->property("tag").toString());
    }
    input.comment = m_ui->commentEdit->toPlainText().trimmed();
    if (characterCount(input.comment) > limits::kCommentMaxChars)
        bad(m_ui->commentError, m_ui->commentEdit, m_ui->commentError->text());
    input.publishConsent = m_ui->consentCheck->isChecked();
    input.needsFollowUp = m_ui->followUpCheck->isChecked();
    // The domain's own rules have the last word (a newer catalog, control characters...).
    if (ok) {
        for (const FieldError &e : m_session.store().book().validator().validate(input)) {
            if (e.field == QLatin1String("orderId"))
                bad(m_ui->orderIdError, m_ui->orderIdEdit, e.message);
            else if (e.field == QLatin1String("courierId"))
                bad(m_ui->courierIdError, m_ui->courierIdEdit, e.message);
            else if (e.field == QLatin1String("rating"))
                bad(m_ui->ratingError, m_rating, e.message);
            else
                bad(m_ui->commentError, m_ui->commentEdit, e.message);
        }
    }
    if (firstBad)
        firstBad->setFocus(Qt::OtherFocusReason);
    return ok ? std::optional<NewFeedback>(input) : std::nullopt;
}

bool CaptureForm::submit()
{
    const auto input = collect();
    if (!input)
        return false;
    const auto id = m_session.submit(*input);
    if (!id) {
        // The disk refused: keep everything typed, say so, let the person try again.
        showError(m_ui->statusLabel, tr("Could not save: %1").arg(id.error()));
        return false;
    }
    reset();
    showError(m_ui->statusLabel, tr("Saved on this device. It will be sent when online."));
    Q_EMIT submitted(*id);
    return true;
}

} // namespace feedback::app
