// What the relay load benchmarks share (bench_relay_load, bench_relay_pg): devices of this one
// process (LoadDevice.h) made, enrolled, connected in waves and driven on the event loop, their
// units signed by their origin, and the ingest run.
#pragma once

#include "BenchReport.h"
#include "LoadDevice.h"
#include "ProcessStats.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <support/RelayProcess.h>
#include <vector>

namespace feedback::bench::fleet {

using protocol::SealedDelta;

// The sealed bytes of one unit: one delta sealed alone (~185 bytes deflated, nonce and tag);
// with its origin, seq and signature ~300 bytes on the wire.
inline constexpr qsizetype kSealedBytes = 220;
using Devices = std::vector<std::unique_ptr<LoadDevice>>;

inline int setting(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// Runs the event loop until `done` or `timeoutMs`. It sleeps between events (a check every
// 2 ms) where a processEvents() spin would take a core from the relay.
inline bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer check;
    QElapsedTimer t;
    t.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start(2);
    if (!done())
        loop.exec();
    return done();
}

// The relay's options for `connections` sockets, all from 127.0.0.1 and most of one workspace
// (RelayProcess adds --open: the workspaces are made up here).
inline QStringList relayArgs(int connections)
{
    const QString n = QString::number(connections);
    return {QStringLiteral("--max-connections"),
            n,
            QStringLiteral("--max-connections-per-address"),
            n,
            QStringLiteral("--max-connections-per-workspace"),
            n};
}

// `count` units of `id` from seq `first`, each signed by its origin, as the relay requires.
inline QList<SealedDelta> makeUnits(const test::Identity &id, quint64 first, int count,
                                    QRandomGenerator &random)
{
    QList<SealedDelta> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        QByteArray sealed(kSealedBytes, Qt::Uninitialized);
        for (char &c : sealed)
            c = static_cast<char>(random.generate());
        out.append(id.sign({id.device, first + static_cast<quint64>(i), sealed, 0}));
    }
    return out;
}

inline double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

inline qint64 readyCount(const Devices &devices)
{
    return std::count_if(devices.begin(), devices.end(), [](const auto &d) { return d->ready(); });
}

// Why devices are not ready, by reason, on stderr.
inline void warnNotReady(const Devices &devices, const char *when)
{
    QMap<QString, int> why;
    for (const auto &d : devices)
        if (!d->ready())
            ++why[d->problem().isEmpty() ? QStringLiteral("no answer") : d->problem()];
    for (auto it = why.cbegin(); it != why.cend(); ++it)
        qWarning("%s: %d devices: %s", when, it.value(), qPrintable(it.key()));
}

// Opens the devices `wave` at a time, each wave settled (ready or refused) before the next: a
// fleet coming back to a relay, not 1,000 handshakes in one instant.
inline void connectAll(const Devices &devices, const QUrl &url, std::size_t wave)
{
    for (std::size_t from = 0; from < devices.size(); from += wave) {
        const auto begin = devices.begin() + static_cast<std::ptrdiff_t>(from);
        const auto end =
            devices.begin() + static_cast<std::ptrdiff_t>(std::min(devices.size(), from + wave));
        std::for_each(begin, end, [&url](const auto &d) { d->open(url); });
        runUntil(
            [&] { return std::all_of(begin, end, [](const auto &d) { return d->settled(); }); },
            test::kPatienceMs);
    }
}

// Each device enrolled alone before the fleet connects. A first enrolment sends the whole
// device list (one certificate per device) to every connected device of the workspace, so
// enrolling 1,000 at once would cost the relay ~N^3/3 certificates written: the growth of a
// fleet, which these figures are not about.
inline bool enrolOneByOne(const std::vector<test::Identity> &ids, const QUrl &url)
{
    for (const test::Identity &id : ids) {
        LoadDevice d(id, false);
        d.open(url);
        runUntil([&d] { return d.settled(); }, test::kPatienceMs);
        if (!d.ready()) {
            qWarning("enrolment refused: %s", qPrintable(d.problem()));
            return false;
        }
        d.close();
    }
    return true;
}

// Units acknowledged per second: FEEDBACK_LOAD_INGEST_DEVICES devices of
// FEEDBACK_LOAD_INGEST_WORKSPACES workspaces push FEEDBACK_LOAD_INGEST_UNITS units each, one batch
// in flight per device; reported as `name`.
inline void ingest(const test::RelayProcess &relay, const QString &name)
{
    const int n = setting("FEEDBACK_LOAD_INGEST_DEVICES", 100);
    const int perDevice = setting("FEEDBACK_LOAD_INGEST_UNITS", 2000);
    const int workspaces = std::min(n, setting("FEEDBACK_LOAD_INGEST_WORKSPACES", 10));
    const int batchWanted = setting("FEEDBACK_LOAD_BATCH", 500);
    std::vector<test::Identity> firsts;
    for (int w = 0; w < workspaces; ++w)
        firsts.push_back(test::Identity::fresh());
    Devices devices;
    for (int i = 0; i < n; ++i)
        devices.push_back(std::make_unique<LoadDevice>(firsts[i % workspaces].sibling(), false));
    // Signed before the clock starts, and before the devices connect (they would wait on it).
    QRandomGenerator random(2);
    std::vector<QList<SealedDelta>> units;
    for (const auto &d : devices)
        units.push_back(makeUnits(d->identity(), 1, perDevice, random));
    connectAll(devices, QUrl(relay.url()), devices.size());
    warnNotReady(devices, "ingest devices");

    // One batch in flight per device: the next goes when the last is acknowledged.
    std::vector<qsizetype> sent(devices.size(), 0);
    auto pushNext = [&](std::size_t i) {
        LoadDevice &d = *devices[i];
        const qsizetype batch = std::min<qsizetype>(batchWanted, d.maxBatch());
        if (!d.ready() || static_cast<qsizetype>(d.storedUpTo()) < sent[i] || sent[i] >= perDevice)
            return;
        d.push(units[i].mid(sent[i], batch));
        sent[i] += std::min<qsizetype>(batch, perDevice - sent[i]);
    };
    for (std::size_t i = 0; i < devices.size(); ++i)
        devices[i]->onAck([&pushNext, i] { pushNext(i); });
    QElapsedTimer clock;
    clock.start();
    const CpuShare cpu(relay.processId());
    for (std::size_t i = 0; i < devices.size(); ++i)
        pushNext(i);
    runUntil(
        [&] {
            return std::all_of(devices.begin(), devices.end(), [&](const auto &d) {
                return !d->ready() || d->storedUpTo() >= static_cast<quint64>(perDevice);
            });
        },
        600000);
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    qint64 acked = 0;
    for (const auto &d : devices)
        acked += static_cast<qint64>(d->storedUpTo());
    warnNotReady(devices, "after the ingest");
    QJsonObject extra{
        {QStringLiteral("devices"), readyCount(devices)},
        {QStringLiteral("workspaces"), workspaces},
        {QStringLiteral("unitsPerDevice"), perDevice},
        {QStringLiteral("acked"), acked},
        {QStringLiteral("batch"), std::min<qsizetype>(batchWanted, devices.front()->maxBatch())},
        {QStringLiteral("unitBytes"),
         protocol::encode(protocol::Push{{units.front().front()}}).size() -
             protocol::encode(protocol::Push{}).size()},
        {QStringLiteral("seconds"), seconds}};
    cpu.into(extra, QStringLiteral("MsPer1000Units"), static_cast<double>(acked) / 1000);
    bench::report(name, static_cast<double>(acked) / seconds, QStringLiteral("units/s"), extra);
    for (const auto &d : devices)
        d->close();
}

} // namespace feedback::bench::fleet
