// One record in full for the dispatcher: the feedback, the follow-up workflow (status,
// assignee, notes with author and time), retraction, and each field edited concurrently on two
// devices with its values side by side, each with the device and time that set it, and "Keep
// this one".
#pragma once
#include <QLabel>
#include <QWidget>

#include <core/FeedbackTypes.h>
#include <memory>

namespace Ui {
class RecordDetailPane;
}

namespace feedback::app {

class AppSession;
class ContactRequestBox;
class RecordHistoryBox;
class PresenceLine;
class DialogService;

class RecordDetailPane : public QWidget
{
    Q_OBJECT
public:
    RecordDetailPane(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);
    ~RecordDetailPane() override;

    void showRecord(const std::optional<RecordId> &id);
    std::optional<RecordId> record() const { return m_id; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void refreshIfShown(const QList<RecordId> &ids);
    void fillConflicts(const FeedbackRecordView &view);
    void apply(const FeedbackEdit &edit);
    void keep(const QString &field, const QVariant &value);
    QString describe(const QString &field, const QVariant &value) const;
    void showOrderLink(const FeedbackRecordView &view, bool orderErased);
    void openOrder();

    AppSession &m_session;
    DialogService &m_dialogs;
    std::unique_ptr<Ui::RecordDetailPane> m_ui;
    ContactRequestBox *m_contact; // the customer's request to be contacted, and how
    QLabel *m_orderLink;          // the order in the company's order system (OrderLink)
    RecordHistoryBox *m_history;  // every change of the record
    PresenceLine *m_presence;     // the other dispatchers on the record
    std::optional<RecordId> m_id;
};

} // namespace feedback::app
