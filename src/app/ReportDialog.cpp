#include "ReportDialog.h"

#include "DisplayDates.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace feedback::app {

ReportDialog::ReportDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export report"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A PDF with the figures and charts of the period, the ten worst "
                                "couriers with the comments customers allowed to publish, and "
                                "the follow-ups still open."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-6), this);
    m_from->setObjectName(QStringLiteral("reportFromDate"));
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(QStringLiteral("reportToDate"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(displayDateFormat());
    }
    m_from->setAccessibleName(tr("First day of the report"));
    m_to->setAccessibleName(tr("Last day of the report"));
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To"), this);
    toLabel->setBuddy(m_to);
    form->addRow(fromLabel, m_from);
    form->addRow(toLabel, m_to);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("reportError"));
    m_error->setProperty("class", QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("reportExportButton"));
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReportDialog::reject);
    layout->addWidget(buttons);
}

QDate ReportDialog::from() const
{
    return m_from->date();
}

QDate ReportDialog::to() const
{
    return m_to->date();
}

void ReportDialog::accept()
{
    if (from() > to()) {
        m_error->setText(tr("The period ends before it starts: choose a first day on or before "
                            "the last."));
        m_error->show();
        m_from->setFocus();
        return;
    }
    QDialog::accept();
    Q_EMIT chosen(from(), to());
}

} // namespace feedback::app
