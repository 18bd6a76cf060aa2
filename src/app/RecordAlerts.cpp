#include "RecordAlerts.h"

#include "AppSession.h"
#include "AppSettings.h"
#include "DialogService.h"
#include "RecordTableModel.h"

#include <QDateTime>

#include <core/HybridLogicalClock.h>

namespace feedback::app {

RecordAlerts::RecordAlerts(AppSession &session, DialogService &dialogs, RecordTableModel &model,
                           QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dialogs(dialogs)
    , m_model(model)
{
    connect(&model, &RecordTableModel::recordsArrived, this, &RecordAlerts::onArrived);
}

bool RecordAlerts::needsAttention(const FeedbackRecordView &view)
{
    return !view.retracted && ((view.rating >= 1 && view.rating <= 2) || view.contactRequested);
}

void RecordAlerts::onArrived(const QList<RecordId> &ids)
{
    if (!m_session.profile().get(settings::kAlerts))
        return;
    QList<FeedbackRecordView> urgent;
    const qint64 oldestMs = QDateTime::currentMSecsSinceEpoch() -
                            std::chrono::duration_cast<std::chrono::milliseconds>(kNewFor).count();
    for (const RecordId &id : ids) {
        if (m_session.isThisDevice(id.replica))
            continue; // entered here: the dispatcher knows
        // The table's row first: a desk that joins gets thousands of old records at once.
        const int row = m_model.rowOf(id);
        if (row < 0)
            continue;
        const RecordRow &r = m_model.rowAt(row);
        if (r.retracted || HybridLogicalClock::millisOf(r.createdAt) < oldestMs)
            continue;
        if (auto view = m_session.record(id); view && needsAttention(*view))
            urgent.append(std::move(*view));
    }
    if (urgent.isEmpty())
        return;
    if (urgent.size() > 1) {
        m_dialogs.notify(tr("%n rating(s) need attention", nullptr, int(urgent.size())),
                         tr("Low ratings or requests to be contacted arrived from other "
                            "devices."));
        return;
    }
    const FeedbackRecordView &v = urgent.first();
    const bool orderErased = v.erased.contains(QLatin1String("orderId"));
    const QString order = orderErased ? tr("(erased)") : v.orderId.left(40);
    const QString title = v.contactRequested && v.rating > 2
                              ? tr("A customer asks to be contacted")
                              : tr("New %n-star rating", nullptr, int(v.rating));
    QString text = tr("Courier %1, order %2").arg(v.courierId).arg(order);
    if (v.contactRequested && v.rating <= 2)
        text += QLatin1Char('\n') + tr("The customer asks to be contacted.");
    m_dialogs.notify(title, text);
}

} // namespace feedback::app
