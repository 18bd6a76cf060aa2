#include "DispatcherView.h"

#include "AnalyticsView.h"
#include "AppSession.h"
#include "DateFilterEdit.h"
#include "DialogService.h"
#include "DisplayDates.h"
#include "NewRecordsButton.h"
#include "ReasonNames.h"
#include "RecordAlerts.h"
#include "RecordCsv.h"
#include "RecordDetailPane.h"
#include "RecordFilterModel.h"
#include "RecordTableModel.h"
#include "SavedLayout.h"
#include "ui_DispatcherView.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QHeaderView>
#include <QSaveFile>
#include <QStandardPaths>

#include <core/RecordExport.h>
#include <core/Validation.h>

namespace feedback::app {

DispatcherView::DispatcherView(AppSession &session, DialogService &dialogs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dialogs(dialogs)
    , m_ui(std::make_unique<Ui::DispatcherView>())
{
    m_ui->setupUi(this);
    m_model = new RecordTableModel(session, this);
    m_filter = new RecordFilterModel(*m_model, this);
    new RecordAlerts(session, dialogs, *m_model, this);

    QTableView *table = m_ui->recordTable;
    table->setModel(m_filter);
    RecordTableModel::setUpView(table);
    const QFontMetrics metrics = table->fontMetrics();
    for (QWidget *narrow :
         {static_cast<QWidget *>(m_ui->minRatingSpin), static_cast<QWidget *>(m_ui->maxRatingSpin)})
        narrow->setMaximumWidth(metrics.horizontalAdvance(QStringLiteral("5")) + 48);
    m_ui->filterLayout->setColumnStretch(1, 3);
    m_ui->filterLayout->setColumnStretch(3, 1);
    table->horizontalHeader()->setSortIndicator(
        -1, Qt::DescendingOrder); // the model's own order: newest first
    table->setSortingEnabled(true);

    auto *detailLayout = new QVBoxLayout(m_ui->detailHost);
    detailLayout->setContentsMargins(8, 0, 0, 0);
    m_detail = new RecordDetailPane(session, dialogs, m_ui->detailHost);
    m_detail->setObjectName(QStringLiteral("recordDetail"));
    detailLayout->addWidget(m_detail);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    SavedLayout::restoreTable(*table, session.profile());
    m_newRecords = new NewRecordsButton(*table, *m_model, *m_filter);
    // Until a record is selected the table takes the whole width: an empty pane only said so.
    m_ui->detailScroll->hide();

    m_analytics = new AnalyticsView(*m_model, m_ui->analyticsPage);
    m_analytics->setObjectName(QStringLiteral("analyticsView"));
    m_ui->analyticsLayout->addWidget(m_analytics);
    connect(m_analytics, &AnalyticsView::drillDown, this, &DispatcherView::showMatching);

    fillStatusCombo();
    fillReasonCombo();

    auto *find = new QAction(this);
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    connect(find, &QAction::triggered, this, &DispatcherView::focusFind);
    addAction(find);

    m_conflictStatus = new QPushButton(this);
    m_conflictStatus->setObjectName(QStringLiteral("conflictStatus"));
    m_conflictStatus->setFlat(true);
    m_conflictStatus->setIcon(QIcon(QStringLiteral(":/icons/conflict.svg")));
    m_conflictStatus->hide();
    connect(m_conflictStatus, &QPushButton::clicked, this, [this] {
        m_ui->tabs->setCurrentWidget(m_ui->recordsPage);
        m_ui->filterConflictCheck->setChecked(true);
        m_ui->recordTable->setFocus(Qt::OtherFocusReason);
    });

    m_textDebounce.setSingleShot(true);
    m_textDebounce.setInterval(150);
    connect(&m_textDebounce, &QTimer::timeout, this, &DispatcherView::applyFilters);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, &m_textDebounce,
            qOverload<>(&QTimer::start));
    connect(m_ui->courierEdit, &QLineEdit::textChanged, &m_textDebounce,
            qOverload<>(&QTimer::start));
    connect(m_ui->minRatingSpin, &QSpinBox::valueChanged, this, &DispatcherView::applyFilters);
    connect(m_ui->maxRatingSpin, &QSpinBox::valueChanged, this, &DispatcherView::applyFilters);
    connect(m_ui->filterFollowUpCheck, &QCheckBox::toggled, this, &DispatcherView::applyFilters);
    connect(m_ui->filterStatusCombo, &QComboBox::currentIndexChanged, this,
            &DispatcherView::applyFilters);
    connect(m_ui->filterReasonCombo, &QComboBox::currentIndexChanged, this,
            &DispatcherView::applyFilters);
    connect(m_ui->filterConflictCheck, &QCheckBox::toggled, this, &DispatcherView::applyFilters);
    connect(m_ui->fromDate, &QDateEdit::dateChanged, this, &DispatcherView::applyFilters);
    connect(m_ui->toDate, &QDateEdit::dateChanged, this, &DispatcherView::applyFilters);
    connect(m_ui->filterMineCheck, &QCheckBox::toggled, this, &DispatcherView::onMineToggled);
    connect(m_ui->clearFiltersButton, &QPushButton::clicked, this, &DispatcherView::clearFilters);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &DispatcherView::chooseExport);

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DispatcherView::onSelectionChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &DispatcherView::reselect);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &DispatcherView::reselect);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &DispatcherView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &DispatcherView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &DispatcherView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &DispatcherView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DispatcherView::updateConflicts);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DispatcherView::updateConflicts);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DispatcherView::updateConflicts);
    updateCount();
    updateConflicts();
}

DispatcherView::~DispatcherView()
{
    SavedLayout::saveTable(*m_ui->recordTable, *m_ui->splitter, m_session.profile());
    delete m_conflictStatus; // it may live in the window's status bar
}

void DispatcherView::focusFind()
{
    m_ui->tabs->setCurrentWidget(m_ui->recordsPage);
    m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->searchEdit->selectAll();
}

void DispatcherView::fillReasonCombo()
{
    QComboBox *combo = m_ui->filterReasonCombo;
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    QStringList tags = ReasonCatalog::defaultTags();
    for (int i = 1; i < combo->count(); ++i) { // tags met in records of a newer catalog
        if (!tags.contains(combo->itemData(i).toString()))
            tags.append(combo->itemData(i).toString());
    }
    combo->clear();
    combo->addItem(tr("any"), QString());
    for (const QString &tag : std::as_const(tags))
        combo->addItem(reasonLabel(tag), tag);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

void DispatcherView::updateConflicts()
{
    const int count = m_model->conflictCount();
    m_conflictStatus->setText(tr("%n conflict(s)", nullptr, count));
    m_conflictStatus->setToolTip(tr("Records edited on two devices at once: show them"));
    m_conflictStatus->setVisible(count > 0);
}

void DispatcherView::showMatching(const RecordFilter &f)
{
    {
        const QSignalBlocker a(m_ui->searchEdit), b(m_ui->courierEdit), c(m_ui->minRatingSpin),
            d(m_ui->maxRatingSpin), e(m_ui->filterFollowUpCheck), g(m_ui->filterStatusCombo),
            h(m_ui->filterReasonCombo), i(m_ui->fromDate), j(m_ui->toDate),
            k(m_ui->filterConflictCheck), l(m_ui->filterMineCheck);
        m_ui->searchEdit->setText(f.text);
        m_ui->courierEdit->setText(f.courier ? QString::number(*f.courier) : QString());
        m_ui->minRatingSpin->setValue(f.minRating);
        m_ui->maxRatingSpin->setValue(f.maxRating);
        m_ui->filterFollowUpCheck->setChecked(f.followUpNeeded);
        m_ui->filterStatusCombo->setCurrentIndex(
            f.status ? qMax(0, m_ui->filterStatusCombo->findData(*f.status)) : 0);
        if (!f.reason.isEmpty() && m_ui->filterReasonCombo->findData(f.reason) < 0)
            m_ui->filterReasonCombo->addItem(reasonLabel(f.reason), f.reason);
        m_ui->filterReasonCombo->setCurrentIndex(
            qMax(0, m_ui->filterReasonCombo->findData(f.reason)));
        m_ui->fromDate->setFilterDate(f.from);
        m_ui->toDate->setFilterDate(f.to);
        m_ui->filterConflictCheck->setChecked(f.conflictsOnly);
        m_ui->filterMineCheck->setChecked(!f.assignee.isEmpty() &&
                                          f.assignee == m_session.dispatcherName());
    }
    m_textDebounce.stop();
    applyFilters();
    m_ui->tabs->setCurrentWidget(m_ui->recordsPage);
    m_ui->recordTable->setFocus(Qt::OtherFocusReason);
}

void DispatcherView::fillStatusCombo()
{
    const int current = m_ui->filterStatusCombo->currentIndex();
    const QSignalBlocker blocker(m_ui->filterStatusCombo);
    m_ui->filterStatusCombo->clear();
    m_ui->filterStatusCombo->addItem(tr("any"), QVariant());
    m_ui->filterStatusCombo->addItem(followUpLabel(-1), -1);
    for (int status = 0; status <= 2; ++status)
        m_ui->filterStatusCombo->addItem(followUpLabel(status), status);
    m_ui->filterStatusCombo->setCurrentIndex(qMax(0, current));
}

void DispatcherView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillStatusCombo();
        fillReasonCombo();
        m_filter->retranslate();
        Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, RecordTableModel::ColumnCount - 1);
        for (DateFilterEdit *edit : {m_ui->fromDate, m_ui->toDate})
            edit->retranslate();
        QTableView *table = m_ui->recordTable;
        table->setColumnWidth(RecordTableModel::Created,
                              qMax(table->columnWidth(RecordTableModel::Created),
                                   table->fontMetrics().horizontalAdvance(widestDateTime()) + 24));
        updateCount();
        updateConflicts();
    }
    QWidget::changeEvent(event);
}

void DispatcherView::applyFilters()
{
    RecordFilter f;
    f.text = m_ui->searchEdit->text().trimmed();
    f.minRating = qMin(m_ui->minRatingSpin->value(), m_ui->maxRatingSpin->value());
    f.maxRating = qMax(m_ui->minRatingSpin->value(), m_ui->maxRatingSpin->value());
    f.followUpNeeded = m_ui->filterFollowUpCheck->isChecked();
    const QVariant status = m_ui->filterStatusCombo->currentData();
    if (status.isValid())
        f.status = status.toInt();
    bool ok = false;
    const quint32 courier = m_ui->courierEdit->text().trimmed().toUInt(&ok);
    if (ok)
        f.courier = courier;
    f.reason = m_ui->filterReasonCombo->currentData().toString();
    f.conflictsOnly = m_ui->filterConflictCheck->isChecked();
    f.from = m_ui->fromDate->filterDate();
    f.to = m_ui->toDate->filterDate();
    if (m_ui->filterMineCheck->isChecked())
        f.assignee = m_session.dispatcherName();
    m_filter->setFilter(f);
    updateCount();
}

void DispatcherView::clearFilters()
{
    // One filter change at the end, not one per control (each may re-sort 100,000 rows).
    const QSignalBlocker a(m_ui->searchEdit), b(m_ui->courierEdit), c(m_ui->minRatingSpin),
        d(m_ui->maxRatingSpin), e(m_ui->filterFollowUpCheck), g(m_ui->filterStatusCombo),
        h(m_ui->filterReasonCombo), i(m_ui->fromDate), j(m_ui->toDate),
        k(m_ui->filterConflictCheck), l(m_ui->filterMineCheck);
    m_ui->searchEdit->clear();
    m_ui->courierEdit->clear();
    m_ui->minRatingSpin->setValue(1);
    m_ui->maxRatingSpin->setValue(5);
    m_ui->filterFollowUpCheck->setChecked(false);
    m_ui->filterStatusCombo->setCurrentIndex(0);
    m_ui->filterReasonCombo->setCurrentIndex(0);
    m_ui->filterConflictCheck->setChecked(false);
    m_ui->filterMineCheck->setChecked(false);
    m_ui->fromDate->setFilterDate(QDate());
    m_ui->toDate->setFilterDate(QDate());
    applyFilters();
}

void DispatcherView::onMineToggled(bool on)
{
    if (!on || !m_session.dispatcherName().isEmpty()) {
        applyFilters();
        return;
    }
    // Whose follow-ups: asked once per desk session, the first time it matters.
    m_dialogs.askText(this, tr("Your name"),
                      tr("Your name, as you write it when you assign a record to yourself:"), false,
                      [this](const std::optional<QString> &name) {
                          if (!name || name->trimmed().isEmpty() ||
                              !m_session.setDispatcherName(*name)) {
                              const QSignalBlocker blocker(m_ui->filterMineCheck);
                              m_ui->filterMineCheck->setChecked(false);
                          }
                          applyFilters();
                      });
}

void DispatcherView::updateCount()
{
    const int shown = m_filter->rowCount();
    m_ui->countLabel->setText(tr("Showing %1 of %2").arg(shown).arg(m_model->rowCount()));
    // It says what it will write: the filtered rows, not the whole book.
    m_ui->exportButton->setText(tr("E&xport %n shown record(s)…", nullptr, shown));
    m_ui->exportButton->setEnabled(shown > 0);
    // As wide as for six digits, so that the filter row does not move while records arrive.
    const QString widest = tr("E&xport %n shown record(s)…", nullptr, 888888);
    m_ui->exportButton->setMinimumWidth(
        m_ui->exportButton->fontMetrics().horizontalAdvance(widest) + 32);
}

void DispatcherView::onSelectionChanged()
{
    const QModelIndex current = m_ui->recordTable->currentIndex();
    if (!current.isValid())
        return; // a reset cleared the selection: reselect() puts it back
    const QModelIndex source = m_filter->mapToSource(current);
    m_detail->showRecord(m_model->rowAt(source.row()).id);
    if (m_ui->detailScroll->isHidden()) {
        // The first record: the split the person left, else three fifths of the width for the
        // table and two for the record.
        m_ui->detailScroll->show();
        if (!SavedLayout::restoreSplitter(*m_ui->splitter, m_session.profile())) {
            const int width = m_ui->splitter->width();
            m_ui->splitter->setSizes({width * 3 / 5, width * 2 / 5});
        }
    }
}

void DispatcherView::reselect()
{
    const auto id = m_detail->record();
    if (!id)
        return;
    const int row = m_model->rowOf(*id);
    const QModelIndex proxy =
        row < 0 ? QModelIndex() : m_filter->mapFromSource(m_model->index(row, 0));
    if (proxy.isValid())
        m_ui->recordTable->setCurrentIndex(proxy);
}

QString DispatcherView::exportFolder()
{
    // Documents, not the directory the app was started from.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return folder.isEmpty() || !QDir(folder).exists() ? QDir::homePath() : folder;
}

QString DispatcherView::suggestedExportPath()
{
    // A name that says which day.
    return QDir(exportFolder())
        .filePath(
            QStringLiteral("feedback-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
}

void DispatcherView::chooseExport()
{
    const int shown = m_filter->rowCount();
    m_dialogs.chooseSaveFile(
        this, tr("Export %n shown record(s)", nullptr, shown), suggestedExportPath(),
        tr("CSV for spreadsheets (*.csv)") + QStringLiteral(";;") + tr("JSON (*.json)"),
        [this](const QString &path) {
            if (!path.isEmpty())
                exportTo(path, !path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive));
        });
}

void DispatcherView::exportTo(const QString &path, bool csv)
{
    QList<FeedbackRecordView> records;
    records.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const int source = m_filter->mapToSource(m_filter->index(row, 0)).row();
        const RecordId id = m_model->rowAt(source).id;
        if (auto view = m_session.record(id))
            records.append(std::move(*view));
    }
    const auto synced = [this](const RecordId &id) {
        return m_session.isSynced(id);
    };
    const RecordCsv::Source source{synced, [this](const ReplicaId &device) {
                                       return m_session.deviceLabel(
                                           device, AppSession::DeviceLabel::Column);
                                   }};
    const QByteArray bytes =
        csv ? RecordCsv::write(records, source) : RecordExport::toJsonDocument(records, synced);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_dialogs.inform(this, tr("Export failed"),
                         tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    Q_EMIT message(
        tr("Exported %n record(s) to %1", nullptr, static_cast<int>(records.size())).arg(path));
}

} // namespace feedback::app
