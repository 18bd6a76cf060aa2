#include "FieldView.h"

#include "CaptureForm.h"
#include "RecordFilterModel.h"
#include "RecordTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace feedback::app {

FieldView::FieldView(AppSession &session, QWidget *parent)
    : QWidget(parent)
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
    auto *title = new QLabel(tr("Feedback entered on this device"), listSide);
    title->setProperty("class", QStringLiteral("title"));
    listLayout->addWidget(title);
    m_model = new RecordTableModel(session, this);
    m_filter = new RecordFilterModel(*m_model, this);
    RecordFilter mine;
    mine.mineOnly = true;
    m_filter->setFilter(mine);
    m_table = new QTableView(listSide);
    m_table->setObjectName(QStringLiteral("myRecordsTable"));
    m_table->setAccessibleName(tr("Feedback entered on this device"));
    m_table->setModel(m_filter);
    RecordTableModel::setUpView(m_table);
    for (int column :
         {RecordTableModel::Reasons, RecordTableModel::FollowUp, RecordTableModel::Assignee})
        m_table->hideColumn(column);
    listLayout->addWidget(m_table);
    splitter->addWidget(listSide);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
}

} // namespace feedback::app
