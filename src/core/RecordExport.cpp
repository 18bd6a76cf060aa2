#include "RecordExport.h"

#include "SafeText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace feedback {

namespace {

QJsonValue conflictValue(const QVariant &v)
{
    return QJsonValue::fromVariant(v);
}

QString yesNo(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QString followUpText(const FeedbackRecordView &r)
{
    return r.followUp ? followUpStatusName(*r.followUp) : QString();
}

// Flattens text for one table cell: line breaks and tabs become spaces, other controls escapes.
QString oneLine(const QString &text, int width)
{
    QString s = text;
    s.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
    s = safetext::escapeControls(s);
    if (s.size() <= width)
        return s;
    qsizetype keep = width - 1;
    if (s.at(keep - 1).isHighSurrogate()) // do not cut a character in half
        --keep;
    return s.left(keep) + QChar(0x2026);
}

} // namespace

// Line breaks and tabs stay (the cell is quoted); other controls are escaped, so a file that is
// shown with cat or less cannot drive the terminal.
QString RecordExport::csvCell(QString raw, bool isText)
{
    QString text = safetext::escapeControls(raw, safetext::LineBreaks::Keep);
    static const QString kFormulaStart = QStringLiteral("=+-@\t\r");
    if (isText && !text.isEmpty() && kFormulaStart.contains(text.front()))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
               QLatin1Char('"');
    return text;
}

QString RecordExport::isoUtc(Hlc at)
{
    return QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(at), Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

QJsonObject RecordExport::toJson(const FeedbackRecordView &r, bool synced)
{
    QJsonArray notes;
    for (const FeedbackNote &n : r.notes)
        notes.append(QJsonObject{{QStringLiteral("author"), n.author},
                                 {QStringLiteral("text"), n.text},
                                 {QStringLiteral("at"), isoUtc(n.at)}});
    QJsonObject conflicts;
    for (const FieldConflict &c : r.conflicts) {
        QJsonArray values;
        for (const QVariant &v : c.values)
            values.append(conflictValue(v));
        conflicts.insert(c.field, values);
    }
    return QJsonObject{
        {QStringLiteral("id"), recordIdToString(r.id)},
        {QStringLiteral("orderId"), r.orderId},
        {QStringLiteral("courierId"), static_cast<qint64>(r.courierId)},
        {QStringLiteral("rating"), r.rating},
        {QStringLiteral("comment"), r.comment},
        {QStringLiteral("reasons"), QJsonArray::fromStringList(r.reasons)},
        {QStringLiteral("publishConsent"), r.publishConsent},
        {QStringLiteral("needsFollowUp"), r.needsFollowUp},
        {QStringLiteral("contactRequested"), r.contactRequested},
        {QStringLiteral("contact"), r.contact},
        {QStringLiteral("contactErased"), r.contactErased},
        {QStringLiteral("createdAt"), isoUtc(r.createdAt)},
        {QStringLiteral("origin"), replicaIdToString(r.origin)},
        {QStringLiteral("followUp"),
         r.followUp ? QJsonValue(followUpStatusName(*r.followUp)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("assignee"), r.assignee},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("retracted"), r.retracted},
        {QStringLiteral("erased"), QJsonArray::fromStringList(r.erased)},
        {QStringLiteral("conflicts"), conflicts},
        {QStringLiteral("synced"), synced},
    };
}

QByteArray RecordExport::toJsonDocument(const QList<FeedbackRecordView> &records,
                                        const SyncedFn &synced)
{
    QJsonArray array;
    for (const FeedbackRecordView &r : records)
        array.append(toJson(r, synced(r.id)));
    return safetext::escapeJsonControls(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

QByteArray RecordExport::toCsv(const QList<FeedbackRecordView> &records, const SyncedFn &synced)
{
    QStringList lines{QStringLiteral("id,orderId,courierId,rating,comment,reasons,publishConsent,"
                                     "needsFollowUp,createdAt,origin,followUp,assignee,notes,"
                                     "retracted,conflicts,synced,contactRequested,contact,"
                                     "contactErased,erased")};
    for (const FeedbackRecordView &r : records) {
        QStringList notes;
        for (const FeedbackNote &n : r.notes)
            notes.append(n.author + QStringLiteral(": ") + n.text);
        QStringList conflicted;
        for (const FieldConflict &c : r.conflicts)
            conflicted.append(c.field);
        lines.append(QStringList{recordIdToString(r.id),
                                 csvCell(r.orderId, true),
                                 QString::number(r.courierId),
                                 QString::number(r.rating),
                                 csvCell(r.comment, true),
                                 csvCell(r.reasons.join(QLatin1Char(';')), true),
                                 yesNo(r.publishConsent),
                                 yesNo(r.needsFollowUp),
                                 isoUtc(r.createdAt),
                                 replicaIdToString(r.origin),
                                 followUpText(r),
                                 csvCell(r.assignee, true),
                                 csvCell(notes.join(QStringLiteral(" | ")), true),
                                 yesNo(r.retracted),
                                 csvCell(conflicted.join(QLatin1Char(';')), true),
                                 yesNo(synced(r.id)),
                                 yesNo(r.contactRequested),
                                 csvCell(r.contact, true),
                                 yesNo(r.contactErased),
                                 csvCell(r.erased.join(QLatin1Char(';')), true)}
                         .join(QLatin1Char(',')));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

QString RecordExport::toTable(const QList<FeedbackRecordView> &records, const SyncedFn &synced)
{
    QStringList lines{QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                          .arg(QStringLiteral("ID"), -38)
                          .arg(QStringLiteral("ORDER"), -16)
                          .arg(QStringLiteral("COURIER"), 7)
                          .arg(QStringLiteral("RATING"), 6)
                          .arg(QStringLiteral("CREATED (UTC)"), -24)
                          .arg(QStringLiteral("STATE"), -10)
                          .arg(QStringLiteral("COMMENT"))};
    for (const FeedbackRecordView &r : records) {
        QString state = synced(r.id) ? QStringLiteral("synced") : QStringLiteral("pending");
        if (r.retracted)
            state = QStringLiteral("retracted");
        else if (!r.conflicts.isEmpty())
            state = QStringLiteral("conflict");
        const auto shown = [&r](const QString &value, const char *field) {
            return r.erased.contains(QLatin1String(field)) ? QStringLiteral("(erased)") : value;
        };
        lines.append(QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                         .arg(recordIdToString(r.id), -38)
                         .arg(oneLine(shown(r.orderId, "orderId"), 16), -16)
                         .arg(r.courierId, 7)
                         .arg(QString(r.rating, QChar(0x2605)), 6)
                         .arg(isoUtc(r.createdAt), -24)
                         .arg(state, -10)
                         .arg(oneLine(shown(r.comment, "comment"), 60)));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString RecordExport::toText(const FeedbackRecordView &r, bool synced)
{
    const QJsonObject json = toJson(r, synced);
    QStringList lines;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isString())
            text = safetext::escapeControls(v.toString()); // one line per field
        else if (v.isNull())
            text = QStringLiteral("-");
        else if (v.isBool() || v.isDouble())
            text = QString::fromUtf8(
                QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
        else
            text = QString::fromUtf8(safetext::escapeJsonControls(
                QJsonDocument(v.isArray() ? QJsonDocument(v.toArray())
                                          : QJsonDocument(v.toObject()))
                    .toJson(QJsonDocument::Compact)));
        lines.append(QStringLiteral("%1 %2").arg(it.key() + QLatin1Char(':'), -16).arg(text));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

namespace {

QString changedBy(const RecordChange &change)
{
    return change.by.isEmpty()
               ? QStringLiteral("device ") + replicaIdToString(change.device).left(8)
               : change.by;
}

} // namespace

QJsonArray RecordExport::historyToJson(const QList<RecordChange> &changes)
{
    QJsonArray out;
    for (const RecordChange &c : changes)
        out.append(QJsonObject{{QStringLiteral("at"), isoUtc(c.at)},
                               {QStringLiteral("by"), changedBy(c)},
                               {QStringLiteral("device"), replicaIdToString(c.device)},
                               {QStringLiteral("field"), c.field},
                               {QStringLiteral("from"), c.from},
                               {QStringLiteral("to"), c.to}});
    return out;
}

QString RecordExport::historyToText(const QList<RecordChange> &changes)
{
    QString out;
    for (const RecordChange &c : changes) {
        out += isoUtc(c.at) + QStringLiteral("  ") + safetext::escapeControls(changedBy(c)) +
               QStringLiteral("  ") + c.field;
        if (!c.from.isEmpty() || !c.to.isEmpty())
            out += QStringLiteral(": ") + safetext::escapeControls(c.from) +
                   QStringLiteral(" -> ") + safetext::escapeControls(c.to);
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace feedback
