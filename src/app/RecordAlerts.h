// The dispatcher desk's alerts: a rating of 1–2 stars, or a customer asking to be contacted,
// that arrives from another device raises one desktop notification (one per arrival: a burst
// after a day offline is one notification that counts them, not fifty). Records entered on this
// desk, retracted ones, ones created more than a week earlier (a desk that joins gets the whole
// history: that is no news) and everything already in the table when the desk opened raise
// none. The text names the rating, courier and order number, never the comment or the contact
// details. The setting desk/alerts turns it off.
#pragma once
#include <QObject>

#include <chrono>
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
    static constexpr std::chrono::hours kNewFor{24 * 7};

private:
    void onArrived(const QList<RecordId> &ids);

    AppSession &m_session;
    DialogService &m_dialogs;
    RecordTableModel &m_model;
};

} // namespace feedback::app
