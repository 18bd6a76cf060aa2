// A device in the test's own process, for the tests and benchmarks that drive sync directly: a
// real profile store in a directory (random key, the workspace secret kept in it) and a sync
// client for a relay URL. Header-only: the benchmarks link sync but not the test processes.
#pragma once

#include <QDir>
#include <QUrl>

#include <memory>
#include <optional>
#include <store/FeedbackStore.h>
#include <sync/SyncClient.h>

namespace feedback::test {

struct SyncDevice
{
    std::unique_ptr<store::FeedbackStore> store;
    std::unique_ptr<sync::SyncClient> client;

    bool upToDate() const { return client->session().state() == sync::SyncState::UpToDate; }
    // A new client for this store (another relay URL, or after the last one was dropped).
    void connectTo(const QByteArray &secret, const QString &url)
    {
        sync::SyncClient::Options options;
        options.relayUrl = QUrl(url);
        client = std::make_unique<sync::SyncClient>(
            *store, *sync::WorkspaceKeys::fromSecret(secret), options);
    }
};

// nullopt when the store cannot be made there.
inline std::optional<SyncDevice> makeSyncDevice(const QString &dir, const QByteArray &secret,
                                                const QString &url)
{
    QDir().mkpath(dir);
    auto s = store::FeedbackStore::open(dir + QStringLiteral("/feedback.db"),
                                        store::SecretKey::random(), {});
    if (!s || !(*s)->setSecret(QStringLiteral("workspace"), secret))
        return std::nullopt;
    SyncDevice d;
    d.store = std::move(*s);
    d.connectTo(secret, url);
    return d;
}

} // namespace feedback::test
