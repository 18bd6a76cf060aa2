// Typed access to what the store keeps by name (StoredKey, see SettingKey.h): plain values and
// sealed secrets, each read through its key's type and fallback.
#pragma once

#include "FeedbackStore.h"
#include "SettingKey.h"

namespace feedback::store {

// The value, or nothing when it was never written (or a secret does not open).
template <typename T>
std::optional<T> findStored(const FeedbackStore &store, const StoredKey<T> &key)
{
    const std::optional<QByteArray> bytes =
        key.kind == StoredKey<T>::Kind::Secret ? store.secret(key.name) : store.value(key.name);
    if (!bytes)
        return std::nullopt;
    return storedbytes::decode<T>(*bytes);
}

template <typename T> T stored(const FeedbackStore &store, const StoredKey<T> &key)
{
    return findStored(store, key).value_or(key.fallback);
}

template <typename T>
Status setStored(FeedbackStore &store, const StoredKey<T> &key, const T &value)
{
    const QByteArray bytes = storedbytes::encode(value);
    return key.kind == StoredKey<T>::Kind::Secret ? store.setSecret(key.name, bytes)
                                                  : store.setValue(key.name, bytes);
}

// The value as a position that commits with remote deltas (FeedbackStore::applyRemote).
template <typename T>
FeedbackStore::Position storedPosition(const StoredKey<T> &key, const T &value)
{
    return FeedbackStore::Position{key.name, storedbytes::encode(value)};
}

} // namespace feedback::store
