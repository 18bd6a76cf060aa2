#include "UnitSignature.h"

#include "Ed25519.h"

#include <QThreadPool>
#include <QtEndian>

#include <algorithm>
#include <atomic>
#include <common/CoreCount.h>
#include <latch>

namespace feedback::protocol::unitsignature {

namespace {

QByteArray bigEndian(quint64 v)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

// What is signed: the unit's place in the log and a digest of its bytes.
QByteArray message(const QByteArray &workspace, const SealedDelta &unit)
{
    return QByteArrayLiteral("courier-feedback/unit/1") + workspace + unit.origin +
           bigEndian(unit.seq) + bigEndian(unit.count) + ed25519::digest(unit.sealed);
}

} // namespace

QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &workspace,
                const SealedDelta &unit)
{
    return ed25519::sign(deviceSecretKey64, message(workspace, unit));
}

bool verify(const QByteArray &devicePublicKey32, const QByteArray &workspace,
            const SealedDelta &unit)
{
    return ed25519::verify(devicePublicKey32, message(workspace, unit), unit.signature);
}

qsizetype firstForged(const QByteArray &devicePublicKey32, const QByteArray &workspace,
                      const QList<SealedDelta> &units, int threads)
{
    // A few units are checked at once: handing them to a thread costs more than it saves.
    constexpr qsizetype kUnitsPerTask = 16;
    const qsizetype tasks =
        std::clamp<qsizetype>(units.size() / kUnitsPerTask, 1, std::max(1, threads));
    // The lowest forged index found so far: every task stops once it is past it, so a forged
    // batch costs no more checks than it must.
    std::atomic<qsizetype> firstBad(units.size());
    const auto check = [&](qsizetype task) noexcept {
        const qsizetype to = units.size() * (task + 1) / tasks;
        for (qsizetype i = units.size() * task / tasks; i < to && i < firstBad.load(); ++i) {
            bool good = false;
            try {
                good = verify(devicePublicKey32, workspace, units.at(i));
            } catch (...) { // (out of memory) not checked is not good; nothing leaves a task
            }
            if (!good) {
                qsizetype seen = firstBad.load();
                while (i < seen && !firstBad.compare_exchange_weak(seen, i)) {
                }
                return;
            }
        }
    };
    ed25519::initialise(); // before any thread needs it
    std::latch done(tasks - 1);
    for (qsizetype task = 1; task < tasks; ++task) {
        const auto run = [&check, &done, task] {
            check(task);
            done.count_down();
        };
        // A pool with no idle thread (another caller holds them) must not make this one wait.
        if (!QThreadPool::globalInstance()->tryStart(run))
            run();
    }
    check(0);
    done.wait();
    const qsizetype bad = firstBad.load();
    return bad < units.size() ? bad : -1;
}

qsizetype firstForged(const QByteArray &devicePublicKey32, const QByteArray &workspace,
                      const QList<SealedDelta> &units)
{
    return firstForged(devicePublicKey32, workspace, units, static_cast<int>(coreCount()));
}

} // namespace feedback::protocol::unitsignature
