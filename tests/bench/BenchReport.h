// Benchmarks print one JSON object per line: {"bench": NAME, "value": N, "unit": U, ...}.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>

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

// Resident memory of this process in MB, from /proc/self/statm.
double residentMb();

} // namespace feedback::bench
