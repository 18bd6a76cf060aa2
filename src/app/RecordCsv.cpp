#include "RecordCsv.h"

#include "ReasonNames.h"

#include <QStringList>

#include <core/RecordExport.h>

namespace feedback::app {

namespace {
QString yesNo(bool value)
{
    return value ? RecordCsv::tr("Yes") : RecordCsv::tr("No");
}

QString joinLine(const QStringList &cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString &cell : cells)
        quoted.append(RecordExport::csvCell(cell));
    return quoted.join(QLatin1Char(','));
}
} // namespace

QByteArray RecordCsv::write(const QList<FeedbackRecordView> &records, const Source &source)
{
    QStringList lines{
        joinLine({tr("Created (UTC)"), tr("Order"), tr("Courier"), tr("Rating"), tr("Reasons"),
                  tr("Comment"), tr("May publish"), tr("Needs follow-up"), tr("Follow-up status"),
                  tr("Assignee"), tr("Notes"), tr("Retracted"), tr("Edited on two devices"),
                  tr("State"), tr("Device"), tr("Record ID"), tr("Device ID")})};
    for (const FeedbackRecordView &r : records) {
        QStringList reasons;
        for (const QString &tag : r.reasons)
            reasons.append(reasonLabel(tag));
        QStringList notes;
        for (const FeedbackNote &n : r.notes)
            notes.append(n.author + QStringLiteral(": ") + n.text);
        QStringList conflicted;
        for (const FieldConflict &c : r.conflicts)
            conflicted.append(fieldLabel(c.field));
        lines.append(joinLine({
            RecordExport::isoUtc(r.createdAt),
            r.orderId,
            QString::number(r.courierId),
            QString::number(r.rating),
            reasons.join(QStringLiteral("; ")),
            r.comment,
            yesNo(r.publishConsent),
            yesNo(r.needsFollowUp),
            r.followUp ? followUpLabel(static_cast<int>(*r.followUp)) : QString(),
            r.assignee,
            notes.join(QStringLiteral(" | ")),
            yesNo(r.retracted),
            conflicted.join(QStringLiteral("; ")),
            source.synced(r.id) ? tr("Synced") : tr("Saved on this device"),
            source.deviceName(r.origin),
            recordIdToString(r.id),
            replicaIdToString(r.origin),
        }));
    }
    return QByteArrayLiteral("\xEF\xBB\xBF") +
           (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

} // namespace feedback::app
