// The record's history in the dispatcher's detail pane: one line per change, oldest first —
// when, who (the name the change carried, else the device), the field and its value before and
// after. The comment and the contact details read "changed" or "erased", never their text.
#pragma once
#include <QGroupBox>

#include <core/FeedbackTypes.h>

class QListWidget;

namespace feedback::app {

class AppSession;

class RecordHistoryBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit RecordHistoryBox(const AppSession &session, QWidget *parent = nullptr);

    void showRecord(const RecordId &id);
    // One change as the list shows it ("4 Dec 2026, 14:03 · Amira · Follow-up status: Open →
    // Resolved").
    QString lineOf(const RecordChange &change) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QString valueText(const QString &field, const QString &value) const;
    QString whatText(const RecordChange &change) const;

    const AppSession &m_session;
    QListWidget *m_list;
    std::optional<RecordId> m_id;
};

} // namespace feedback::app
