// Reads the old browser app's offline queue (a JSON array of items with orderId, courierId,
// rating, comment, reasons, publishConsent, needsFollowUp, synced) for import. Every item
// becomes either a submission or a reason why it was skipped; nothing is silently dropped.
#pragma once

#include "FeedbackTypes.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <common/Result.h>

namespace feedback {

struct LegacyItem
{
    int index = 0;       // 1-based position in the file, for messages
    QByteArray identity; // the item without its `synced` flag: the same item imports once
    NewFeedback feedback;
};

struct LegacyQueue
{
    QList<LegacyItem> items;
    QStringList skipped; // "item N: why"

    static constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024; // readFile reads at most this + 1
    static constexpr qsizetype kMaxItems = 1000000;

    static Result<LegacyQueue> parse(const QByteArray &json);
    static Result<LegacyQueue> readFile(const QString &path);
};

} // namespace feedback
