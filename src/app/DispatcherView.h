// The dispatcher's desk: the live table of all records with quick filters and export, the
// detail pane with the follow-up workflow (shown once a record is selected), and the Analytics
// tab, whose bars open the matching records.
#pragma once
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QWidget>

#include <core/FeedbackTypes.h>
#include <memory>

namespace Ui {
class DispatcherView;
}

namespace feedback::app {

class AppSession;
class AnalyticsView;
class DialogService;
class NewRecordsButton;
class RecordDetailPane;
struct RecordFilter;
class RecordFilterModel;
class RecordTableModel;

class DispatcherView : public QWidget
{
    Q_OBJECT
public:
    DispatcherView(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);
    ~DispatcherView() override;

    RecordTableModel &model() { return *m_model; }
    RecordFilterModel &filterModel() { return *m_filter; }
    AnalyticsView &analytics() { return *m_analytics; }
    RecordDetailPane &detail() { return *m_detail; }
    void exportTo(const QString &path, bool csv);
    // Sets every filter control to `filter` and shows the records tab (analytics drill-down).
    void showMatching(const RecordFilter &filter);
    // "N conflicts" for the window's status bar (hidden while there are none); a click shows
    // them. Owned by this view wherever it is placed.
    QWidget *conflictStatus() const { return m_conflictStatus; }
    static QString exportFolder();        // Documents, else the home directory
    static QString suggestedExportPath(); // Documents/feedback-<today>.csv
    NewRecordsButton &newRecords() { return *m_newRecords; }

Q_SIGNALS:
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilters();
    void onMineToggled(bool on);
    void clearFilters();
    void updateCount();
    void onSelectionChanged();
    void reselect();
    void chooseExport();
    void fillStatusCombo();
    void fillReasonCombo();
    void focusFind();
    void updateConflicts();

    AppSession &m_session;
    DialogService &m_dialogs;
    std::unique_ptr<Ui::DispatcherView> m_ui;
    RecordTableModel *m_model;
    RecordFilterModel *m_filter;
    RecordDetailPane *m_detail;
    AnalyticsView *m_analytics;
    QPointer<QPushButton> m_conflictStatus;
    NewRecordsButton *m_newRecords;
    QTimer m_textDebounce;
};

} // namespace feedback::app
