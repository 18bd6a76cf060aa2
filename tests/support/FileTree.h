// Copying a directory's files as a backup, a restore or a disk image would: for the tests that
// restore profiles and relay data, and the benchmarks. Header-only (Qt Core).
#pragma once

#include <QDir>
#include <QFile>

namespace feedback::test {

// Every file of `from` (hidden ones too; not subdirectories) into `to`, which is made if needed.
inline bool copyFiles(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QString &name : source.entryList(QDir::Files | QDir::Hidden))
        if (!QFile::copy(source.filePath(name), QDir(to).filePath(name)))
            return false;
    return true;
}

} // namespace feedback::test
