#include "FieldView.h"

#include "AppSession.h"
#include "CaptureForm.h"
#include "RecordFilterModel.h"
#include "RecordTableModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace feedback::app {

FieldView::FieldView(AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    m_form = new CaptureForm(session, splitter);
    m_form->setObjectName(QStringLiteral("captureForm"));
    splitter->addWidget(m_form);

    auto *listSide = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listSide);
    m_title = new QLabel(listSide);
    m_title->setObjectName(QStringLiteral("myRecordsTitle"));
    m_title->setProperty("class", QStringLiteral("title"));
    m_title->setWordWrap(true); // a long heading (German, French) wraps, never cut
    listLayout->addWidget(m_title);
    m_model = new RecordTableModel(session, this);
    m_filter = new RecordFilterModel(*m_model, this);
    RecordFilter mine;
    mine.mineOnly = true;
    m_filter->setFilter(mine);
    m_table = new QTableView(listSide);
    m_table->setObjectName(QStringLiteral("myRecordsTable"));
    m_table->setModel(m_filter);
    RecordTableModel::setUpView(m_table);
    for (int column :
         {RecordTableModel::Reasons, RecordTableModel::FollowUp, RecordTableModel::Assignee})
        m_table->hideColumn(column);
    listLayout->addWidget(m_table);
    splitter->addWidget(listSide);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    retranslate();

    // The form says "saved" when the disk has the record; it says "sent" once the relay
    // acknowledged it, instead of promising a sending that already happened.
    connect(m_form, &CaptureForm::submitted, this, [this](const RecordId &id) {
        m_lastSaved = id;
        updateSavedStatus();
    });
    connect(&session, &AppSession::syncedChanged, this, &FieldView::updateSavedStatus);
    connect(&session, &AppSession::recordsChanged, this, &FieldView::updateSavedStatus);
}

void FieldView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FieldView::retranslate()
{
    m_title->setText(tr("Feedback entered on this device"));
    m_table->setAccessibleName(m_title->text());
    updateSavedStatus();
}

void FieldView::updateSavedStatus()
{
    if (!m_lastSaved)
        return;
    if (m_form->status().isEmpty()) {
        m_lastSaved.reset(); // the person started the next entry: the line is theirs now
        return;
    }
    m_form->setStatus(m_session.isSynced(*m_lastSaved)
                          ? tr("Sent: dispatchers can see it now.")
                          : tr("Saved on this device. It will be sent when online."));
}

} // namespace feedback::app
