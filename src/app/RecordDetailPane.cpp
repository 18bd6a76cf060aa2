#include "RecordDetailPane.h"

#include "AppSession.h"
#include "AppSettings.h"
#include "ContactRequestBox.h"
#include "DialogService.h"
#include "DisplayDates.h"
#include "OrderLink.h"
#include "PresenceLine.h"
#include "ReasonNames.h"
#include "RecordHistoryBox.h"
#include "ui_RecordDetailPane.h"

#include <QDateTime>
#include <QEvent>
#include <QPushButton>

#include <core/ContactDetails.h>

namespace feedback::app {

RecordDetailPane::RecordDetailPane(AppSession &session, DialogService &dialogs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dialogs(dialogs)
    , m_ui(std::make_unique<Ui::RecordDetailPane>())
{
    m_ui->setupUi(this);
    // The customer's contact request, above the conflicts and the follow-up.
    m_contact = new ContactRequestBox(m_ui->detailWidget);
    m_ui->detailLayout->insertWidget(m_ui->detailLayout->indexOf(m_ui->conflictBox), m_contact);
    // Under the title: where the dispatcher finds the delivery and the customer's address.
    m_orderLink = new QLabel(m_ui->detailWidget);
    m_orderLink->setObjectName(QStringLiteral("orderLinkLabel"));
    m_orderLink->setTextFormat(Qt::RichText);
    m_orderLink->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                         Qt::LinksAccessibleByKeyboard);
    m_orderLink->setOpenExternalLinks(false); // through the DialogService, which tests replace
    m_ui->detailLayout->insertWidget(m_ui->detailLayout->indexOf(m_ui->headerLabel) + 1,
                                     m_orderLink);
    connect(m_orderLink, &QLabel::linkActivated, this, &RecordDetailPane::openOrder);
    // Under that: the other dispatchers on this record right now.
    m_presence = new PresenceLine(session, m_ui->detailWidget);
    m_ui->detailLayout->insertWidget(m_ui->detailLayout->indexOf(m_orderLink) + 1, m_presence);
    // Typing a note is what the others see as writing on the record.
    connect(m_ui->noteEdit, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_session.setLookingAt(m_id, !text.isEmpty()); });
    // Under the follow-up: every change of the record, who made it and when.
    m_history = new RecordHistoryBox(session, m_ui->detailWidget);
    m_ui->detailLayout->insertWidget(m_ui->detailLayout->indexOf(m_ui->followUpBox) + 1, m_history);
    connect(m_contact, &ContactRequestBox::eraseRequested, this, [this] {
        m_dialogs.confirm(this, tr("Erase contact details"),
                          tr("The customer's phone number or e-mail address is removed from "
                             "this record on every device; their request to be contacted "
                             "stays. Erase it?"),
                          tr("Erase"), [this](bool yes) {
                              if (!yes)
                                  return;
                              FeedbackEdit edit;
                              edit.contact = QString(); // the empty text: erased
                              apply(edit);
                          });
    });
    for (int status = 0; status <= 2; ++status)
        m_ui->followUpStatusCombo->addItem(followUpLabel(status), status);
    connect(m_ui->followUpStatusCombo, &QComboBox::activated, this, [this](int index) {
        FeedbackEdit edit;
        edit.followUp =
            static_cast<FollowUpStatus>(m_ui->followUpStatusCombo->itemData(index).toInt());
        apply(edit);
    });
    connect(m_ui->assignButton, &QPushButton::clicked, this, [this] {
        FeedbackEdit edit;
        edit.assignee = m_ui->assigneeEdit->text().trimmed();
        apply(edit);
    });
    connect(m_ui->assigneeEdit, &QLineEdit::returnPressed, m_ui->assignButton, &QPushButton::click);
    auto addNote = [this] {
        const QString text = m_ui->noteEdit->text().trimmed();
        if (text.isEmpty())
            return;
        FeedbackEdit edit;
        const QString name = m_session.authorName();
        edit.noteAuthor = name.isEmpty() ? tr("Dispatcher") : name;
        edit.noteText = text;
        apply(edit);
        if (m_ui->messageLabel->text().isEmpty())
            m_ui->noteEdit->clear();
    };
    connect(m_ui->addNoteButton, &QPushButton::clicked, this, addNote);
    connect(m_ui->noteEdit, &QLineEdit::returnPressed, this, addNote);
    connect(m_ui->retractButton, &QPushButton::clicked, this, [this] {
        m_dialogs.confirm(this, tr("Retract feedback"),
                          tr("Retracted feedback stays in the log but leaves analytics on every "
                             "device. Retract it?"),
                          tr("Retract"), [this](bool yes) {
                              if (!yes)
                                  return;
                              FeedbackEdit edit;
                              edit.retract = true;
                              apply(edit);
                          });
    });
    connect(m_ui->erasePersonalButton, &QPushButton::clicked, this, [this] {
        m_dialogs.confirm(this, tr("Erase personal data"),
                          tr("The customer's comment, the order number and the contact details "
                             "are removed from this record for good, on every device, and can "
                             "never be written again. The rating, the reasons and your notes "
                             "stay. Exports and backups made before keep what they hold. "
                             "Erase?"),
                          tr("Erase"), [this](bool yes) {
                              if (!yes)
                                  return;
                              FeedbackEdit edit;
                              edit.erase = ErasedField::All;
                              apply(edit);
                          });
    });
    connect(&session, &AppSession::recordsChanged, this, &RecordDetailPane::refreshIfShown);
    connect(&session, &AppSession::syncedChanged, this, &RecordDetailPane::refresh);
    showRecord(std::nullopt);
}

RecordDetailPane::~RecordDetailPane() = default;

void RecordDetailPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        for (int i = 0; i < m_ui->followUpStatusCombo->count(); ++i)
            m_ui->followUpStatusCombo->setItemText(i, followUpLabel(i));
        refresh();
    }
    QWidget::changeEvent(event);
}

void RecordDetailPane::showRecord(const std::optional<RecordId> &id)
{
    const bool another = id != m_id;
    m_id = id;
    if (another) {
        m_ui->noteEdit->clear();
        m_ui->messageLabel->clear();
    }
    // The other desks see that this dispatcher is here (PresenceBoard).
    m_session.setLookingAt(m_id, !m_ui->noteEdit->text().isEmpty());
    m_presence->showRecord(m_id);
    refresh();
}

void RecordDetailPane::refreshIfShown(const QList<RecordId> &ids)
{
    if (m_id && ids.contains(*m_id))
        refresh();
}

void RecordDetailPane::refresh()
{
    std::optional<FeedbackRecordView> view;
    if (m_id) {
        view = m_session.record(*m_id);
    }
    m_ui->emptyLabel->setVisible(!view);
    m_ui->detailWidget->setVisible(view.has_value());
    if (!view)
        return;
    const FeedbackRecordView &v = *view;
    const bool orderErased = v.erased.contains(QLatin1String("orderId"));
    m_ui->headerLabel->setText(
        tr("Order %1 · courier %2").arg(orderErased ? tr("(erased)") : v.orderId).arg(v.courierId));
    showOrderLink(v, orderErased);
    m_ui->ratingValue->setText(ratingStars(v.rating) + tr(" (%1 of 5)").arg(v.rating));
    QStringList reasons;
    for (const QString &tag : v.reasons)
        reasons.append(reasonLabel(tag));
    m_ui->reasonsValue->setText(reasons.isEmpty() ? tr("none")
                                                  : reasons.join(QStringLiteral(", ")));
    if (v.erased.contains(QLatin1String("comment")))
        m_ui->commentValue->setText(tr("Erased"));
    else
        m_ui->commentValue->setText(v.comment.isEmpty() ? tr("no comment") : v.comment);
    m_ui->consentValue->setText(v.publishConsent ? tr("Yes") : tr("No"));
    m_ui->createdValue->setText(displayDateTime(v.createdAt));
    QStringList state;
    state.append(m_session.isSynced(v.id) ? tr("Synced") : tr("Saved on this device"));
    if (m_session.isThisDevice(v.origin))
        state.append(tr("entered on this device"));
    if (v.retracted)
        state.append(tr("retracted"));
    m_ui->stateValue->setText(state.join(QStringLiteral(", ")));
    const int status = v.followUp ? static_cast<int>(*v.followUp) : 0;
    m_ui->followUpStatusCombo->setCurrentIndex(status);
    if (!m_ui->assigneeEdit->hasFocus())
        m_ui->assigneeEdit->setText(v.assignee);
    m_ui->notesList->clear();
    for (const FeedbackNote &note : v.notes)
        m_ui->notesList->addItem(
            tr("%1, %2: %3").arg(note.author, displayDateTime(note.at), note.text));
    m_ui->retractButton->setEnabled(!v.retracted);
    m_ui->erasePersonalButton->setEnabled(v.erased.size() <
                                          erasedFieldNames(ErasedField::All).size());
    m_contact->showRecord(v);
    m_history->showRecord(v.id);
    fillConflicts(v);
}

void RecordDetailPane::showOrderLink(const FeedbackRecordView &v, bool orderErased)
{
    const auto url =
        orderErased ? std::nullopt
                    : OrderLink::resolve(m_session.profile().get(settings::kOrderLink), v.orderId);
    m_orderLink->setVisible(url.has_value());
    if (!url)
        return;
    // The order number is the customer's text: escaped, never markup. The link itself is
    // resolved again when clicked (openOrder), so nothing in the label's text is trusted.
    m_orderLink->setText(
        QStringLiteral("<a href=\"order\">%1</a>")
            .arg(tr("Open order %1 in the order system").arg(v.orderId.left(100).toHtmlEscaped())));
    m_orderLink->setToolTip(url->toDisplayString());
}

void RecordDetailPane::openOrder()
{
    const auto view = m_id ? m_session.record(*m_id) : std::nullopt;
    if (!view || view->erased.contains(QLatin1String("orderId")))
        return;
    const auto url =
        OrderLink::resolve(m_session.profile().get(settings::kOrderLink), view->orderId);
    if (url && !m_dialogs.openUrl(*url))
        m_ui->messageLabel->setText(tr("No browser could open %1.").arg(url->toDisplayString()));
}

QString RecordDetailPane::describe(const QString &field, const QVariant &value) const
{
    if (field == QLatin1String("rating"))
        return tr("%n star(s)", nullptr, value.toInt());
    if (field == QLatin1String("publishConsent") || field == QLatin1String("needsFollowUp"))
        return value.toBool() ? tr("Yes") : tr("No");
    if (field == QLatin1String("followUp")) {
        const auto status = followUpStatusFromName(value.toString());
        return followUpLabel(status ? static_cast<int>(*status) : -1);
    }
    if (field == QLatin1String("contactRequested"))
        return value.toBool() ? tr("Yes") : tr("No");
    if (field == QLatin1String("contact"))
        return ContactRequestBox::detailsText(value.toString());
    const QString text = value.toString();
    if (text.isEmpty())
        return tr("(empty)");
    return text.size() > 60 ? QStringLiteral("“%1…”").arg(text.left(60))
                            : QStringLiteral("“%1”").arg(text);
}

void RecordDetailPane::fillConflicts(const FeedbackRecordView &v)
{
    QGridLayout *grid = m_ui->conflictLayout;
    while (QLayoutItem *item = grid->takeAt(0)) {
        // Later: this may run inside the click handler of the very button being removed.
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->setObjectName(QString()); // its name now belongs to its replacement
            widget->deleteLater();
        }
        delete item;
    }
    m_ui->conflictBox->setVisible(!v.conflicts.isEmpty());
    // The buttons come first when tabbing through the pane, as they are shown above the rest:
    // after the last widget that takes focus before the status (setTabOrder ignores others).
    QWidget *before = m_ui->followUpStatusCombo->previousInFocusChain();
    while (before != m_ui->followUpStatusCombo && !(before->focusPolicy() & Qt::TabFocus))
        before = before->previousInFocusChain();
    int row = 0;
    for (const FieldConflict &conflict : v.conflicts) {
        auto *label = new QLabel(fieldLabel(conflict.field), m_ui->conflictBox);
        label->setObjectName(QStringLiteral("conflict_") + conflict.field);
        grid->addWidget(label, row, 0);
        for (int i = 0; i < conflict.values.size(); ++i) {
            const QVariant value = conflict.values[i];
            const QString shown = describe(conflict.field, value);
            // "&" in a comment or a name must show as itself, not become a mnemonic.
            auto *button = new QPushButton(
                tr("Keep %1").arg(QString(shown).replace(QLatin1Char('&'), QLatin1String("&&"))),
                m_ui->conflictBox);
            button->setObjectName(QStringLiteral("keep_%1_%2").arg(conflict.field).arg(i));
            QString origin;
            if (i < conflict.origins.size())
                origin = tr("set on %1, %2")
                             .arg(m_session.deviceLabel(conflict.origins[i].device,
                                                        AppSession::DeviceLabel::Sentence),
                                  displayDateTime(conflict.origins[i].at));
            button->setAccessibleName(tr("Keep %1 for %2").arg(shown, fieldLabel(conflict.field)));
            button->setAccessibleDescription(origin);
            connect(button, &QPushButton::clicked, this,
                    [this, field = conflict.field, value] { keep(field, value); });
            grid->addWidget(button, row, 1 + i);
            setTabOrder(before, button);
            before = button;
            auto *originLabel = new QLabel(origin, m_ui->conflictBox);
            originLabel->setObjectName(QStringLiteral("origin_%1_%2").arg(conflict.field).arg(i));
            originLabel->setProperty("class", QStringLiteral("hint"));
            originLabel->setWordWrap(true);
            grid->addWidget(originLabel, row + 1, 1 + i);
        }
        row += 2;
    }
}

void RecordDetailPane::keep(const QString &field, const QVariant &value)
{
    // A new edit of the field dominates every concurrent value: the conflict is gone everywhere
    // once it syncs.
    FeedbackEdit edit;
    if (field == QLatin1String("rating"))
        edit.rating = value.toInt();
    else if (field == QLatin1String("comment"))
        edit.comment = value.toString();
    else if (field == QLatin1String("publishConsent"))
        edit.publishConsent = value.toBool();
    else if (field == QLatin1String("needsFollowUp"))
        edit.needsFollowUp = value.toBool();
    else if (field == QLatin1String("followUp"))
        edit.followUp = followUpStatusFromName(value.toString());
    else if (field == QLatin1String("assignee"))
        edit.assignee = value.toString();
    else if (field == QLatin1String("contactRequested"))
        edit.contactRequested = value.toBool();
    else if (field == QLatin1String("contact")) {
        const auto parts = ContactDetails::split(value.toString());
        edit.contact = parts ? parts->address : QString(); // the empty text erases
    }
    apply(edit);
}

void RecordDetailPane::apply(const FeedbackEdit &edit)
{
    if (!m_id)
        return;
    m_ui->messageLabel->clear();
    if (Status s = m_session.edit(*m_id, edit); !s)
        m_ui->messageLabel->setText(s.error());
    refresh();
}

} // namespace feedback::app
