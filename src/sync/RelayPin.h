// The key a device trusts its relay by: SHA-256 of the public key (SubjectPublicKeyInfo, DER) of
// the relay's TLS certificate. The key, not the certificate: Let's Encrypt and other CAs renew a
// certificate every few months, and a pin of the certificate would break at each renewal. With a
// pin, the key alone decides: a self-signed relay needs no CA file, and a relay with another key
// is refused even when a CA vouches for it. An operator who changes the key must have devices
// pin the new one (`feedbackctl sync --forget-relay-key`, or a new invite).
//
// A profile keeps one pin, for one relay (host and port of its wss:// URL): a profile pointed at
// another relay starts without a pin there, and a pin never applies to plain ws://.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <common/Result.h>
#include <store/Profile.h>

class QSslCertificate;

namespace feedback::sync {

class RelayPin
{
public:
    static constexpr qsizetype kBytes = 32; // SHA-256

    // The pin of `certificate`'s public key: kBytes bytes; empty when it has no key Qt reads.
    static QByteArray of(const QSslCertificate &certificate);

    // "sha256/" followed by the pin in base64 (44 characters, padded): what operators compare
    // with `openssl x509 -pubkey -noout -in CERT | openssl pkey -pubin -outform der | openssl
    // dgst -sha256 -binary | base64`.
    static QString toText(const QByteArray &pin);
    // The pin of a text of toText's form, exactly (no spaces, no other base64 alphabet, padding
    // as written by toText); BadData for anything else.
    static Result<QByteArray> parse(const QString &text);

    // What a pin is kept for: "host:port" of a wss:// URL (port 443 when it names none,
    // "[address]:port" for IPv6); empty for anything else (ws://, no host).
    static QString relayOf(const QUrl &url);

    // The pin the profile keeps for the relay of `url`: empty when it keeps none, or one for
    // another relay, or `url` is not wss://. Damaged when the setting does not read (edited by
    // hand): nothing is trusted then, and the error says how to remove it.
    static Result<QByteArray> load(const store::Profile &profile, const QUrl &url);
    // Keeps `pin` as the relay's of `url` (replacing any pin kept before, for any relay).
    // BadData when `pin` is not kBytes long or `url` is not a wss:// URL with a host.
    static Status save(const store::Profile &profile, const QUrl &url, const QByteArray &pin);
    // Removes the pin kept (for whatever relay): the next sync that gets through pins again.
    static Status forget(const store::Profile &profile);
};

} // namespace feedback::sync
