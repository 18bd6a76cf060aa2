#include "PostgresTarget.h"

#include <QFile>
#include <QUrl>
#include <QUrlQuery>

namespace feedback::sql {

Result<PostgresTarget> PostgresTarget::parse(const QString &text, const QString &passwordFile,
                                             const QString &option)
{
    using R = Result<PostgresTarget>;
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() ||
        (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")) ||
        url.path().size() < 2 || url.userName().isEmpty())
        return R::failure(QStringLiteral("%1 expects postgresql://USER@HOST[:PORT]/DB (or "
                                         "postgresql://USER@/DB?host=/run/postgresql)")
                              .arg(option),
                          ErrorKind::BadData);
    if (!url.password().isEmpty())
        return R::failure(QStringLiteral("%1: put the password in a password file or PGPASSFILE, "
                                         "not in the URL (the process list shows it)")
                              .arg(option),
                          ErrorKind::BadData);
    PostgresTarget target;
    target.user = url.userName();
    target.database = url.path().mid(1);
    target.host = url.host();
    target.port = url.port(5432);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host"))
            target.host = value;
        else if (key == QLatin1String("sslmode"))
            target.options = QStringLiteral("sslmode=") + value;
        else
            return R::failure(
                QStringLiteral("%1: unknown parameter %2 (host and sslmode are known)")
                    .arg(option, key),
                ErrorKind::BadData);
    }
    if (target.host.isEmpty())
        target.host = QStringLiteral("/run/postgresql");
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly))
            return R::failure(QStringLiteral("cannot read the password file %1: %2")
                                  .arg(passwordFile, file.errorString()),
                              ErrorKind::BadData);
        target.password = QString::fromUtf8(file.readLine(4096)).trimmed();
    }
    return target;
}

void PostgresTarget::applyTo(QSqlDatabase &db) const
{
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setDatabaseName(database);
    db.setPassword(password);
    db.setConnectOptions(options);
}

Status PostgresTarget::driverAvailable()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Status::failure(QStringLiteral("the Qt PostgreSQL driver is missing (Debian "
                                              "package libqt6sql6-psql)"));
    return Ok{};
}

} // namespace feedback::sql
