// The field supervisor's laptop: the capture form in a normal window, next to this device's
// own records and whether each is only saved here or already synced.
#pragma once
#include <QWidget>

class QTableView;

namespace feedback::app {

class AppSession;
class CaptureForm;
class RecordFilterModel;
class RecordTableModel;

class FieldView : public QWidget
{
    Q_OBJECT
public:
    explicit FieldView(AppSession &session, QWidget *parent = nullptr);
    CaptureForm &form() { return *m_form; }
    RecordFilterModel &records() { return *m_filter; }

private:
    CaptureForm *m_form;
    RecordTableModel *m_model;
    RecordFilterModel *m_filter;
    QTableView *m_table;
};

} // namespace feedback::app
