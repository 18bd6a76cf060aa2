// Benchmarks print one JSON object per line: {"bench": NAME, "value": N, "unit": U, ...}.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace feedback::bench {

inline bool selected(const QString &name, const QString &prefix)
{
    return prefix.isEmpty() || name.startsWith(prefix);
}

inline void report(const QString &name, double value, const QString &unit, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("bench"), name);
    extra.insert(QStringLiteral("value"), value);
    extra.insert(QStringLiteral("unit"), unit);
    std::printf("%s\n", QJsonDocument(extra).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// The sizes of the growth table (issue 12): 10,000 and 100,000 records, and 1,000,000 when
// `./dev.sh bench --large` asked for it (FEEDBACK_BENCH_LARGE=1; those runs take minutes).
inline std::vector<int> growthSizes()
{
    const char *large = std::getenv("FEEDBACK_BENCH_LARGE");
    if (large && std::strcmp(large, "1") == 0)
        return {10000, 100000, 1000000};
    return {10000, 100000};
}

// Resident memory of this process in MB, from /proc/self/statm.
inline double residentMb()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toDouble() * 4096.0 / (1024.0 * 1024.0) : 0;
}

} // namespace feedback::bench
