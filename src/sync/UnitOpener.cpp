#include "UnitOpener.h"

#include <core/BookCodec.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using protocol::SealedDelta;

Result<QList<BookDelta>> openUnit(const WorkspaceKeys &keys, const SealedDelta &unit,
                                  InflateBudget *budget)
{
    using Out = QList<BookDelta>;
    auto plain = keys.open(unit, budget);
    if (!plain)
        return Result<Out>::failure(plain);
    const auto replica = store::RowSealer::replicaFromBytes(unit.origin);
    Out out;
    out.reserve(plain->size());
    for (qsizetype i = 0; i < plain->size(); ++i) {
        auto delta = BookCodec::decodeDelta(plain->at(i));
        if (!delta)
            return Result<Out>::failureOf(delta, QStringLiteral("a delta does not decode: "));
        // A delta is the one mutation its (origin, seq) names: a member must not mint dots in
        // another device's name or far ahead of its own sequence.
        if (!replica || delta->minted.size() != 1 ||
            *delta->minted.begin() != crdt::Dot{*replica, unit.seq + static_cast<quint64>(i)})
            return Result<Out>::failure(
                QStringLiteral("a delta does not match its origin and sequence number"));
        out.append(std::move(*delta));
    }
    return out;
}

} // namespace feedback::sync
