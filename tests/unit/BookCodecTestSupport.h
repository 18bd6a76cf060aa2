// What the BookCodec tests share (tst_bookcodec, tst_bookcodechostile): books on fixed replicas
// and clocks, the seeded random input, the CHECK that names the seed, and the seed corpus
// written for tests/fuzz/fuzz_bookcodec (FEEDBACK_WRITE_FUZZ_CORPUS=<dir>). Include it inside
// #ifndef Q_MOC_RUN: moc (Qt 6.4 via CMake 3.25) cannot parse the C++20 standard headers.
#pragma once

#include "core/BookCodec.h"
#include "core/FeedbackBook.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <array>
#include <random>

namespace feedback::test {

using Rng = std::mt19937_64;

const std::array<ReplicaId, 3> kReplicas = {ReplicaId{0x0123456789ABCDEFULL, 0x1111},
                                            ReplicaId{0xFEDCBA9876543210ULL, 2}, ReplicaId{0, 3}};
constexpr qint64 kHlc = qint64{1700000000000} << 16;
const QString kComment80 = QStringLiteral("Courier was polite and on time, parcel intact; left "
                                          "it at the door as asked! ✓✓✓");

inline quint64 baseSeed()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0xC0DEC5EEDULL;
}

inline QByteArray why(quint64 seed, const QString &what)
{
    return QStringLiteral("%1; rerun with FEEDBACK_TEST_SEED=%2").arg(what).arg(seed).toUtf8();
}

// QVERIFY2 that builds its message only on failure; needs `seed` in scope.
#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond))                                                                               \
            QVERIFY2(cond, why(seed, what).constData());                                           \
    } while (false)

inline int pick(Rng &rng, int n)
{
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
}

inline FeedbackBook makeBook(std::size_t r)
{
    const qint64 start = 1700000000000 + static_cast<qint64>(r);
    return FeedbackBook(kReplicas[r], HybridLogicalClock([t = start]() mutable { return t += 3; }));
}

inline RecordId idOf(const BookDelta &created)
{
    return created.entries.begin()->first;
}

inline NewFeedback input(int order, qint64 courier, int rating, const QString &comment = QString(),
                         const QStringList &reasons = {}, bool consent = false)
{
    return {QStringLiteral("ORD-%1").arg(order), courier, rating, comment, reasons, consent, {}};
}

template <class F> inline FeedbackEdit makeEdit(F &&change)
{
    FeedbackEdit e;
    change(e);
    return e;
}

inline void writeSeed(const char *name, const QByteArray &bytes)
{
    const QString dir = qEnvironmentVariable("FEEDBACK_WRITE_FUZZ_CORPUS");
    QFile file(QDir(dir).filePath(QString::fromLatin1(name)));
    if (!dir.isEmpty() && QDir().mkpath(dir) && file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

inline NewFeedback randomFeedback(Rng &rng, int n)
{
    static const QStringList comments = {QString(), QStringLiteral("Fast and friendly"),
                                         QStringLiteral("Le colis était abîmé — très déçu"),
                                         QStringLiteral("📦 arrived late 🙁\nsecond line"),
                                         kComment80};
    NewFeedback in = input(100000 + n, 1 + pick(rng, 500), 1 + pick(rng, 5),
                           comments.at(pick(rng, 5)), {}, pick(rng, 2) == 0);
    for (const QString &tag : ReasonCatalog::defaultTags())
        if (pick(rng, 4) == 0)
            in.reasons.append(tag);
    if (pick(rng, 4) == 0)
        in.needsFollowUp = pick(rng, 2) == 0;
    return in;
}

inline FeedbackEdit randomEdit(Rng &rng)
{
    FeedbackEdit e;
    for (int i = 0, n = 1 + pick(rng, 3); i < n; ++i) {
        const int kind = pick(rng, 9);
        const int x = pick(rng, 100);
        if (kind == 0)
            e.rating = 1 + x % 5;
        else if (kind == 1)
            e.comment = QStringLiteral("edited %1 ✎").arg(x);
        else if (kind == 2)
            e.reasons = ReasonCatalog::defaultTags().mid(x % 7, x % 3), e.rating = 1 + x % 5;
        else if (kind == 3 || kind == 4)
            (kind == 3 ? e.publishConsent : e.needsFollowUp) = x % 2 == 0;
        else if (kind == 5)
            e.followUp = static_cast<FollowUpStatus>(x % 3);
        else if (kind == 6)
            e.assignee = QStringLiteral("agent-%1").arg(x % 4);
        else if (kind == 7)
            e.noteAuthor = QStringLiteral("Sam"), e.noteText = QStringLiteral("call %1").arg(x);
        else
            e.retract = x % 3 == 0;
    }
    if (e.isEmpty())
        e.rating = 3;
    return e;
}

} // namespace feedback::test
