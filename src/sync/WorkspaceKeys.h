// Everything a device derives from the workspace secret (32 random bytes, kept only in the
// encrypted profile): the key that seals deltas for the wire and the Ed25519 key pair whose
// public half is the workspace id. crypto_kdf keeps the two independent.
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

    const QByteArray &workspaceId() const { return m_publicKey; } // 32 bytes
    const QByteArray &signingKey() const { return m_secretKey; }  // 64 bytes, never logged
    const store::SecretKey &deltaKey() const { return m_deltaKey; }

    // Seals an encoded delta for the relay: XChaCha20-Poly1305 with the associated data
    // (workspace, origin, seq), so a sealed delta cannot be replayed elsewhere. The body is
    // described in DeltaBody.
    QByteArray seal(const QByteArray &encodedDelta, const QByteArray &origin, quint64 seq) const;
    // Seals deltas firstSeq, firstSeq + 1, ... of `origin` as one unit (the associated data
    // adds the count). One delta is sealed as by seal().
    QByteArray sealGroup(const QList<QByteArray> &encodedDeltas, const QByteArray &origin,
                         quint64 firstSeq) const;
    // Opens a unit of the log, single or group, into its encoded deltas in sequence order.
    Result<QList<QByteArray>> open(const protocol::SealedDelta &unit,
                                   InflateBudget *budget = nullptr) const;

private:
    QByteArray associatedData(const QByteArray &origin, quint64 seq, quint64 count) const;

    QByteArray m_publicKey;
    QByteArray m_secretKey;
    store::SecretKey m_deltaKey;
};

} // namespace feedback::sync
