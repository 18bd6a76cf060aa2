#include "LegacyQueue.h"

#include "SafeText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace feedback {

namespace {

// The old app sent numbers as strings at times; accept both, but only whole numbers.
std::optional<qint64> wholeNumber(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Casting a double outside qint64's range is undefined: check the range first.
        constexpr double kLimit = 9007199254740992.0; // 2^53: beyond it doubles skip integers
        if (std::isfinite(d) && std::fabs(d) <= kLimit && d == std::floor(d))
            return static_cast<qint64>(d);
        return std::nullopt;
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

std::optional<QString> itemProblem(const QJsonObject &o, NewFeedback &f)
{
    const QJsonValue order = o.value(QStringLiteral("orderId"));
    if (order.isString())
        f.orderId = order.toString().trimmed();
    else if (auto n = wholeNumber(order))
        f.orderId = QString::number(*n);
    else
        return QStringLiteral("orderId is missing or not text");
    const auto courier = wholeNumber(o.value(QStringLiteral("courierId")));
    if (!courier)
        return QStringLiteral("courierId is missing or not a whole number");
    f.courierId = *courier;
    const auto rating = wholeNumber(o.value(QStringLiteral("rating")));
    if (!rating || *rating < -1000 || *rating > 1000)
        return QStringLiteral("rating is missing or not a whole number");
    f.rating = static_cast<int>(*rating);
    const QJsonValue comment = o.value(QStringLiteral("comment"));
    if (!comment.isUndefined() && !comment.isNull() && !comment.isString())
        return QStringLiteral("comment is not text");
    f.comment = comment.toString();
    const QJsonValue reasons = o.value(QStringLiteral("reasons"));
    if (!reasons.isUndefined() && !reasons.isNull()) {
        if (!reasons.isArray())
            return QStringLiteral("reasons is not a list");
        for (const QJsonValue &r : reasons.toArray()) {
            if (!r.isString())
                return QStringLiteral("reasons holds something other than text");
            f.reasons.append(r.toString());
        }
        f.reasons.removeDuplicates();
    }
    f.publishConsent = o.value(QStringLiteral("publishConsent")).toBool(false);
    const QJsonValue followUp = o.value(QStringLiteral("needsFollowUp"));
    if (followUp.isBool())
        f.needsFollowUp = followUp.toBool();
    return std::nullopt;
}

} // namespace

Result<LegacyQueue> LegacyQueue::parse(const QByteArray &json)
{
    if (json.size() > kMaxFileBytes)
        return Result<LegacyQueue>::failure(
            QStringLiteral("The file is larger than %1 MiB.").arg(kMaxFileBytes / (1024 * 1024)));
    // The JSON parser would say "invalid UTF8 string" too, but not that the whole file is in
    // another encoding, which is what people need to fix.
    if (const qsizetype at = safetext::invalidUtf8At(json); at >= 0)
        return Result<LegacyQueue>::failure(
            QStringLiteral("Not UTF-8 text (byte %1); save the file as UTF-8.").arg(at));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<LegacyQueue>::failure(QStringLiteral("Not valid JSON: %1 at byte %2.")
                                                .arg(error.errorString())
                                                .arg(error.offset));
    if (!doc.isArray())
        return Result<LegacyQueue>::failure(
            QStringLiteral("Expected a JSON array of queued feedback items."));
    const QJsonArray array = doc.array();
    if (array.size() > kMaxItems)
        return Result<LegacyQueue>::failure(
            QStringLiteral("Too many items (%1; at most %2).").arg(array.size()).arg(kMaxItems));
    LegacyQueue queue;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const int index = static_cast<int>(i + 1);
        if (!array.at(i).isObject()) {
            queue.skipped.append(QStringLiteral("item %1: not an object").arg(index));
            continue;
        }
        QJsonObject object = array.at(i).toObject();
        LegacyItem item;
        item.index = index;
        if (const auto problem = itemProblem(object, item.feedback)) {
            queue.skipped.append(QStringLiteral("item %1: %2").arg(index).arg(*problem));
            continue;
        }
        object.remove(QStringLiteral("synced"));
        item.identity = QJsonDocument(object).toJson(QJsonDocument::Compact);
        queue.items.append(std::move(item));
    }
    return queue;
}

Result<LegacyQueue> LegacyQueue::readFile(const QString &path)
{
    // Unbuffered: QFile then reads no more than is asked for, so the bound below bounds what is
    // read. The size a file reports proves nothing (devices, pipes, growing files): read at
    // most one byte past the limit, and refuse the file if that byte came.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Result<LegacyQueue>::failure(
            QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    constexpr qint64 kChunkBytes = 1024 * 1024;
    QByteArray bytes;
    while (bytes.size() <= kMaxFileBytes) {
        const QByteArray chunk = file.read(std::min(kChunkBytes, kMaxFileBytes + 1 - bytes.size()));
        if (chunk.isEmpty())
            break; // the end, or an error (below)
        bytes += chunk;
    }
    if (file.error() != QFileDevice::NoError)
        return Result<LegacyQueue>::failure(
            QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    if (bytes.size() > kMaxFileBytes)
        return Result<LegacyQueue>::failure(
            QStringLiteral("%1 holds more than %2 MiB (reading stopped there); nothing of it "
                           "was imported.")
                .arg(path)
                .arg(kMaxFileBytes / (1024 * 1024)));
    auto queue = parse(bytes);
    if (!queue)
        return Result<LegacyQueue>::failure(path + QStringLiteral(": ") + queue.error());
    return queue;
}

} // namespace feedback
