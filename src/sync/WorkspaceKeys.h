// Everything a device derives from the workspace secret (32 random bytes, kept only in the
// encrypted profile): the key that seals deltas for the wire, the Ed25519 key pair whose public
// half is the workspace id, and the X25519 key pair kiosks seal to. crypto_kdf keeps them
// independent. A kiosk holds only the public halves (forKiosk): it seals, and opens nothing.
#pragma once

#include "DeltaBody.h"

#include <QByteArray>
#include <QList>

#include <common/Result.h>
#include <protocol/Messages.h>
#include <store/SecretKey.h>

namespace feedback::sync {

class WorkspaceKeys
{
public:
    static QByteArray newSecret();
    static Result<WorkspaceKeys> fromSecret(const QByteArray &secret);
    // A kiosk's keys: the workspace id and the public key units are sealed to (32 bytes each).
    static Result<WorkspaceKeys> forKiosk(const QByteArray &workspaceId,
                                          const QByteArray &boxPublicKey);

    // False on a kiosk: it holds no key that opens a unit, and cannot sign for the workspace.
    bool canRead() const { return m_deltaKey.isValid(); }
    const QByteArray &boxPublicKey() const { return m_boxPublicKey; } // 32 bytes

    const QByteArray &workspaceId() const { return m_publicKey; } // 32 bytes
    const QByteArray &signingKey() const { return m_secretKey; }  // 64 bytes, never logged
    const store::SecretKey &deltaKey() const { return m_deltaKey; }

    // Seals an encoded delta for the relay: XChaCha20-Poly1305 with the associated data
    // (workspace, origin, seq), so a sealed delta cannot be replayed elsewhere. The body is
    // described in DeltaBody. A kiosk seals to the workspace's box key instead (crypto_box_seal
    // of the associated data's hash and the body, after the marker "CFK1"): only the holders of
    // the workspace secret open it.
    QByteArray seal(const QByteArray &encodedDelta, const QByteArray &origin, quint64 seq) const;
    // Seals deltas firstSeq, firstSeq + 1, ... of `origin` as one unit (the associated data
    // adds the count). One delta is sealed as by seal().
    QByteArray sealGroup(const QList<QByteArray> &encodedDeltas, const QByteArray &origin,
                         quint64 firstSeq) const;
    // Opens a unit of the log, single or group, into its encoded deltas in sequence order; a
    // kiosk's unit too. Fails on a kiosk.
    Result<QList<QByteArray>> open(const protocol::SealedDelta &unit,
                                   InflateBudget *budget = nullptr) const;

private:
    QByteArray associatedData(const QByteArray &origin, quint64 seq, quint64 count) const;
    QByteArray sealForWorkspace(const QByteArray &body, const QByteArray &ad) const;
    std::optional<QByteArray> openKioskUnit(const QByteArray &sealed, const QByteArray &ad) const;

    QByteArray m_publicKey;
    QByteArray m_secretKey;
    store::SecretKey m_deltaKey;
    QByteArray m_boxPublicKey;
    store::SecretKey m_boxSecretKey; // invalid on a kiosk
};

} // namespace feedback::sync
