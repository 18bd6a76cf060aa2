#include "NewRecordsButton.h"

#include "RecordTableModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace feedback::app {

NewRecordsButton::NewRecordsButton(QTableView &table, RecordTableModel &model,
                                   QSortFilterProxyModel &proxy)
    : QPushButton(&table)
    , m_table(table)
    , m_model(model)
    , m_proxy(proxy)
{
    setObjectName(QStringLiteral("newRecordsButton"));
    setProperty("class", QStringLiteral("newRecords"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::NoFocus); // the table keeps the keyboard; Home does the same
    hide();
    // The scroll value counts rows: one row inserted above moves the view by exactly one.
    m_table.setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table.installEventFilter(this);
    // The source model's signals come after the proxy and the view have taken the new rows.
    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &NewRecordsButton::beforeInsert);
    connect(&model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { afterInsert(first, last); });
    connect(&proxy, &QAbstractItemModel::modelReset, this, &NewRecordsButton::clear);
    connect(&proxy, &QAbstractItemModel::layoutChanged, this, &NewRecordsButton::clear);
    connect(m_table.verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == 0)
            clear();
    });
    connect(this, &QPushButton::clicked, this, [this] {
        m_table.scrollToTop();
        clear();
    });
    retranslate();
}

void NewRecordsButton::beforeInsert()
{
    m_anchor.reset();
    // At the top with nothing selected the person watches the list arrive: let it.
    const bool reading =
        m_table.verticalScrollBar()->value() > 0 || m_table.selectionModel()->hasSelection();
    if (!reading)
        return;
    const QModelIndex top = m_table.indexAt(QPoint(0, 0));
    if (top.isValid())
        m_anchor = m_model.rowAt(m_proxy.mapToSource(top).row()).id;
}

void NewRecordsButton::afterInsert(int first, int last)
{
    if (!m_anchor)
        return;
    const int anchorSource = m_model.rowOf(*m_anchor);
    m_anchor.reset();
    const QModelIndex anchor =
        anchorSource < 0 ? QModelIndex() : m_proxy.mapFromSource(m_model.index(anchorSource, 0));
    if (!anchor.isValid())
        return;
    int above = 0;
    for (int row = first; row <= last; ++row) {
        const QModelIndex shown = m_proxy.mapFromSource(m_model.index(row, 0));
        if (shown.isValid() && shown.row() < anchor.row())
            ++above;
    }
    if (above == 0)
        return;
    // The view lays itself out later; until then its scroll range is the old one.
    QScrollBar *bar = m_table.verticalScrollBar();
    bar->setMaximum(qMax(bar->maximum(), anchor.row()));
    bar->setValue(anchor.row());
    m_count += above;
    retranslate();
    place();
    show();
    raise();
}

void NewRecordsButton::clear()
{
    m_count = 0;
    hide();
}

void NewRecordsButton::retranslate()
{
    setText(tr("↑ %n new", nullptr, m_count));
    setToolTip(tr("Show the newest records"));
    setAccessibleName(tr("%n new record(s) above: show them", nullptr, m_count));
}

void NewRecordsButton::place()
{
    adjustSize();
    const int top = m_table.horizontalHeader()->isVisible()
                        ? m_table.horizontalHeader()->geometry().bottom() + 6
                        : 6;
    move((m_table.width() - width()) / 2, top);
}

bool NewRecordsButton::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_table && event->type() == QEvent::Resize && isVisible())
        place();
    return QPushButton::eventFilter(watched, event);
}

void NewRecordsButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (isVisible())
            place();
    }
    QPushButton::changeEvent(event);
}

} // namespace feedback::app
