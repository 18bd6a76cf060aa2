// Records as JSON, CSV and a plain-text table: what feedbackctl prints and the app exports.
// Control characters never come out raw (see SafeText.h): the table and text escape them, CSV
// keeps only line breaks and tabs inside quoted cells, JSON uses \u escapes.
#pragma once

#include "FeedbackTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace feedback {

class RecordExport
{
public:
    using SyncedFn = std::function<bool(const RecordId &)>;

    static QString isoUtc(Hlc at); // "2026-11-26T02:18:49.123Z"
    static QJsonObject toJson(const FeedbackRecordView &record, bool synced);
    static QByteArray toJsonDocument(const QList<FeedbackRecordView> &records,
                                     const SyncedFn &synced);
    // RFC 4180; text cells that a spreadsheet would run as a formula are prefixed with '.
    static QString csvCell(QString text, bool isText = true);
    static QByteArray toCsv(const QList<FeedbackRecordView> &records, const SyncedFn &synced);
    static QString toTable(const QList<FeedbackRecordView> &records, const SyncedFn &synced);
    static QString toText(const FeedbackRecordView &record, bool synced); // one record, by field
    // A record's history (FeedbackBook::history): a list of {at, by, device, field, from, to};
    // `by` is the name the change carried, else "device <first 8 hex digits>".
    static QJsonArray historyToJson(const QList<RecordChange> &changes);
    static QString historyToText(const QList<RecordChange> &changes); // one change a line
};

} // namespace feedback
