#include "CaptureForm.h"

#include "AppSession.h"
#include "AppSettings.h"
#include "FlowLayout.h"
#include "MessageLabel.h"
#include "NumericKeypad.h"
#include "ReasonNames.h"
#include "StarRating.h"
#include "ui_CaptureForm.h"

#include <QEvent>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QStyle>
#include <QTextDocument>

#include <core/ContactDetails.h>
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
    m_ui->ratingError->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_ui->ratingLabel->setBuddy(m_rating);

    auto *chips = new FlowLayout(m_ui->reasonsHost);
    for (const QString &tag : m_session.reasonTags()) {
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
    // The stars clear their message and nothing else: whether to be contacted is the customer's
    // own choice, never preset by a rating. A low rating raises the dispatcher's follow-up flag
    // instead (FeedbackBook::create), which the customer never sees.
    connect(m_rating, &StarRating::ratingChanged, this,
            [this] { showError(m_ui->ratingError, QString()); });
    // The customer's own request: only they tick it (no rating does), and only then is the
    // line for their phone or e-mail shown. Its space stays reserved while hidden, so ticking
    // the box moves nothing under the customer's finger.
    QSizePolicy contactPolicy = m_ui->contactHost->sizePolicy();
    contactPolicy.setRetainSizeWhenHidden(true);
    m_ui->contactHost->setSizePolicy(contactPolicy);
    connect(m_ui->contactCheck, &QCheckBox::toggled, m_ui->contactHost, &QWidget::setVisible);
    connect(m_ui->contactEdit, &QLineEdit::textEdited, this,
            [this] { showError(m_ui->contactError, QString()); });
    connect(m_ui->commentEdit, &QPlainTextEdit::textChanged, this, &CaptureForm::updateCounter);
    connect(m_ui->submitButton, &QPushButton::clicked, this, &CaptureForm::submit);
    for (QLineEdit *edit : {m_ui->orderIdEdit, m_ui->courierIdEdit, m_ui->contactEdit})
        connect(edit, &QLineEdit::textEdited, this, &CaptureForm::edited);
    connect(m_ui->commentEdit, &QPlainTextEdit::textChanged, this, &CaptureForm::edited);
    connect(m_rating, &StarRating::ratingChanged, this, &CaptureForm::edited);
    for (QAbstractButton *button :
         std::initializer_list<QAbstractButton *>{m_ui->consentCheck, m_ui->contactCheck})
        connect(button, &QAbstractButton::clicked, this, &CaptureForm::edited);
    for (QPushButton *chip : std::as_const(m_reasons))
        connect(chip, &QPushButton::clicked, this, &CaptureForm::edited);
    // The consent texts are labels beside their boxes so that they wrap (a checkbox's own text
    // never does, and was cut mid-word in German); a tap on the words ticks the box too.
    for (QLabel *text : {m_ui->consentText, m_ui->contactText})
        text->installEventFilter(this);
    for (QWidget *sized : std::initializer_list<QWidget *>{m_ui->commentEdit, m_ui->commentCounter})
        sized->installEventFilter(this); // their type size sets their size
    placeSidePanel(false);
    fitComment();
    reset();
}

CaptureForm::~CaptureForm() = default;

void CaptureForm::setKioskStyle(bool kiosk)
{
    m_kiosk = kiosk;
    setProperty("kiosk", kiosk);
    placeSidePanel(kiosk);
    setScale(1.0);
}

void CaptureForm::setScale(double scale)
{
    m_rating->setStarSize(qRound((m_kiosk ? 56 : 28) * scale));
    // The gaps grow with the type, so a larger screen shows the same form, larger.
    m_ui->outerLayout->setHorizontalSpacing(qRound(32 * scale));
    m_ui->outerLayout->setVerticalSpacing(qRound(12 * scale));
    m_ui->formLayout->setHorizontalSpacing(qRound(20 * scale));
    m_ui->formLayout->setVerticalSpacing(qRound(2 * scale));
    m_ui->sideLayout->setSpacing(qRound(12 * scale));
    fitComment();
}

void CaptureForm::placeSidePanel(bool beside)
{
    // The kiosk: keypad and Send in a column right of the fields, where a thumb reaches both.
    // Elsewhere: Send under the form, at the right.
    QGridLayout *grid = m_ui->outerLayout;
    grid->setColumnStretch(0, 1); // the fields take the width; the side column what it needs
    grid->setColumnStretch(1, 0);
    grid->setRowStretch(3, 1); // spare height below the form, never between its rows
    grid->removeItem(m_ui->sideLayout);
    if (beside)
        grid->addLayout(m_ui->sideLayout, 1, 1);
    else
        grid->addLayout(m_ui->sideLayout, 2, 0);
    m_ui->sideSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                 beside ? QSizePolicy::Expanding : QSizePolicy::Fixed);
    m_ui->sideLayout->setAlignment(m_ui->submitButton, beside ? Qt::Alignment() : Qt::AlignRight);
    m_ui->keypadHost->setVisible(beside);
}

void CaptureForm::setKeypad(NumericKeypad *keypad)
{
    if (!m_ui->keypadHost->layout()) {
        auto *layout = new QVBoxLayout(m_ui->keypadHost);
        layout->setContentsMargins(0, 0, 0, 0);
    }
    keypad->setParent(m_ui->keypadHost);
    m_ui->keypadHost->layout()->addWidget(keypad);
    keypad->addField(m_ui->orderIdEdit, orderPrefix());
    keypad->addField(m_ui->courierIdEdit);
    keypad->addField(m_ui->contactEdit); // a phone number, at least
}

QString CaptureForm::orderPrefix() const
{
    // Order ids are letters, digits and dashes; in practice a fixed prefix and digits
    // (ORD-123456): the keypad types the prefix with one key. A deployment with another scheme
    // sets kiosk/orderPrefix (empty: no prefix key).
    return m_session.profile().get(settings::kOrderPrefix);
}

void CaptureForm::setCornerWidget(QWidget *corner)
{
    // Beside the title rather than on a row of its own: at 1280x800 every line counts.
    QGridLayout *grid = m_ui->outerLayout;
    grid->removeWidget(m_ui->titleLabel);
    grid->addWidget(m_ui->titleLabel, 0, 0);
    corner->setParent(this);
    grid->addWidget(corner, 0, 1, Qt::AlignRight | Qt::AlignTop);
}

QWidget *CaptureForm::contactHost() const
{
    return m_ui->contactHost;
}

void CaptureForm::fitComment()
{
    // Never less than three lines: a one-line box tells the customer "be brief".
    const QFontMetrics fm(m_ui->commentEdit->font());
    const int frame = 2 * m_ui->commentEdit->frameWidth() +
                      int(2 * m_ui->commentEdit->document()->documentMargin()) + 8;
    m_ui->commentEdit->setFixedHeight(3 * fm.lineSpacing() + frame);
    // The counter keeps its width as the count changes (4 digits, bold when over the limit), so
    // the message beside it keeps its own.
    QFont bold = m_ui->commentCounter->font();
    bold.setWeight(QFont::Bold);
    m_ui->commentCounter->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(
        tr("%1 / %2").arg(8888).arg(limits::kCommentMaxChars)));
}

bool CaptureForm::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_ui->commentEdit || watched == m_ui->commentCounter) &&
        event->type() == QEvent::FontChange)
        fitComment();
    if (event->type() == QEvent::MouseButtonRelease &&
        static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        if (watched == m_ui->consentText)
            m_ui->consentCheck->click();
        else if (watched == m_ui->contactText)
            m_ui->contactCheck->click();
    }
    return QWidget::eventFilter(watched, event);
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
    m_ui->contactCheck->setChecked(false);
    m_ui->contactHost->setVisible(false);
    m_ui->contactEdit->setText(QString());
    clearErrors();
    for (MessageLabel *label : {m_ui->orderIdError, m_ui->courierIdError, m_ui->ratingError,
                                m_ui->commentError, m_ui->contactError})
        label->releaseSpace(); // the next customer starts with a compact form
    updateCounter();
    m_ui->orderIdEdit->setFocus(Qt::OtherFocusReason);
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

void CaptureForm::showError(MessageLabel *label, const QString &text)
{
    label->showMessage(text);
}

void CaptureForm::showStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty()); // above Send, under a stretch: moves nothing
}

void CaptureForm::setStatus(const QString &text)
{
    showStatus(text);
}

QString CaptureForm::status() const
{
    return m_ui->statusLabel->text();
}

void CaptureForm::clearErrors()
{
    for (MessageLabel *label : {m_ui->orderIdError, m_ui->courierIdError, m_ui->ratingError,
                                m_ui->commentError, m_ui->contactError})
        showError(label, QString());
    showStatus(QString());
}

std::optional<NewFeedback> CaptureForm::collect()
{
    clearErrors();
    bool ok = true;
    QWidget *firstBad = nullptr;
    auto bad = [&](MessageLabel *label, QWidget *field, const QString &text) {
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
    if (characterCount(input.comment) > limits::kCommentMaxChars) {
        updateCounter(); // says by how much (clearErrors above emptied it)
        bad(m_ui->commentError, m_ui->commentEdit, m_ui->commentError->text());
    }
    input.publishConsent = m_ui->consentCheck->isChecked();
    // needsFollowUp stays unset: the dispatcher's flag follows from the rating and the request.
    input.contactRequested = m_ui->contactCheck->isChecked();
    if (input.contactRequested) { // text typed and then unticked is not sent
        input.contact = m_ui->contactEdit->text().trimmed();
        if (!input.contact.isEmpty() && !ContactDetails::normalise(input.contact))
            bad(m_ui->contactError, m_ui->contactEdit,
                tr("Type a phone number (%1 to %2 digits) or an e-mail address like "
                   "name@example.com, or leave it empty.")
                    .arg(ContactDetails::kPhoneMinDigits)
                    .arg(ContactDetails::kPhoneMaxDigits));
    }
    // The domain's own rules have the last word (a newer catalog, control characters...).
    if (ok) {
        for (const FieldError &e : m_session.validate(input)) {
            if (e.field == QLatin1String("orderId"))
                bad(m_ui->orderIdError, m_ui->orderIdEdit, e.message);
            else if (e.field == QLatin1String("courierId"))
                bad(m_ui->courierIdError, m_ui->courierIdEdit, e.message);
            else if (e.field == QLatin1String("rating"))
                bad(m_ui->ratingError, m_rating, e.message);
            else if (e.field == QLatin1String("contact"))
                bad(m_ui->contactError, m_ui->contactEdit, e.message);
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
        showStatus(tr("Could not save: %1").arg(id.error()));
        return false;
    }
    reset();
    showStatus(tr("Saved on this device. It will be sent when online."));
    Q_EMIT submitted(*id);
    return true;
}

} // namespace feedback::app
