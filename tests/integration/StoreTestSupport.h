// What the FeedbackStore tests share (tst_store, tst_storemigration, tst_storeatrest): stores
// opened on real SQLite files with a fixed key, each path in a directory of its own, records
// from the seeded workload, and the files' bytes.
#pragma once

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifndef Q_MOC_RUN
#include <store/FeedbackStore.h>
#include <support/Workload.h>
#endif

namespace feedback::test {

inline const QByteArray kHomeA =
    QByteArrayLiteral("machine-a:/home/a/.local/share/courier/profile");

inline store::SecretKey fixedKey()
{
    return store::SecretKey::fromBytes(QByteArray(32, 'k'));
}

inline store::FeedbackStore::Options options(const QByteArray &home = kHomeA,
                                             HybridLogicalClock clock = HybridLogicalClock())
{
    store::FeedbackStore::Options o;
    o.home = home;
    o.clock = std::move(clock);
    return o;
}

inline std::unique_ptr<store::FeedbackStore> openStore(const QString &path,
                                                       store::FeedbackStore::Options o = options(),
                                                       const store::SecretKey &key = fixedKey())
{
    auto store = store::FeedbackStore::open(path, key, std::move(o));
    if (!store) {
        qWarning().noquote() << "open failed:" << store.error();
        return nullptr;
    }
    return std::move(*store);
}

// Closes the store (destroys it) and opens `path` again.
inline bool reopen(std::unique_ptr<store::FeedbackStore> &store, const QString &path,
                   store::FeedbackStore::Options o = options())
{
    store.reset();
    store = openStore(path, std::move(o));
    return store != nullptr;
}

inline QList<RecordId> submitSome(store::FeedbackStore &store, testsupport::Workload &work, int n)
{
    QList<RecordId> ids;
    for (int i = 0; i < n; ++i) {
        const auto id = store.submit(work.next());
        if (!id)
            qWarning().noquote() << "submit failed:" << id.error();
        else
            ids.append(*id);
    }
    return ids;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool anyLineContains(const QStringList &lines, const QString &a,
                            const QString &b = QString())
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const QString &l) { return l.contains(a) && l.contains(b); });
}

// Database paths under one temporary directory, each in a directory of its own.
class FreshPaths
{
public:
    bool isValid() const { return m_dir.isValid(); }
    QString next()
    {
        const QString sub = m_dir.filePath(QStringLiteral("t%1").arg(++m_serial));
        QDir().mkpath(sub);
        return sub + QStringLiteral("/feedback.db");
    }

private:
    QTemporaryDir m_dir;
    int m_serial = 0;
};

} // namespace feedback::test
