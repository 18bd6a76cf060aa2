// feedbackctl mirror: every record of this full device into the back office's PostgreSQL table
// (PostgresMirror), once, or (--follow) again whenever a sync brings or changes records.
#include "CliContext.h"
#include "CommandParser.h"
#include "PostgresMirror.h"

#include <QCoreApplication>
#include <QTimer>

#include <core/RecordExport.h>
#include <sync/Enrolment.h>
#include <sync/SyncClient.h>

namespace feedback::cli {

namespace {

// After a sync event, wait this long for more before writing (a catch-up brings many at once).
constexpr int kSettleMs = 300;
// A database that went away is tried again this often while following.
constexpr int kRetryMs = 5000;

QList<QJsonObject> recordsOf(const store::FeedbackStore &store)
{
    QList<QJsonObject> out;
    const QList<FeedbackRecordView> views = store.book().views();
    out.reserve(views.size());
    for (const FeedbackRecordView &r : views)
        out.append(RecordExport::toJson(r, store.isSynced(r.id)));
    return out;
}

// One pass; false (said on `err`) when it failed.
bool mirrorOnce(PostgresMirror &mirror, const store::FeedbackStore &store, QTextStream &out,
                QTextStream &err)
{
    const Result<PostgresMirror::Counts> counts = mirror.mirror(recordsOf(store));
    if (!counts) {
        err << "feedbackctl: " << counts.error() << Qt::endl;
        return false;
    }
    out << "mirrored " << counts->records << " records: " << counts->written << " written, "
        << counts->removed << " removed" << Qt::endl;
    return true;
}

} // namespace

int runMirror(CliContext &c)
{
    CommandParser p(QStringLiteral("mirror"),
                    QStringLiteral("Write every record, decrypted, into the PostgreSQL table "
                                   "feedback (created if needed; upsert by id)."));
    p.value(QStringLiteral("postgres"),
            QStringLiteral("postgresql://USER@HOST[:PORT]/DB, or postgresql://USER@/DB?host=DIR "
                           "for a socket."),
            QStringLiteral("URL"), CommandParser::Required);
    p.value(QStringLiteral("password-file"),
            QStringLiteral("The database password, on the file's first line (else libpq's "
                           "PGPASSFILE or ~/.pgpass)."),
            QStringLiteral("FILE"));
    p.flag(QStringLiteral("follow"),
           QStringLiteral("Stay connected to the relay and keep the table current."));
    relayOptions(p);
    p.check(QStringLiteral("postgres"), [](const QString &url) -> std::optional<QString> {
        const auto parsed = PostgresTarget::parse(url, QString(), QStringLiteral("--postgres"));
        return parsed ? std::nullopt : std::optional<QString>(parsed.error());
    });
    if (!p.parse(c))
        return p.exitCode();
    // A kiosk cannot open what the others wrote (and purges its own): no table to make.
    if (const auto keys = sync::workspaceKeysOf(*c.store); keys && !keys->canRead())
        return c.fail(QStringLiteral("a kiosk holds only its own records: mirror from a full "
                                     "device (a dispatcher desk)."),
                      kInvalidInput);
    const Result<PostgresTarget> target =
        PostgresTarget::parse(p.get(QStringLiteral("postgres")),
                              p.get(QStringLiteral("password-file")), QStringLiteral("--postgres"));
    if (!target)
        return c.fail(target.error(), kInvalidInput);
    auto mirror = std::make_shared<PostgresMirror>();
    if (Status opened = mirror->open(*target); !opened)
        return c.fail(opened.error());
    if (!mirrorOnce(*mirror, *c.store, c.out, c.err))
        return kFailure;
    if (!p.isSet(QStringLiteral("follow")))
        return kOk;

    int refused = kFailure;
    sync::SyncClient *client = makeClient(c, p, true, refused);
    if (!client)
        return refused;
    auto *settle = new QTimer(client);
    settle->setSingleShot(true);
    settle->setInterval(kSettleMs);
    store::FeedbackStore *store = c.store;
    QTextStream &out = c.out;
    QTextStream &err = c.err;
    // After a failed pass the database may have restarted: connect again before the next.
    auto reconnect = std::make_shared<bool>(false);
    QObject::connect(settle, &QTimer::timeout, client,
                     [settle, mirror, store, target, reconnect, &out, &err] {
                         if (*reconnect) {
                             if (Status opened = mirror->open(*target); !opened) {
                                 err << "feedbackctl: " << opened.error() << Qt::endl;
                                 settle->start(kRetryMs);
                                 return;
                             }
                             *reconnect = false;
                         }
                         if (!mirrorOnce(*mirror, *store, out, err)) {
                             *reconnect = true;
                             settle->start(kRetryMs);
                         }
                     });
    // What changes records: units received (live or in a catch-up), a snapshot joined, a unit
    // recovered; a conflict comes with what was received.
    QObject::connect(&client->session(), &sync::SyncSession::event, client,
                     [settle](sync::SyncEvent kind, const QJsonObject &) {
                         const bool changes = kind == sync::SyncEvent::Received ||
                                              kind == sync::SyncEvent::SnapshotApplied ||
                                              kind == sync::SyncEvent::Recovered;
                         if (changes && !settle->isActive())
                             settle->start(kSettleMs);
                     });
    client->start();
    return kLater;
}

} // namespace feedback::cli
