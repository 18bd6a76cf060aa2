// StoreDatabase's opening and its errors: what an existing file must look like before SQLite
// may touch it, the read-only modes (nothing written, not even at open), the pragmas and
// migrations of a writer, and what an SQLite error means to a person (disk full, read-only,
// damaged), so that no healthy profile is called damaged.
#include "Schema.h"
#include "StoreDatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QStorageInfo>

#include <common/sql/SqlError.h>
#include <unistd.h>

namespace feedback::store {
namespace {

// Below this, an I/O error is taken for a full disk: SQLite reports one when it cannot grow the
// shared-memory file of the write-ahead log, not SQLITE_FULL.
constexpr qint64 kAlmostFullBytes = 64 * 1024;

bool canWrite(const QString &path)
{
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0;
}

QString directoryOf(const QString &path)
{
    return QFileInfo(path).absolutePath();
}

const QByteArray kSqliteHeader = QByteArrayLiteral("SQLite format 3\0");

} // namespace

Status StoreDatabase::failure(const QString &what, const QSqlError &error) const
{
    ErrorKind kind = sql::errorKind(error);
    if (sql::primaryCode(error) == sql::sqlite::kCantOpen && !canWrite(directoryOf(m_path)))
        kind = ErrorKind::ReadOnly; // the write-ahead log cannot be created next to it
    if (sql::primaryCode(error) == sql::sqlite::kIoError) {
        const qint64 free = QStorageInfo(directoryOf(m_path)).bytesFree();
        if (free >= 0 && free < kAlmostFullBytes)
            kind = ErrorKind::DiskFull;
    }
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (kind) {
    case ErrorKind::DiskFull:
        return Status::failure(QStringLiteral("%1: the disk holding %2 is full (%3). Nothing was "
                                              "saved and the profile is intact: free some space "
                                              "and try again.")
                                   .arg(what, directoryOf(m_path), detail),
                               kind);
    case ErrorKind::ReadOnly:
        return Status::failure(QStringLiteral("%1: %2 cannot be written (read-only file system, "
                                              "or no permission: %3). Nothing was saved and the "
                                              "profile is intact.")
                                   .arg(what, m_path, detail),
                               kind);
    case ErrorKind::Damaged:
        return Status::failure(QStringLiteral("%1: the database %2 is damaged (%3). Nothing was "
                                              "changed; run doctor, and restore the profile from "
                                              "a backup if it cannot be read.")
                                   .arg(what, m_path, detail),
                               kind);
    default:
        return Status::failure(QStringLiteral("%1: %2").arg(what, error.text()), kind);
    }
}

Status StoreDatabase::refuseIfReadOnly() const
{
    if (!m_readOnly)
        return Ok{};
    return Status::failure(
        QStringLiteral("The database %1 was opened for reading only; nothing was written.")
            .arg(m_path),
        ErrorKind::ReadOnly);
}

Result<std::unique_ptr<StoreDatabase>> StoreDatabase::open(const QString &path, bool readOnly)
{
    using R = Result<std::unique_ptr<StoreDatabase>>;
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!existed && readOnly)
        return R::failure(QStringLiteral("There is no database at %1.").arg(path));
    if (existed) {
        // An existing file is a database already: never take it for a new one. (SQLite would:
        // an empty file is a valid empty database to it, and the profile would start afresh.)
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return R::failure(
                QStringLiteral("Cannot read the database %1: %2").arg(path, file.errorString()));
        const QByteArray header = file.read(kSqliteHeader.size());
        if (info.size() == 0)
            return R::failure(QStringLiteral("The database %1 is damaged: the file is empty (0 "
                                             "bytes), so its records and keys are gone. Nothing "
                                             "was changed; restore the profile from a backup.")
                                  .arg(path),
                              ErrorKind::Damaged);
        if (header != kSqliteHeader)
            return R::failure(QStringLiteral("The database %1 is damaged or not a Courier Feedback "
                                             "database: it does not start with an SQLite header. "
                                             "Nothing was changed.")
                                  .arg(path),
                              ErrorKind::Damaged);
    }
    std::unique_ptr<StoreDatabase> store(new StoreDatabase(path));
    store->m_readOnly = readOnly;
    using Access = sql::SqlConnection::Access;
    Status opened = store->openConnection(readOnly ? Access::ReadOnly : Access::ReadWrite);
    // A read-only or full file system: SQLite cannot create the shared-memory file a WAL
    // reader needs. With no write-ahead log beside it, the main file holds everything and
    // nobody can be writing it, so reading it as immutable is exact.
    if (!opened && readOnly &&
        (opened.errorKind() == ErrorKind::ReadOnly || opened.errorKind() == ErrorKind::DiskFull) &&
        QFileInfo(path + QStringLiteral("-wal")).size() == 0) // none, or empty
        opened = store->openConnection(Access::Immutable);
    if (!opened)
        return R::failure(opened);
    if (!existed)
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QSqlQuery q(store->connection());
    const auto version = Schema::version(store->connection());
    // Refuse a newer database before anything below writes to it (journal mode does).
    if (version)
        if (const Status newer = Schema::refuseNewer(*version); !newer)
            return R::failure(newer);
    if (readOnly) {
        if (!version || *version < Schema::currentVersion())
            return R::failure(
                QStringLiteral("The database %1 has an older layout (schema %2; this program "
                               "reads %3) and must be upgraded before it can be read, which only "
                               "a program that writes to it does. Nothing was changed.")
                    .arg(path)
                    .arg(version ? *version : -1)
                    .arg(Schema::currentVersion()),
                ErrorKind::NeedsUpgrade);
        if (!q.exec(QStringLiteral("PRAGMA busy_timeout = 5000")))
            return R::failure(
                store->failure(QStringLiteral("Cannot read the database"), q.lastError()));
    } else {
        q.finish();
        if (const Status set = store->m_connection.exec(
                sql::SqlConnection::durableWriterPragmas() +
                    QStringList{QStringLiteral("PRAGMA busy_timeout = 5000"),
                                QStringLiteral("PRAGMA secure_delete = ON")},
                QStringLiteral("The database %1 cannot be used").arg(path));
            !set)
            return R::failure(set);
        if (const Status migrated = Schema::migrate(store->m_connection); !migrated)
            return R::failure(migrated);
        // Where SQLite keeps the write-ahead log: next to the file the path resolves to (it
        // follows a symlinked file). Empty when the file system refused WAL: then no change is
        // sent before its commit is durable (logsAhead() is false), and flushLog, never called
        // then, would refuse.
        QSqlQuery mode(store->m_connection.db());
        if (mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next() &&
            mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
            store->m_logPath = QFileInfo(path).canonicalFilePath() + QStringLiteral("-wal");
    }
    if (const Status prepared = store->prepare(); !prepared)
        return R::failure(prepared);
    return store;
}

Status StoreDatabase::openConnection(sql::SqlConnection::Access access)
{
    if (Status opened = m_connection.open(m_path, access); !opened)
        return opened;
    // The first statement that reads the file tells whether it is a database at all.
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QSqlError error = q.lastError();
        q = QSqlQuery();
        if (sql::errorKind(error) == ErrorKind::Damaged)
            return Status::failure(QStringLiteral("The database %1 is damaged or not a Courier "
                                                  "Feedback database (%2).")
                                       .arg(m_path, error.databaseText()),
                                   ErrorKind::Damaged);
        return failure(QStringLiteral("Cannot open the database %1").arg(m_path), error);
    }
    return Ok{};
}

} // namespace feedback::store
