// The dispatcher desk's alerts: a rating of 1–2 stars, or a customer asking to be contacted,
// that arrives from another device raises one desktop notification (one per arrival: a burst
// after a day offline is one notification that counts them, not fifty). Records entered on this
// desk, retracted ones and everything already in the table when the desk opened raise none. The
// text names the rating, courier and order, never what the customer wrote. The setting
// desk/alerts turns it off.
#pragma once
#include <QObject>

#include <core/FeedbackTypes.h>

namespace feedback::app {

class AppSession;
class DialogService;
class RecordTableModel;

class RecordAlerts : public QObject
{
    Q_OBJECT
public:
    RecordAlerts(AppSession &session, DialogService &dialogs, RecordTableModel &model,
                 QObject *parent = nullptr);

    // Whether a record asks for a dispatcher's attention at once.
    static bool needsAttention(const FeedbackRecordView &view);

private:
    void onArrived(const QList<RecordId> &ids);

    AppSession &m_session;
    DialogService &m_dialogs;
};

} // namespace feedback::app
