// A connection of its own to a program's database behind its back: an SQLite file (a profile's
// feedback.db, a relay's relay.db) or a relay's PostgreSQL database, for tests that look at or
// damage what the program stored: one helper instead of a hand-made QSqlDatabase in every test.
// The connection has a name nobody else uses and is closed and removed when the object goes
// away. Failures are returned (and the last error kept for the test's message); nothing here
// uses QTest, so the tests decide what a failure means.
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUrl>
#include <QVariant>
#include <QVariantList>

#include <memory>

namespace feedback::test {

class RawDatabase
{
public:
    explicit RawDatabase(const QString &path);
    // The PostgreSQL database of a postgresql://USER@HOST:PORT/DB URL (trust authentication).
    static std::unique_ptr<RawDatabase> postgres(const QUrl &url);
    ~RawDatabase();
    RawDatabase(const RawDatabase &) = delete;
    RawDatabase &operator=(const RawDatabase &) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    // Runs `sql` with `binds` for its `?` placeholders; the rows it returns go to `rows`.
    bool exec(const QString &sql, const QVariantList &binds = {},
              QList<QVariantList> *rows = nullptr);
    QList<QVariantList> rows(const QString &sql, const QVariantList &binds = {});
    // The first column of the first row; invalid when there is none or the statement failed.
    QVariant value(const QString &sql, const QVariantList &binds = {});
    int userVersion();
    // Rows changed by the last exec (-1 when it failed).
    int changes() const { return m_changes; }
    // The last failure (opening or a statement), with the statement: for QVERIFY2.
    const QString &error() const { return m_error; }
    QByteArray describe() const { return m_error.toUtf8(); }
    // The connection itself, for code under test that takes one (a migration) and for
    // statements prepared once and run many times.
    QSqlDatabase &db() { return m_db; }

    // Runs one statement on the file at `path` (no program may have it open meanwhile).
    static bool execOn(const QString &path, const QString &sql, const QVariantList &binds = {});

private:
    RawDatabase() = default;
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
    int m_changes = -1;
};

} // namespace feedback::test
