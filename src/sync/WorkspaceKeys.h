// Everything a device derives from the workspace's secrets, kept only in the encrypted
// profile: per key epoch (PROTOCOL.md, "Key epochs") the key that seals deltas for the wire, the
// Ed25519 authority key pair that signs certificates and revocations, and the X25519 key pair
// kiosks seal to. Epoch 0 comes from the workspace secret (its authority's public half is the
// workspace id); each later epoch from the secret a rotation drew. crypto_kdf keeps them
// independent. Units are sealed with the latest epoch and name it; every epoch held still
// opens. A kiosk holds only the public halves (forKiosk): it seals, and opens nothing.
#pragma once

#include "DeltaBody.h"

#include <QByteArray>
#include <QList>

#include <common/Result.h>
#include <map>
#include <protocol/EpochChain.h>
#include <protocol/Messages.h>
#include <store/SecretKey.h>

namespace feedback::sync {

class WorkspaceKeys
{
public:
    static QByteArray newSecret();
    static Result<WorkspaceKeys> fromSecret(const QByteArray &secret);
    // A kiosk's keys: the workspace id and the public key units are sealed to (32 bytes each)
    // of `epoch`, whose authority is `authority` (the workspace id for epoch 0).
    static Result<WorkspaceKeys> forKiosk(const QByteArray &workspaceId,
                                          const QByteArray &boxPublicKey, quint64 epoch = 0,
                                          const QByteArray &authority = {});

    // A later epoch's secret (32 bytes), on a full device.
    Status addEpochSecret(quint64 epoch, const QByteArray &secret);
    // The statements of the workspace's epochs, verified: on a full device each must match
    // the secret held for it; on a kiosk they give the keys it seals to.
    Status adoptChain(const protocol::EpochChain &chain);
    const protocol::EpochChain &chain() const { return m_chain; }
    // The latest epoch held: units are sealed with it, certificates signed by its authority.
    quint64 epoch() const { return m_epochs.rbegin()->first; }
    // The secrets of epochs 1.., in order (for an invite code, for the store).
    QList<std::pair<quint64, QByteArray>> epochSecrets() const;
    // Certificates and revocations against every authority held, newest first.
    Result<protocol::DeviceCertificate> verifyCertificate(const QByteArray &bytes) const;
    Result<protocol::Revocation> verifyRevocation(const QByteArray &bytes,
                                                  quint64 *epoch = nullptr) const;
    const QByteArray &authority() const { return m_epochs.rbegin()->second.authority; }
    // Every authority held, newest first.
    QList<QByteArray> authorities() const;

    // False on a kiosk: it holds no key that opens a unit, and cannot sign for the workspace.
    bool canRead() const { return m_epochs.rbegin()->second.deltaKey.isValid(); }
    const QByteArray &boxPublicKey() const { return m_epochs.rbegin()->second.boxPublicKey; }

    const QByteArray &workspaceId() const { return m_workspaceId; } // 32 bytes
    // The latest epoch's delta key (a unit of epoch 1 on also names its epoch, seal()).
    const store::SecretKey &deltaKey() const { return m_epochs.rbegin()->second.deltaKey; }
    // The latest epoch's authority key (64 bytes, never logged); empty on a kiosk.
    const QByteArray &signingKey() const { return m_epochs.rbegin()->second.authoritySecret; }

    // Seals an encoded delta for the relay: XChaCha20-Poly1305 with the associated data
    // (workspace, origin, seq), so a sealed delta cannot be replayed elsewhere. The body is
    // described in DeltaBody. A kiosk seals to the workspace's box key instead (crypto_box_seal
    // of the associated data's hash and the body, after the marker "CFK1"): only the holders of
    // the workspace secret open it. From epoch 1 on, the markers "CFE1" and "CFK2" with the
    // epoch (4 bytes, big-endian) come first.
    QByteArray seal(const QByteArray &encodedDelta, const QByteArray &origin, quint64 seq) const;
    // Seals deltas firstSeq, firstSeq + 1, ... of `origin` as one unit (the associated data
    // adds the count). One delta is sealed as by seal().
    QByteArray sealGroup(const QList<QByteArray> &encodedDeltas, const QByteArray &origin,
                         quint64 firstSeq) const;
    // A part of a snapshot (SnapshotParts): sealed like a unit of the latest epoch, with the
    // part's own associated data; opened with any epoch held. Full devices only.
    QByteArray sealPart(const QByteArray &plain, const QByteArray &ad) const
    {
        return sealForWorkspace(plain, ad);
    }
    std::optional<QByteArray> openPart(const QByteArray &sealed, const QByteArray &ad) const
    {
        QString missing;
        return canRead() ? openBody(sealed, ad, missing) : std::nullopt;
    }
    // Opens a unit of the log, single or group, into its encoded deltas in sequence order; a
    // kiosk's unit too, of any epoch held. Fails on a kiosk.
    Result<QList<QByteArray>> open(const protocol::SealedDelta &unit,
                                   InflateBudget *budget = nullptr) const;

private:
    struct Epoch
    {
        QByteArray authority;       // 32 bytes
        QByteArray authoritySecret; // 64 bytes; empty on a kiosk
        store::SecretKey deltaKey;  // invalid on a kiosk
        QByteArray boxPublicKey;
        store::SecretKey boxSecretKey; // invalid on a kiosk
        store::SecretKey secret;       // what they derive from (epochs 1..; full devices)
    };
    static Epoch derive(const QByteArray &secret, const char *context);

    QByteArray associatedData(const QByteArray &origin, quint64 seq, quint64 count) const;
    QByteArray sealForWorkspace(const QByteArray &body, const QByteArray &ad) const;
    std::optional<QByteArray> openKioskUnit(const Epoch &epoch, const QByteArray &boxed,
                                            const QByteArray &ad) const;
    std::optional<QByteArray> openBody(const QByteArray &sealed, const QByteArray &ad,
                                       QString &missing) const;

    QByteArray m_workspaceId;
    std::map<quint64, Epoch> m_epochs; // never empty
    protocol::EpochChain m_chain;
};

} // namespace feedback::sync
