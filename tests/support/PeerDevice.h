// A device of a workspace in the test's own process that syncs with nearby devices only (no
// relay at all): a real profile store in a directory (random key, the workspace secret kept in
// it), its own certificate issued with the workspace key, and a PeerNetwork on 127.0.0.1
// without discovery. Header-only: the benchmarks link sync but not the test processes.
#pragma once

#include <QDir>

#include <memory>
#include <optional>
#include <store/FeedbackStore.h>
#include <sync/DeviceCredentials.h>
#include <sync/PeerNetwork.h>

namespace feedback::test {

struct PeerDevice
{
    std::unique_ptr<store::FeedbackStore> store;
    std::optional<sync::WorkspaceKeys> keys;
    std::unique_ptr<sync::PeerNetwork> peers;

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(peers->listenPort()); }
    // A new network for this store: listening on a free port, dialling `dial`.
    bool serve(const QList<sync::PeerAddress> &dial = {}, int answerTimeoutMs = 0)
    {
        sync::PeerNetwork::Options options;
        if (answerTimeoutMs > 0)
            options.answerTimeoutMs = answerTimeoutMs;
        options.listen = sync::PeerAddress{QStringLiteral("127.0.0.1"), 0};
        options.discovery = false;
        options.peers = dial;
        peers = std::make_unique<sync::PeerNetwork>(*store, *keys, options);
        return bool(peers->start());
    }
};

// nullopt when the store cannot be made there.
inline std::optional<PeerDevice> makePeerDevice(const QString &dir, const QByteArray &secret,
                                                const QString &name)
{
    QDir().mkpath(dir);
    auto s = store::FeedbackStore::open(dir + QStringLiteral("/feedback.db"),
                                        store::SecretKey::random(), {});
    if (!s || !(*s)->setSecret(QStringLiteral("workspace"), secret))
        return std::nullopt;
    auto keys = sync::WorkspaceKeys::fromSecret(secret);
    if (!keys || !sync::DeviceCredentials::ensure(**s, *keys, (*s)->deviceId(), name))
        return std::nullopt;
    PeerDevice d;
    d.store = std::move(*s);
    d.keys = std::move(*keys);
    return d;
}

} // namespace feedback::test
