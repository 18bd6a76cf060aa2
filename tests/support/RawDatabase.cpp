#include "RawDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <atomic>

namespace feedback::test {

namespace {
std::atomic<int> s_connections{0};
// Long enough for a program that holds the file for a moment; a wait that ends as soon as it
// can, so only a failure reaches it.
constexpr int kBusyTimeoutMs = 10000;
} // namespace

RawDatabase::RawDatabase(const QString &path)
    : m_name(QStringLiteral("tests-raw-sqlite-%1").arg(++s_connections))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        m_error = QStringLiteral("cannot open %1: %2").arg(path, m_db.lastError().text());
    else
        exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs));
}

std::unique_ptr<RawDatabase> RawDatabase::postgres(const QUrl &url)
{
    std::unique_ptr<RawDatabase> raw(new RawDatabase);
    raw->m_name = QStringLiteral("tests-raw-postgres-%1").arg(++s_connections);
    raw->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), raw->m_name);
    raw->m_db.setHostName(url.host());
    raw->m_db.setPort(url.port(5432));
    raw->m_db.setUserName(url.userName());
    raw->m_db.setDatabaseName(url.path().mid(1));
    if (!raw->m_db.open())
        raw->m_error = QStringLiteral("cannot open %1: %2")
                           .arg(url.toString(QUrl::RemovePassword), raw->m_db.lastError().text());
    return raw;
}

RawDatabase::~RawDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool RawDatabase::exec(const QString &sql, const QVariantList &binds, QList<QVariantList> *rows)
{
    m_changes = -1;
    QSqlQuery q(m_db);
    bool ok = q.prepare(sql);
    for (qsizetype i = 0; ok && i < binds.size(); ++i)
        q.bindValue(static_cast<int>(i), binds[i]);
    if (!ok || !q.exec()) {
        m_error = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
        qWarning("raw SQL failed: %s", qPrintable(m_error));
        return false;
    }
    m_changes = q.numRowsAffected();
    while (rows && q.next()) {
        rows->append(QVariantList());
        for (int i = 0; i < q.record().count(); ++i)
            rows->last().append(q.value(i));
    }
    return true;
}

QList<QVariantList> RawDatabase::rows(const QString &sql, const QVariantList &binds)
{
    QList<QVariantList> out;
    exec(sql, binds, &out);
    return out;
}

QVariant RawDatabase::value(const QString &sql, const QVariantList &binds)
{
    return rows(sql, binds).value(0).value(0);
}

int RawDatabase::userVersion()
{
    return value(QStringLiteral("PRAGMA user_version")).toInt();
}

bool RawDatabase::execOn(const QString &path, const QString &sql, const QVariantList &binds)
{
    RawDatabase raw(path);
    return raw.isOpen() && raw.exec(sql, binds);
}

} // namespace feedback::test
