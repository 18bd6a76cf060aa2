// Inside the protocol library: detached Ed25519 signatures with libsodium, and the signed
// envelope that certificates and revocations share: CBOR [body: bytes, signature: bytes(64)],
// the signature by the workspace key over a context string followed by the body.
#pragma once

#include <QByteArray>
#include <QCborArray>

#include <common/Result.h>

namespace feedback::protocol::ed25519 {

constexpr qsizetype kPublicKeyBytes = 32;
constexpr qsizetype kSecretKeyBytes = 64;

void initialise();
// Empty when the key is not 64 bytes.
QByteArray sign(const QByteArray &secretKey64, const QByteArray &message);
bool verify(const QByteArray &publicKey32, const QByteArray &message, const QByteArray &signature);

// BLAKE2b-256 of `bytes`: what signed messages carry of long contents (units, snapshot parts),
// and what the relay keeps of an admission token.
QByteArray digest(const QByteArray &bytes);

// The public half of a libsodium secret key (its last 32 bytes); empty if not 64 bytes.
QByteArray publicKeyOf(const QByteArray &secretKey64);

// [body, signature over context ‖ body] as CBOR.
QByteArray seal(const QByteArray &secretKey64, const QByteArray &context, const QByteArray &body);
// The items of the body of an envelope of at most `maxBytes` whose signature verifies with
// `publicKey32`: exact CBOR (no trailing bytes), exact shapes. BadData or TooLarge otherwise.
Result<QCborArray> open(const QByteArray &bytes, qsizetype maxBytes, const QByteArray &context,
                        const QByteArray &publicKey32, const char *what);

} // namespace feedback::protocol::ed25519
