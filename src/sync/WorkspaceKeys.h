// Everything a device derives from the workspace secret (32 random bytes, kept only in the
// encrypted profile): the key that seals deltas for the wire and the Ed25519 key pair whose
// public half is the workspace id. crypto_kdf keeps the two independent.
#pragma once

#include <QByteArray>

#include <core/Result.h>
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

    // Seals an encoded delta for the relay: XChaCha20-Poly1305 with the
    // associated data (workspace, origin, seq), so a sealed delta cannot be replayed elsewhere.
    // The sealed body is a format byte (0 raw, 1 zlib) and the encoding, compressed when that
    // is smaller.
    QByteArray seal(const QByteArray &encodedDelta, const QByteArray &origin, quint64 seq) const;
    Result<QByteArray> open(const QByteArray &sealed, const QByteArray &origin, quint64 seq) const;

    // The body inside the seal on its own, so that tests can feed it damaged or hostile
    // bodies directly.
    static QByteArray encodeBody(const QByteArray &encodedDelta);
    static Result<QByteArray> decodeBody(const QByteArray &body);

private:
    QByteArray associatedData(const QByteArray &origin, quint64 seq) const;

    QByteArray m_publicKey;
    QByteArray m_secretKey;
    store::SecretKey m_deltaKey;
};

} // namespace feedback::sync
