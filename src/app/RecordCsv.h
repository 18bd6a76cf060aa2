// The desk's CSV export, for people and their spreadsheets: display values in the app's
// language (status and reason names, the device's name, Yes/No) with the raw ids in their own
// columns, times in ISO 8601 (UTC) so that sorting and formulas work, and a UTF-8 byte order
// mark, without which spreadsheets read ß and ñ as two Latin-1 characters. feedbackctl keeps
// its machine CSV (RecordExport::toCsv).
#pragma once
#include <QCoreApplication>
#include <QList>

#include <core/FeedbackTypes.h>
#include <functional>

namespace feedback::app {

class RecordCsv
{
    Q_DECLARE_TR_FUNCTIONS(RecordCsv)
public:
    struct Source
    {
        std::function<bool(const RecordId &)> synced;
        std::function<QString(const ReplicaId &)> deviceName; // the device that entered it
    };
    static QByteArray write(const QList<FeedbackRecordView> &records, const Source &source);
};

} // namespace feedback::app
