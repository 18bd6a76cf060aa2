// The field supervisor's laptop: the capture form in a normal window, next to this device's
// own records and whether each is only saved here or already synced. The line under the form
// follows the last record saved: "saved on this device" until the relay has it, then "sent".
#pragma once
#include <QWidget>

#include <core/FeedbackTypes.h>
#include <optional>

class QLabel;
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

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSavedStatus();

    AppSession &m_session;
    CaptureForm *m_form;
    QLabel *m_title;
    RecordTableModel *m_model;
    RecordFilterModel *m_filter;
    QTableView *m_table;
    std::optional<RecordId> m_lastSaved; // whose fate the form's status line tells
};

} // namespace feedback::app
