#include "ContactRequestBox.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>
#include <core/ContactDetails.h>

namespace feedback::app {

ContactRequestBox::ContactRequestBox(QWidget *parent)
    : QGroupBox(parent)
    , m_requestCaption(new QLabel(this))
    , m_requestValue(new QLabel(this))
    , m_detailsCaption(new QLabel(this))
    , m_detailsValue(new QLabel(this))
    , m_erase(new QPushButton(this))
{
    setObjectName(QStringLiteral("contactBox"));
    m_requestValue->setObjectName(QStringLiteral("contactRequestValue"));
    m_detailsValue->setObjectName(QStringLiteral("contactDetailsValue"));
    m_detailsValue->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                            Qt::TextSelectableByKeyboard);
    m_detailsValue->setWordWrap(true);
    m_erase->setObjectName(QStringLiteral("eraseContactButton"));
    auto *layout = new QFormLayout(this);
    layout->addRow(m_requestCaption, m_requestValue);
    layout->addRow(m_detailsCaption, m_detailsValue);
    layout->addRow(m_erase);
    connect(m_erase, &QPushButton::clicked, this, &ContactRequestBox::eraseRequested);
    retranslate();
    hide();
}

QString ContactRequestBox::detailsText(const QString &stored)
{
    if (stored.isEmpty())
        return tr("Erased");
    const auto parts = ContactDetails::split(stored);
    if (!parts)
        return stored; // never expected: the decoder holds remote values to the stored form
    return parts->kind == ContactDetails::Kind::Phone ? tr("Phone: %1").arg(parts->address)
                                                      : tr("E-mail: %1").arg(parts->address);
}

void ContactRequestBox::showRecord(const FeedbackRecordView &view)
{
    m_view = view;
    // Shown once the customer asked, and still after a withdrawal or an erasure: what happened
    // to the request is part of the record.
    setVisible(view.contactRequested || !view.contact.isEmpty() || view.contactErased ||
               std::any_of(view.conflicts.begin(), view.conflicts.end(), [](const auto &c) {
                   return c.field.startsWith(QLatin1String("contact"));
               }));
    m_requestValue->setText(view.contactRequested ? tr("Yes") : tr("No (withdrawn)"));
    if (!view.contact.isEmpty() || view.contactErased)
        m_detailsValue->setText(detailsText(view.contact));
    else
        m_detailsValue->setText(tr("None given"));
    // Erasing is offered while there is something to erase (a value, or concurrent ones).
    const bool conflict =
        std::any_of(view.conflicts.begin(), view.conflicts.end(),
                    [](const auto &c) { return c.field == QLatin1String("contact"); });
    m_erase->setEnabled(!view.contact.isEmpty() || conflict);
}

void ContactRequestBox::retranslate()
{
    setTitle(tr("Customer asks to be contacted"));
    m_requestCaption->setText(tr("Request"));
    m_detailsCaption->setText(tr("Phone or e-mail"));
    m_erase->setText(tr("Erase contact details…"));
    m_erase->setToolTip(tr("Remove the phone number or e-mail address on every device"));
    if (m_view)
        showRecord(*m_view);
}

void ContactRequestBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

} // namespace feedback::app
