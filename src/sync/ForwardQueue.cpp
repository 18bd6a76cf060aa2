#include "ForwardQueue.h"

#include <QCborArray>
#include <QCborValue>

#include <common/LogCategories.h>
#include <store/StoredValue.h>

namespace feedback::sync {

using protocol::SealedDelta;

namespace {

const store::StoredKey<QByteArray> kForward{
    QStringLiteral("sync/forward"), store::StoredKey<QByteArray>::Kind::Value, {}};

QByteArray encodeUnits(const QList<SealedDelta> &units)
{
    QCborArray list;
    for (const SealedDelta &u : units)
        list.append(QCborArray{u.origin, static_cast<qint64>(u.seq), static_cast<qint64>(u.count),
                               u.sealed, u.signature});
    return QCborValue(list).toCbor();
}

// Read back from the store: checked like anything from disk; what does not fit is dropped.
QList<SealedDelta> decodeUnits(const QByteArray &bytes)
{
    QList<SealedDelta> out;
    const QCborValue root = QCborValue::fromCbor(bytes);
    if (!root.isArray())
        return out;
    for (const QCborValue &item : root.toArray()) {
        const QCborArray f = item.toArray();
        if (f.size() != 5 || f.at(0).toByteArray().size() != 16 || !f.at(1).isInteger() ||
            !f.at(2).isInteger() || f.at(3).toByteArray().isEmpty() ||
            f.at(4).toByteArray().size() != protocol::limits::kSignatureBytes)
            continue;
        const qint64 seq = f.at(1).toInteger();
        const qint64 count = f.at(2).toInteger();
        if (seq < 1 || quint64(seq) > protocol::limits::kMaxSeq || count < 1 ||
            quint64(count) > protocol::limits::kMaxGroupDeltas ||
            f.at(3).toByteArray().size() > protocol::limits::kMaxSealedDeltaBytes)
            continue;
        out.append(SealedDelta{f.at(0).toByteArray(), quint64(seq), f.at(3).toByteArray(), 0,
                               quint64(count), f.at(4).toByteArray()});
        if (out.size() >= ForwardQueue::kMaxUnits)
            break;
    }
    return out;
}

} // namespace

ForwardQueue::ForwardQueue(store::FeedbackStore &store)
    : m_store(store)
    , m_units(decodeUnits(store::stored(store, kForward)))
{}

void ForwardQueue::received(const QList<SealedDelta> &units)
{
    for (const SealedDelta &u : units)
        if (u.signature.size() == protocol::limits::kSignatureBytes && u.position != 0)
            m_units.append(u);
    bound();
}

void ForwardQueue::bound()
{
    qsizetype bytes = 0;
    for (const SealedDelta &u : std::as_const(m_units))
        bytes += u.sealed.size();
    while (!m_units.isEmpty() && (m_units.size() > kMaxUnits || bytes > kMaxBytes)) {
        bytes -= m_units.first().sealed.size();
        m_units.removeFirst();
    }
}

void ForwardQueue::confirmed(quint64 cursor)
{
    m_units.removeIf(
        [cursor](const SealedDelta &u) { return u.position != 0 && u.position <= cursor; });
}

void ForwardQueue::seen(const SealedDelta &unit)
{
    const qsizetype before = m_units.size();
    m_units.removeIf([&unit](const SealedDelta &u) {
        return u.origin == unit.origin && u.lastSeq() <= unit.lastSeq();
    });
    if (m_units.size() != before && m_units.isEmpty())
        save();
}

void ForwardQueue::connectionEnded()
{
    for (SealedDelta &u : m_units)
        u.position = 0;
    save();
}

bool ForwardQueue::hasCarried() const
{
    return std::any_of(m_units.cbegin(), m_units.cend(),
                       [](const SealedDelta &u) { return u.position == 0; });
}

QList<SealedDelta> ForwardQueue::takeCarried()
{
    QList<SealedDelta> out;
    for (const SealedDelta &u : std::as_const(m_units))
        if (u.position == 0 && (out.isEmpty() || u.origin == out.first().origin))
            out.append(u);
    if (out.isEmpty())
        return out;
    const QByteArray origin = out.first().origin;
    m_units.removeIf(
        [&origin](const SealedDelta &u) { return u.position == 0 && u.origin == origin; });
    std::sort(out.begin(), out.end(),
              [](const SealedDelta &a, const SealedDelta &b) { return a.seq < b.seq; });
    // One unit per seq range: a unit received twice (a retried fan-out) is given once.
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const SealedDelta &a, const SealedDelta &b) { return a.seq == b.seq; }),
        out.end());
    save();
    return out;
}

void ForwardQueue::save()
{
    QList<SealedDelta> carried;
    for (const SealedDelta &u : std::as_const(m_units))
        if (u.position == 0)
            carried.append(u);
    const QByteArray bytes = carried.isEmpty() ? QByteArray() : encodeUnits(carried);
    if (store::stored(m_store, kForward) == bytes)
        return;
    if (Status s = store::setStored(m_store, kForward, bytes); !s)
        qCWarning(lcSync).noquote()
            << "cannot keep the live units to give the relay again:" << s.error();
}

} // namespace feedback::sync
