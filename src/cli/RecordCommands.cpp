// feedbackctl commands that write or read records: submit, edit, list, show, export.
#include "CliContext.h"
#include "CommandParser.h"

#include <QJsonDocument>
#include <QSaveFile>

#include <core/RecordExport.h>
#include <core/Validation.h>
#include <sync/Enrolment.h>

namespace feedback::cli {

namespace {

RecordExport::SyncedFn syncedIn(const store::FeedbackStore &store)
{
    return [&store](const RecordId &id) {
        return store.isSynced(id);
    };
}

constexpr int kRatingMin = 1; // what FeedbackValidator accepts
constexpr int kRatingMax = 5;

int reportInvalid(CliContext &c, const QList<FieldError> &errors)
{
    // Messages may quote the input (an unknown reason, say): escaped like every output.
    for (const FieldError &e : errors)
        c.err << "invalid " << (e.field.isEmpty() ? QStringLiteral("input") : e.field) << ": "
              << safetext::escapeControls(e.message) << Qt::endl;
    return kInvalidInput;
}

// The parser made sure there is exactly one.
std::optional<RecordId> recordArgument(CliContext &c, const QStringList &positional)
{
    const auto id = recordIdFromString(positional.first());
    if (!id)
        c.fail(QStringLiteral("%1 is not a record id.").arg(safetext::quoted(positional.first())),
               kInvalidInput);
    return id;
}

// The common end of edit and erase: the record must be here, the edit must pass its checks
// against it (so the errors speak of it: "no contact details to erase"), then one mutation.
int applyEdit(CliContext &c, const RecordId &id, const FeedbackEdit &e)
{
    if (!c.store->book().view(id))
        return c.fail(
            QStringLiteral("No record with id %1 on this device.").arg(recordIdToString(id)),
            kInvalidInput);
    if (const auto errors = c.store->book().validate(id, e); !errors.isEmpty())
        return reportInvalid(c, errors);
    if (Status s = c.store->edit(id, e); !s)
        return c.fail(s.error());
    c.out << recordIdToString(id) << Qt::endl;
    return kOk;
}

} // namespace

int runSubmit(CliContext &c)
{
    CommandParser p(QStringLiteral("submit"), QStringLiteral("Submit one feedback record."));
    p.value(QStringLiteral("order"), QStringLiteral("Order id."), QStringLiteral("ID"),
            CommandParser::Required);
    p.integer(QStringLiteral("courier"), QStringLiteral("Courier id"), QStringLiteral("N"), 1,
              limits::kCourierIdMax, CommandParser::Required);
    p.integer(QStringLiteral("rating"), QStringLiteral("Rating"), QStringLiteral("R"), kRatingMin,
              kRatingMax, CommandParser::Required);
    p.value(QStringLiteral("comment"), QStringLiteral("Comment."), QStringLiteral("TEXT"));
    p.value(QStringLiteral("reason"), QStringLiteral("A reason tag (repeatable)."),
            QStringLiteral("TAG"), CommandParser::Repeatable);
    p.flag(QStringLiteral("consent"), QStringLiteral("The customer agrees to publication."));
    p.flag(QStringLiteral("contact-me"),
           QStringLiteral("The customer asks to be contacted (sets follow-up unless "
                          "--no-follow-up)."));
    p.value(QStringLiteral("contact"),
            QStringLiteral("How: a phone number or an e-mail address (with --contact-me)."),
            QStringLiteral("PHONE|EMAIL"));
    p.needs(QStringLiteral("contact"), QStringLiteral("contact-me"));
    p.check(QStringLiteral("contact"), &FeedbackValidator::contactProblem);
    p.flag(QStringLiteral("follow-up"), QStringLiteral("Needs follow-up."));
    p.flag(QStringLiteral("no-follow-up"), QStringLiteral("Needs no follow-up."));
    if (!p.parse(c))
        return p.exitCode();
    if (p.isSet(QStringLiteral("follow-up")) && p.isSet(QStringLiteral("no-follow-up")))
        return c.fail(QStringLiteral("--follow-up and --no-follow-up exclude each other."),
                      kInvalidInput);
    NewFeedback f;
    f.orderId = p.get(QStringLiteral("order")).trimmed();
    f.courierId = p.integerValue(QStringLiteral("courier"));
    f.rating = static_cast<int>(p.integerValue(QStringLiteral("rating")));
    f.comment = p.get(QStringLiteral("comment"));
    f.reasons = p.all(QStringLiteral("reason"));
    f.publishConsent = p.isSet(QStringLiteral("consent"));
    f.contactRequested = p.isSet(QStringLiteral("contact-me"));
    f.contact = p.get(QStringLiteral("contact"));
    if (p.isSet(QStringLiteral("follow-up")) || p.isSet(QStringLiteral("no-follow-up")))
        f.needsFollowUp = p.isSet(QStringLiteral("follow-up"));
    if (const auto errors = c.store->book().validator().validate(f); !errors.isEmpty())
        return reportInvalid(c, errors);
    const auto id = c.store->submit(f);
    if (!id)
        return c.fail(id.error());
    c.out << recordIdToString(*id) << Qt::endl;
    return kOk;
}

int runEdit(CliContext &c)
{
    CommandParser p(QStringLiteral("edit"), QStringLiteral("Change a record (one mutation)."));
    p.integer(QStringLiteral("rating"), QStringLiteral("New rating"), QStringLiteral("R"),
              kRatingMin, kRatingMax);
    p.value(QStringLiteral("comment"), QStringLiteral("New comment."), QStringLiteral("TEXT"));
    p.value(QStringLiteral("reason"), QStringLiteral("The new set of reasons (repeatable)."),
            QStringLiteral("TAG"), CommandParser::Repeatable);
    p.flag(QStringLiteral("no-reasons"), QStringLiteral("Remove every reason."));
    p.flag(QStringLiteral("consent"), QStringLiteral("Consent to publication."));
    p.flag(QStringLiteral("no-consent"), QStringLiteral("Withdraw consent."));
    p.flag(QStringLiteral("follow-up"), QStringLiteral("Needs follow-up."));
    p.flag(QStringLiteral("no-follow-up"), QStringLiteral("Needs no follow-up."));
    p.value(QStringLiteral("status"), QStringLiteral("open, in_progress or resolved."),
            QStringLiteral("STATUS"));
    p.value(QStringLiteral("assignee"), QStringLiteral("Who follows up."), QStringLiteral("NAME"));
    p.value(QStringLiteral("note"), QStringLiteral("Add a note."), QStringLiteral("TEXT"));
    p.value(QStringLiteral("author"),
            QStringLiteral("Who makes the change: the note's author and the name in the record's "
                           "history (default: profile name)."),
            QStringLiteral("NAME"));
    p.flag(QStringLiteral("erase-contact"),
           QStringLiteral("Erase the customer's contact details (the request stays)."));
    p.flag(QStringLiteral("retract"), QStringLiteral("Retract the record."));
    p.positionalHelp(QStringLiteral("ID"), QStringLiteral("The record's id."));
    if (!p.parse(c))
        return p.exitCode();
    // A kiosk only submits: its changes would be the only edits no dispatcher can read first.
    if (const auto keys = sync::workspaceKeysOf(*c.store); keys && !keys->canRead())
        return c.fail(QStringLiteral("A kiosk submits new feedback only: edit it on a full "
                                     "device (dispatcher desk or field laptop)."));
    const auto id = recordArgument(c, p.positional());
    if (!id)
        return kInvalidInput;
    FeedbackEdit e;
    e.by = p.isSet(QStringLiteral("author")) ? p.get(QStringLiteral("author")).trimmed()
                                             : c.profile.get(store::settings::kDeviceName);
    if (p.isSet(QStringLiteral("rating")))
        e.rating = static_cast<int>(p.integerValue(QStringLiteral("rating")));
    if (p.isSet(QStringLiteral("comment")))
        e.comment = p.get(QStringLiteral("comment"));
    if (p.isSet(QStringLiteral("reason")) || p.isSet(QStringLiteral("no-reasons")))
        e.reasons = p.all(QStringLiteral("reason"));
    for (const auto &[yes, no, field] :
         {std::tuple{"consent", "no-consent", &e.publishConsent},
          std::tuple{"follow-up", "no-follow-up", &e.needsFollowUp}}) {
        const bool y = p.isSet(QLatin1String(yes));
        const bool n = p.isSet(QLatin1String(no));
        if (y && n)
            return c.fail(QStringLiteral("--%1 and --%2 exclude each other.")
                              .arg(QLatin1String(yes), QLatin1String(no)),
                          kInvalidInput);
        if (y || n)
            *field = y;
    }
    if (p.isSet(QStringLiteral("status"))) {
        e.followUp = followUpStatusFromName(p.get(QStringLiteral("status")));
        if (!e.followUp)
            return c.fail(QStringLiteral("--status must be open, in_progress or resolved."),
                          kInvalidInput);
    }
    if (p.isSet(QStringLiteral("assignee")))
        e.assignee = p.get(QStringLiteral("assignee"));
    if (p.isSet(QStringLiteral("note"))) {
        e.noteText = p.get(QStringLiteral("note"));
        e.noteAuthor = e.by;
    }
    if (p.isSet(QStringLiteral("erase-contact")))
        e.contact = QString();
    e.retract = p.isSet(QStringLiteral("retract"));
    return applyEdit(c, *id, e);
}

int runErase(CliContext &c)
{
    CommandParser p(QStringLiteral("erase"),
                    QStringLiteral("Erase a customer's personal data from a record, for good, on "
                                   "every device (GDPR art. 17)."));
    p.value(QStringLiteral("field"),
            QStringLiteral("comment (default), or all: the comment, the order number and the "
                           "contact details."),
            QStringLiteral("FIELD"));
    p.positionalHelp(QStringLiteral("ID"), QStringLiteral("The record's id."));
    if (!p.parse(c))
        return p.exitCode();
    if (const auto keys = sync::workspaceKeysOf(*c.store); keys && !keys->canRead())
        return c.fail(QStringLiteral("A kiosk submits new feedback only: erase on a full device "
                                     "(dispatcher desk or field laptop)."));
    const QString field = p.get(QStringLiteral("field"), QStringLiteral("comment"));
    FeedbackEdit e;
    e.by = c.profile.get(store::settings::kDeviceName);
    if (field == QLatin1String("comment"))
        e.erase = ErasedField::Comment;
    else if (field == QLatin1String("all"))
        e.erase = ErasedField::All;
    else
        return c.fail(QStringLiteral("--field must be comment or all."), kInvalidInput);
    const auto id = recordArgument(c, p.positional());
    if (!id)
        return kInvalidInput;
    return applyEdit(c, *id, e);
}

int runList(CliContext &c)
{
    CommandParser p(QStringLiteral("list"), QStringLiteral("Every record on this device."));
    p.value(QStringLiteral("format"), QStringLiteral("table, json or csv."), QStringLiteral("F"));
    if (!p.parse(c))
        return p.exitCode();
    const QString format = p.get(QStringLiteral("format"), QStringLiteral("table"));
    const auto records = c.store->book().views();
    if (format == QLatin1String("table"))
        c.out << RecordExport::toTable(records, syncedIn(*c.store));
    else if (format == QLatin1String("json"))
        c.out << RecordExport::toJsonDocument(records, syncedIn(*c.store));
    else if (format == QLatin1String("csv"))
        c.out << RecordExport::toCsv(records, syncedIn(*c.store));
    else
        return c.fail(QStringLiteral("--format must be table, json or csv."), kInvalidInput);
    return kOk;
}

int runShow(CliContext &c)
{
    CommandParser p(QStringLiteral("show"), QStringLiteral("One record, every field."));
    p.positionalHelp(QStringLiteral("ID"), QStringLiteral("The record's id."));
    p.value(QStringLiteral("format"), QStringLiteral("text or json."), QStringLiteral("F"));
    if (!p.parse(c))
        return p.exitCode();
    const auto id = recordArgument(c, p.positional());
    if (!id)
        return kInvalidInput;
    const auto record = c.store->book().view(*id);
    if (!record)
        return c.fail(
            QStringLiteral("No record with id %1 on this device.").arg(recordIdToString(*id)));
    const QString format = p.get(QStringLiteral("format"), QStringLiteral("text"));
    if (format == QLatin1String("json"))
        c.out << safetext::escapeJsonControls(
            QJsonDocument(RecordExport::toJson(*record, c.store->isSynced(*id)))
                .toJson(QJsonDocument::Indented));
    else if (format == QLatin1String("text"))
        c.out << RecordExport::toText(*record, c.store->isSynced(*id));
    else
        return c.fail(QStringLiteral("--format must be text or json."), kInvalidInput);
    return kOk;
}

int runHistory(CliContext &c)
{
    CommandParser p(QStringLiteral("history"),
                    QStringLiteral("Every change of one record, oldest first."));
    p.positionalHelp(QStringLiteral("ID"), QStringLiteral("The record's id."));
    p.value(QStringLiteral("format"), QStringLiteral("text or json."), QStringLiteral("F"));
    if (!p.parse(c))
        return p.exitCode();
    const QString format = p.get(QStringLiteral("format"), QStringLiteral("text"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return c.fail(QStringLiteral("--format must be text or json."), kInvalidInput);
    const auto id = recordArgument(c, p.positional());
    if (!id)
        return kInvalidInput;
    if (!c.store->book().view(*id))
        return c.fail(
            QStringLiteral("No record with id %1 on this device.").arg(recordIdToString(*id)));
    const QList<RecordChange> changes = c.store->book().history(*id);
    if (format == QLatin1String("json"))
        c.out << safetext::escapeJsonControls(
            QJsonDocument(RecordExport::historyToJson(changes)).toJson(QJsonDocument::Indented));
    else
        c.out << RecordExport::historyToText(changes);
    return kOk;
}

int runExport(CliContext &c)
{
    CommandParser p(QStringLiteral("export"), QStringLiteral("Export every record."));
    p.value(QStringLiteral("format"), QStringLiteral("csv or json."), QStringLiteral("F"));
    p.value(QStringLiteral("output"), QStringLiteral("Write to FILE instead of stdout."),
            QStringLiteral("FILE"));
    if (!p.parse(c))
        return p.exitCode();
    const QString format = p.get(QStringLiteral("format"));
    const auto records = c.store->book().views();
    QByteArray bytes;
    if (format == QLatin1String("csv"))
        bytes = RecordExport::toCsv(records, syncedIn(*c.store));
    else if (format == QLatin1String("json"))
        bytes = RecordExport::toJsonDocument(records, syncedIn(*c.store));
    else
        return c.fail(QStringLiteral("--format csv or --format json is required."), kInvalidInput);
    if (!p.isSet(QStringLiteral("output"))) {
        c.out << QString::fromUtf8(bytes);
        return kOk;
    }
    QSaveFile file(p.get(QStringLiteral("output")));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return c.fail(
            QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    c.err << "exported " << records.size() << " records to "
          << safetext::escapeControls(file.fileName()) << Qt::endl;
    return kOk;
}

} // namespace feedback::cli
